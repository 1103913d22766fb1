import assert from 'node:assert/strict';
import { formatJson } from '../../../src/cli/formats/json';
import { formatSarif } from '../../../src/cli/formats/sarif';
import { formatText, useColour } from '../../../src/cli/formats/text';
import type { FileReport } from '../../../src/cli/lintFile';
import { printable } from '../../../src/core/printable';

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
      fixes: [{ title: 'Remove sudo', safe: true }],
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

describe('dockwright lint output of control characters from a repository (unit)', () => {
  const ESC_OSC52 = '\x1b]52;c;SGVsbG8=\x07';
  const hostile: FileReport = {
    file: `/work/app/a${ESC_OSC52}\r\x1b[2J\u009b\u202e.Dockerfile`,
    problems: [],
    fixed: 0,
    diagnostics: [
      {
        rule: 'pin-base-image',
        severity: 'warning',
        message: `FROM alpine${ESC_OSC52}\u0085\u2066\tx\ny`,
        range: { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } },
        fixes: [],
      },
    ],
  };

  it('shows every control, bidi and line-breaking character of a file name or message as \\uXXXX, one finding a line', () => {
    const text = formatText([hostile], '/work', false);
    assert.equal(
      text,
      [
        'app/a\\u001b]52;c;SGVsbG8=\\u0007\\u000d\\u001b[2J\\u009b\\u202e.Dockerfile',
        '  1:6  warning  FROM alpine\\u001b]52;c;SGVsbG8=\\u0007\\u0085\\u2066\\u0009x\\u000ay  pin-base-image',
        '',
        '1 problem (0 errors, 1 warning, 0 info) in 1 file',
        '',
      ].join('\n'),
    );
    // colour codes are the only escapes left, and they are ours
    const coloured = formatText([hostile], '/work', true);
    assert.equal(coloured.replace(/\x1b\[\d+m/g, ''), text); // eslint-disable-line no-control-regex
  });

  it('writes JSON in pieces of about 64 KB that join to what one JSON.stringify of every finding makes', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...report, file: `/work/app${i}/Dockerfile` }));
    const expected = (reports: FileReport[]) =>
      JSON.stringify(
        reports.flatMap((r) =>
          r.diagnostics.map((d) => ({
            file: r.file.slice('/work/'.length),
            rule: d.rule,
            severity: d.severity,
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
            message: d.message,
            fixes: d.fixes,
          })),
        ),
        null,
        2,
      ) + '\n';
    const table: { reports: FileReport[]; chunks: number }[] = [
      { reports: [], chunks: 1 },
      { reports: [{ ...report, diagnostics: [] }], chunks: 1 },
      { reports: [report], chunks: 1 },
      { reports: many, chunks: 23 },
    ];
    for (const { reports, chunks } of table) {
      const pieces = [...formatJson(reports, '/work')];
      assert.equal(pieces.join(''), expected(reports));
      assert.equal(pieces.length, chunks);
      assert.ok(pieces.every((p) => p.length < 66 * 1024));
    }
  });

  it('escapes in JSON and SARIF what JSON.stringify leaves raw (DEL, C1, bidi), and the values parse back the same', () => {
    for (const out of [
      [...formatJson([hostile], '/work')].join(''),
      formatSarif([hostile], '/work', '0.0.0', [`${hostile.file}: a problem`]),
    ]) {
      assert.doesNotMatch(
        out,
        // eslint-disable-next-line no-control-regex
        /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
      );
    }
    const [finding] = JSON.parse([...formatJson([hostile], '/work')].join('')) as { file: string; message: string }[];
    assert.equal(finding.message, hostile.diagnostics[0].message);
    assert.equal(finding.file, hostile.file.slice('/work/'.length));
  });

  it('leaves ordinary text, non-Latin letters and emoji as they are', () => {
    assert.equal(printable('ünïcødé — 日本語 😀 \\n'), 'ünïcødé — 日本語 😀 \\n');
  });
});
