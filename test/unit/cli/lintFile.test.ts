import assert from 'node:assert/strict';
import { lintFile } from '../../../src/cli/lintFile';
import { allOn, corpusOrSkip } from '../real-world/sharedCorpus';

describe('dockwright lint reports as plain data (unit)', () => {
  it('holds no model, closure or lazy fix once a file is linted: each report survives a structured clone', function () {
    const corpus = corpusOrSkip(this);
    if (!corpus) return;
    const rules = allOn();
    for (const { file } of corpus.slice(0, 40)) {
      const report = lintFile({ file, root: file, rules });
      assert.ok(report.diagnostics.length, `${file} has findings`);
      assert.deepEqual(structuredClone(report), report, file);
      for (const d of report.diagnostics)
        for (const fix of d.fixes) assert.deepEqual(Object.keys(fix).sort(), ['safe', 'title']);
    }
  });
});
