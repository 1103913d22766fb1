import assert from 'node:assert/strict';
import { lazyFix, plainFix } from '../../../src/core/lint/lazyFix';
import { lint } from '../../../src/core/lint/lint';

describe('lazy fixes (unit)', () => {
  it('works out the edits once, when they are first read, and not for the title or safety', () => {
    let made = 0;
    const fix = lazyFix('Do it', true, () => {
      made++;
      return {
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'x' }],
        note: 'n',
      };
    });
    assert.deepEqual([fix.title, fix.safe, made], ['Do it', true, 0]);
    assert.equal(fix.edits.length, 1);
    assert.equal(fix.note, 'n');
    assert.equal(fix.contextEdits, undefined);
    assert.equal(made, 1);
  });

  it('gives plain data that survives a structured clone, as posted from a lint thread', () => {
    const [finding] = lint('FROM node:20\nRUN npm ci\n', { rules: { 'cache-mount': 'info' } }).filter(
      (d) => d.rule === 'cache-mount',
    );
    assert.ok(finding, 'cache-mount fires');
    assert.throws(() => structuredClone(finding.fixes[0]), 'a lazy fix holds a function');
    const plain = structuredClone(plainFix(finding.fixes[0]));
    assert.equal(plain.title, finding.fixes[0].title);
    assert.deepEqual(plain.edits, finding.fixes[0].edits);
    assert.ok(plain.edits.some((e) => e.newText.includes('--mount=type=cache')));
  });
});
