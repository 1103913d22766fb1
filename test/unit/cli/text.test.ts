import assert from 'node:assert/strict';
import { formatText, useColour } from '../../../src/cli/formats/text';
import type { FileReport } from '../../../src/cli/lintFile';

const report: FileReport = {
  file: '/work/app/Dockerfile',
  problems: [],
  fixed: 0,
  diagnostics: [
    {
      rule: 'sudo',
      severity: 'error',
      message: 'Do not use sudo.',
      range: { start: { line: 9, character: 4 }, end: { line: 9, character: 8 } },
      fixes: [{ title: 'Remove sudo', safe: true, edits: [] }],
    },
    {
      rule: 'expose-ssh',
      severity: 'warning',
      message: 'Port 22.',
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } },
      fixes: [],
    },
  ],
};

describe('dockwright lint text output (unit)', () => {
  it('colours only a terminal, and never with NO_COLOR', () => {
    assert.equal(useColour({ isTTY: true }, {}), true);
    assert.equal(useColour({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(useColour({ isTTY: true }, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count (no-color.org)');
    assert.equal(useColour({ isTTY: false }, {}), false);
    assert.equal(useColour({}, {}), false);
  });

  it('groups findings under the file, relative to the current folder, aligned, with a summary', () => {
    const plain = formatText([report], '/work', false);
    assert.equal(
      plain,
      [
        'app/Dockerfile',
        '  10:5  error    Do not use sudo.  sudo (fixable)',
        '  3:1   warning  Port 22.  expose-ssh',
        '',
        '2 problems (1 error, 1 warning, 0 info) in 1 file',
        '',
      ].join('\n'),
    );
    const coloured = formatText([report], '/work', true);
    assert.ok(coloured.includes('\x1b[31merror  \x1b[0m'), 'errors in red');
    assert.ok(coloured.includes('\x1b[33mwarning\x1b[0m'), 'warnings in yellow');
    assert.equal(coloured.replace(/\x1b\[\d+m/g, ''), plain); // eslint-disable-line no-control-regex
  });

  it('says when there is nothing, and how many fixes were applied', () => {
    assert.equal(
      formatText([{ ...report, diagnostics: [], fixed: 3 }], '/work', false),
      'No problems in 1 file\n3 fixes applied\n',
    );
  });
});
