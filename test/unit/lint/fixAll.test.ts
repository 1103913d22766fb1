// Fix-all over text, as the editor runs it (core/lint/fixAll.ts): every safe fix, round after round.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { folderContext } from '../../../src/core/context';
import { lint } from '../../../src/core/lint/lint';
import { fixAllChanges, fixAllSafe } from '../../../src/core/lint/fixAll';

describe('editor fix-all (unit)', () => {
  it('applies every safe fix over several rounds, and leaves the unsafe ones', () => {
    const text = 'FROM debian:12-slim\nMAINTAINER Jane\nRUN apt-get update && apt-get install curl\nCMD ["bash"]\n';
    const { text: fixed, applied } = fixAllSafe(text, {});
    assert.match(fixed, /^LABEL org\.opencontainers\.image\.authors="Jane"$/m);
    const run = fixed.split('\n')[2];
    for (const part of [' -y ', ' --no-install-recommends ', '&& rm -rf /var/lib/apt/lists/*'])
      assert.ok(run.includes(part), `${part} in ${run}`);
    assert.ok(applied >= 4, `applied ${applied}`);
    const left = lint(fixed, {}).filter((d) => d.fixes.some((f) => f.safe));
    assert.deepEqual(
      left.map((d) => d.rule),
      [],
      'no safe fix is left',
    );
    assert.ok(
      lint(fixed, {}).some((d) => d.rule === 'non-root-user'),
      'the unsafe non-root-user fix is not applied',
    );
    assert.doesNotMatch(fixed, /useradd/);
  });

  it('changes nothing when nothing is safe to fix, and respects rule levels', () => {
    const clean = 'FROM debian:12-slim\nUSER nobody\nCMD ["bash"]\n';
    assert.deepEqual(fixAllSafe(clean, {}), { text: clean, contextEdits: [], applied: 0 });
    const text = 'FROM debian:12-slim\nMAINTAINER Jane\nUSER nobody\n';
    assert.equal(fixAllSafe(text, { rules: { 'maintainer-deprecated': 'off' } }).text, text);
  });

  it('returns the .dockerignore to create once, though each round finds it missing again', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-fixall-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), '{}');
      const file = path.join(dir, 'Dockerfile');
      const text = 'FROM node:20-slim\nMAINTAINER Jane\nUSER node\nCMD ["node", "server.js"]\n';
      fs.writeFileSync(file, text);
      const result = fixAllSafe(text, { context: folderContext(dir, file) });
      assert.deepEqual(
        result.contextEdits.map((e) => [e.path, e.create]),
        [['.dockerignore', true]],
      );
      assert.match(result.text, /^LABEL /m, 'the Dockerfile fixes still apply');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts a .dockerignore to create as a change of its own, when the Dockerfile needs no other fix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-fixall-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), '{}');
      const file = path.join(dir, 'Dockerfile');
      const text = 'FROM node:20-slim\nUSER node\nCMD ["node", "server.js"]\n';
      fs.writeFileSync(file, text);
      const result = fixAllSafe(text, { context: folderContext(dir, file) });
      assert.equal(result.text, text);
      const changes = fixAllChanges(text, result, true);
      assert.deepEqual(
        changes?.contextEdits.map((e) => [e.path, e.create]),
        [['.dockerignore', true]],
      );
      assert.equal(changes?.text, undefined, 'the Dockerfile is left as it is');
      assert.equal(fixAllChanges(text, result, false), undefined, 'without a context folder nothing can be written');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has no changes when there is nothing to fix, and the new text when the Dockerfile changed', () => {
    const clean = 'FROM debian:12-slim\nUSER nobody\nCMD ["bash"]\n';
    assert.equal(fixAllChanges(clean, fixAllSafe(clean, {}), true), undefined);
    const text = 'FROM debian:12-slim\nMAINTAINER Jane\nUSER nobody\n';
    const changes = fixAllChanges(text, fixAllSafe(text, {}), false);
    assert.match(changes?.text ?? '', /^LABEL /m);
    assert.deepEqual(changes?.contextEdits, []);
  });
});
