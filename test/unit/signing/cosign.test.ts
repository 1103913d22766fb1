import assert from 'node:assert/strict';
import {
  cosignError,
  cosignTagOf,
  digestReference,
  foldCosignTags,
  parseCosignTag,
  signCommand,
  verifiedDigests,
  verifyCommand,
} from '../../../src/core/signing';

// The real cosign's answers are in test/integration/signing/cosign.test.ts.
const HEX = 'a'.repeat(64);
const DIGEST = `sha256:${HEX}`;

describe('cosign tags (unit)', () => {
  const tags: [string, ReturnType<typeof parseCosignTag>][] = [
    [`sha256-${HEX}.sig`, { digest: DIGEST, kind: 'sig' }],
    [`sha256-${HEX}.att`, { digest: DIGEST, kind: 'att' }],
    [`sha256-${HEX}.sbom`, { digest: DIGEST, kind: 'sbom' }],
    [`sha256-${HEX}.sig.bak`, undefined],
    [`sha256-${HEX.slice(1)}.sig`, undefined],
    [`sha512-${HEX}.sig`, undefined],
    ['1.0', undefined],
  ];
  for (const [tag, parsed] of tags)
    it(`${tag.replace(HEX, '<hex>')} is ${parsed ? `a ${parsed.kind}` : 'an image tag'}`, () => {
      assert.deepEqual(parseCosignTag(tag), parsed);
    });

  it('folds signatures, attestations and SBOMs under their digest, keeping the other tags in order', () => {
    const other = `sha256-${'b'.repeat(64)}.sig`;
    const folded = foldCosignTags(['2.0', cosignTagOf(DIGEST, 'sig'), 'latest', cosignTagOf(DIGEST, 'att'), other]);
    assert.deepEqual(folded.images, ['2.0', 'latest']);
    assert.deepEqual(
      [...folded.attached],
      [
        [DIGEST, ['sig', 'att']],
        [`sha256:${'b'.repeat(64)}`, ['sig']],
      ],
    );
  });
});

describe('cosign commands (unit)', () => {
  const cosign = { command: '/usr/bin/cosign', env: { DOCKER_CONFIG: '/cfg' } };
  const image = { registry: '127.0.0.1:5000', repository: 'team/app', digest: DIGEST };
  const use = { key: 'cosign.key', transparencyLog: false, plainHttp: true };

  it('signs the digest with the password in the environment only', () => {
    const command = signCommand(cosign, image, use, 'secret');
    assert.deepEqual(command.args, [
      'sign',
      '--key',
      'cosign.key',
      '--yes',
      '--allow-http-registry',
      '--tlog-upload=false',
      `127.0.0.1:5000/team/app@${DIGEST}`,
    ]);
    assert.deepEqual(command.env, { DOCKER_CONFIG: '/cfg', COSIGN_PASSWORD: 'secret' });
  });

  it('keeps cosign’s defaults for a public registry with the transparency log, and a KMS key as it is', () => {
    const kms = { key: 'awskms:///alias/release', transparencyLog: true, plainHttp: false };
    const hub = { registry: 'docker.io', repository: 'library/nginx', digest: DIGEST };
    assert.deepEqual(signCommand(cosign, hub, kms).args, [
      'sign',
      '--key',
      'awskms:///alias/release',
      '--yes',
      `docker.io/library/nginx@${DIGEST}`,
    ]);
    assert.deepEqual(verifyCommand(cosign, 'ghcr.io/o/app:1', { ...kms, key: 'cosign.pub' }).args, [
      'verify',
      '--key',
      'cosign.pub',
      '--output',
      'json',
      'ghcr.io/o/app:1',
    ]);
  });

  it('refuses what is no digest, and names that are no names', () => {
    assert.throws(() => digestReference({ ...image, digest: 'latest' }), /not a digest/);
    assert.throws(() => digestReference({ ...image, repository: 'Team/App' }), /repository/);
    assert.throws(() => digestReference({ ...image, registry: 'bad host\n' }), /registry host/);
  });

  const errors: [string, string][] = [
    ['Error: no signatures found\nerror during command execution: no signatures found\n', 'no signatures found'],
    [
      'error during command execution: loading public key: open x.pub: no such file',
      'loading public key: open x.pub: no such file',
    ],
    [
      'error during command execution: signing [h/r@sha256:1]: getting signer: reading key: decrypt: encrypted: decryption failed',
      "the key's password is wrong (cosign: signing [h/r@sha256:1]: getting signer: reading key: decrypt: encrypted: decryption failed)",
    ],
    ['Error: bad \u001b[31mred\n', 'bad \\u001b[31mred'],
    ['', ''],
  ];
  for (const [stderr, said] of errors)
    it(`says ${JSON.stringify(said.slice(0, 40))} for cosign’s ${JSON.stringify(stderr.slice(0, 30))}`, () => {
      assert.equal(cosignError(stderr), said);
    });

  it('reads the digests of a verification, and nothing from what is not one', () => {
    const payload = (digest: unknown) => ({ critical: { image: { 'docker-manifest-digest': digest } } });
    assert.deepEqual(verifiedDigests(JSON.stringify([payload(DIGEST), payload(DIGEST)])), [DIGEST]);
    assert.deepEqual(verifiedDigests(JSON.stringify([payload('sha256:short'), payload(7)])), []);
    assert.deepEqual(verifiedDigests('{"critical":{}}'), []);
    assert.deepEqual(verifiedDigests('not json'), []);
  });
});
