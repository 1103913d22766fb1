// The build output's line splitter on output written to cost: a line that never ends. Whether the
// work is linear is asserted by counting (characters scanned, characters kept), never by timing:
// speed belongs in the benchmarks (issue 13, item 22).
import assert from 'node:assert/strict';
import {
  BuildProgress,
  progressParser,
  STEP_LOG_LINE_CHARS,
  type ProgressEvent,
  type ProgressFormat,
} from '../../../src/core/builds';
import { LINE_CHARS, LINE_TAIL_CHARS, LineSplitter, RAWJSON_LINE_CHARS } from '../../../src/core/builds/progress/lines';

const CHUNK = 64 * 1024;
const TOTAL = 16 * 1024 * 1024;
const chunk = 'a'.repeat(CHUNK);

/** 16 MiB without a line break, in 64 KiB chunks; the last one ends with `end`. */
function* endless(end = ''): Generator<string> {
  for (let sent = 0; sent < TOTAL - CHUNK; sent += CHUNK) yield chunk;
  yield chunk.slice(end.length) + end;
}

/** Characters String.prototype.indexOf looks at while `run` runs, when it looks for a line break. */
function scannedForLineBreaks(run: () => void): number {
  const indexOf = String.prototype.indexOf;
  let scanned = 0;
  String.prototype.indexOf = function (this: string, search: string, from?: number) {
    const at = indexOf.call(this, search, from);
    if (search === '\n') scanned += (at < 0 ? this.length : at + 1) - Math.max(0, from ?? 0);
    return at;
  };
  try {
    run();
  } finally {
    String.prototype.indexOf = indexOf;
  }
  return scanned;
}

describe('splitting build output into lines (unit)', () => {
  it('splits across chunks, drops the \\r of \\r\\n even when a chunk ends between them, and gives the last line at the end', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    for (const piece of ['one\r', '\ntw', 'o\n', '', '\nthr', 'ee\r\nfour']) splitter.push(piece);
    splitter.end();
    assert.deepEqual(lines, ['one', 'two', '', 'three', 'four']);
  });

  it("scans 16 MiB without a line break once, in 64 KiB chunks, and keeps only the line's start and end", () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    let mostKept = 0;
    const scanned = scannedForLineBreaks(() => {
      for (const piece of endless('THE END')) {
        splitter.push(piece);
        mostKept = Math.max(mostKept, splitter.keptChars);
      }
      splitter.push('\nnext\n');
    });
    // each character looked at once: the previous splitter scanned the whole line again with every chunk (2 GiB)
    assert.equal(scanned, TOTAL + '\nnext\n'.length);
    assert.equal(splitter.scannedChars, TOTAL + '\nnext\n'.length);
    assert.ok(mostKept <= LINE_CHARS + LINE_TAIL_CHARS, `kept ${mostKept} characters of the unfinished line`);
    assert.equal(lines.length, 2);
    assert.equal(lines[0].length, LINE_CHARS);
    assert.ok(
      lines[0].startsWith('aaaa') &&
        lines[0].endsWith('…' + 'a'.repeat(LINE_TAIL_CHARS - 'THE END'.length) + 'THE END'),
      'its start, … and its end',
    );
    assert.equal(lines[1], 'next');
    assert.equal(splitter.keptChars, 0);
  });

  it("keeps a line up to the limit whole, cuts one beyond it, and never parts a character's two halves", () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line), 10);
    splitter.push('0123456789\n0123456789ab\r\n');
    splitter.push('0123😀😀😀😀\n');
    splitter.end();
    assert.deepEqual(lines, ['0123456789', '01234…9ab', '0123…😀😀']);
    assert.ok(lines.every((line) => line.length <= 10));
  });
});

describe('every progress mode on a line that never ends (unit)', () => {
  function run(format: ProgressFormat, before: string, pieces: Iterable<string>, after: string, exitCode: number) {
    const events: ProgressEvent[] = [];
    const progress = new BuildProgress((e) => events.push(e));
    const parser = progressParser(format, progress);
    const stream = format === 'podman' ? 'stdout' : 'stderr';
    parser.push(before, stream);
    for (const piece of pieces) parser.push(piece, stream);
    parser.push(after, stream);
    parser.end(exitCode);
    const logged = events.flatMap((e) => (e.type === 'log' ? [e.line] : []));
    return { progress, logged };
  }

  it('plain: a log line is cut, and the report that ran into its end still finishes the step', () => {
    const { progress, logged } = run(
      'plain',
      '#1 [1/1] RUN ./noisy\n#1 0.100 ',
      endless(),
      '#1 DONE 0.2s\n#2 [internal] done\n',
      0,
    );
    assert.deepEqual(
      progress.steps.map((s) => s.state),
      ['done', 'running'],
    );
    assert.equal(logged.length, 1);
    assert.ok(logged[0].length < LINE_CHARS, `${logged[0].length} characters logged`);
    assert.equal(progress.steps[0].logs[0].length, STEP_LOG_LINE_CHARS + 1);
  });

  it('plain: stray text that never ends is a bounded failure message', () => {
    const { progress } = run('plain', '', endless(), '', 1);
    assert.equal(progress.failure?.message.length, LINE_CHARS);
  });

  it('podman: output and an error line that never end are cut', () => {
    const { progress, logged } = run(
      'podman',
      'STEP 1/2: FROM local/busybox:1\nSTEP 2/2: RUN ./noisy\n',
      endless(),
      '\nError: building at STEP "RUN ./noisy": ' + 'b'.repeat(2 * LINE_CHARS) + '\n',
      1,
    );
    assert.equal(logged.length, 1);
    assert.equal(logged[0].length, LINE_CHARS);
    assert.ok(progress.failure!.message.length < LINE_CHARS);
    assert.equal(progress.failure!.step?.instruction, 'RUN ./noisy');
  });

  it('rawjson: a vertex log without a line break, over many messages, is cut like any line; text that never ends too', () => {
    const vertex = `sha256:${'1'.repeat(64)}`;
    const start = JSON.stringify({
      vertexes: [{ digest: vertex, name: '[1/1] RUN ./noisy', started: '2024-01-01T00:00:00Z' }],
    });
    const logs = (function* () {
      const data = Buffer.from('c'.repeat(48 * 1024)).toString('base64');
      for (let sent = 0; sent < TOTAL; sent += 48 * 1024)
        yield JSON.stringify({ logs: [{ vertex, stream: 1, data }] }) + '\n';
    })();
    const { progress, logged } = run('rawjson', start + '\n', logs, '', 0);
    assert.deepEqual(
      logged.map((l) => l.length),
      [LINE_CHARS],
      'the unfinished line, given at the end, cut',
    );
    assert.equal(progress.steps[0].logs[0].length, STEP_LOG_LINE_CHARS + 1);
    const stray = run('rawjson', '', endless(), '', 1);
    assert.equal(
      stray.progress.failure!.message.length,
      LINE_CHARS,
      'text, or a JSON line cut, is cut as in the other modes',
    );
  });

  it('rawjson: a JSON line longer than other lines may be, up to RAWJSON_LINE_CHARS, is still read', () => {
    const vertex = `sha256:${'2'.repeat(64)}`;
    const data = Buffer.from(`${'d'.repeat(99)}\n`.repeat(5_000)).toString('base64');
    const big = JSON.stringify({
      vertexes: [{ digest: vertex, name: '[1/1] RUN ./chatty', started: '2026-12-02T05:13:23.626247655Z' }],
      logs: [{ vertex, stream: 1, data }],
    });
    assert.ok(big.length > 2 * LINE_CHARS && big.length < RAWJSON_LINE_CHARS);
    const { progress, logged } = run('rawjson', '', [big.slice(0, CHUNK), big.slice(CHUNK)], '\n', 0);
    assert.equal(logged.length, 5_000);
    assert.equal(progress.steps[0].name, '[1/1] RUN ./chatty');
  });

  it('none: reads nothing and keeps nothing', () => {
    const { progress, logged } = run('none', '', endless(), '\n', 1);
    assert.deepEqual([progress.steps, logged, progress.failure], [[], [], undefined]);
  });
});
