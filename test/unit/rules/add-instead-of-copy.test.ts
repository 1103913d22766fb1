import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../../src/core/fix';
import { findings, roundTrip } from '../../support/ruleHarness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/add-instead-of-copy', name), 'utf8');

describe('add-instead-of-copy (unit)', () => {
  it('fires on ADD of local files and folders, in shell and JSON form', () => {
    const found = findings(fixture('input.Dockerfile'), 'add-instead-of-copy');
    assert.deepEqual(found.map((f) => f.range.start.line), [2, 3]);
  });

  it('is silent on URLs, git sources, archives, variables, heredocs and ADD-only flags', () => {
    const silent = [
      'ADD https://example.com/a.txt /a.txt',
      'ADD git@github.com:moby/buildkit.git /src',
      'ADD https://github.com/moby/buildkit.git#v0.14 /src',
      'ADD rootfs.tar.xz /',
      'ADD app.tgz /opt/',
      'ADD ${SOURCE} /src',
      'ADD --checksum=sha256:abc https://example.com/x /x',
      'ADD --keep-git-dir=true https://github.com/a/b.git /b',
      'ADD <<EOF /etc/motd\nhello\nEOF',
      'ADD',
    ];
    for (const line of silent) assert.deepEqual(findings(`FROM alpine:3.20\n${line}\n`, 'add-instead-of-copy'), [], line);
  });

  it('fixes by renaming ADD to COPY in the case it was written, keeping flags', () => {
    let text = fixture('input.Dockerfile');
    while (findings(text, 'add-instead-of-copy').length) text = roundTrip(text, 'add-instead-of-copy');
    assert.equal(text, fixture('fixed.Dockerfile'));
  });

  it('offers a safe fix that applies on its own', () => {
    const [d] = findings('FROM alpine:3.20\nADD . /src\n', 'add-instead-of-copy');
    assert.equal(d.fixes[0].safe, true);
    assert.equal(applyEdits('FROM alpine:3.20\nADD . /src\n', d.fixes[0].edits), 'FROM alpine:3.20\nCOPY . /src\n');
  });
});
