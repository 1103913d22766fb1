// `dockwright lint` on a repository whose file names and Dockerfiles hold terminal controls: an
// OSC 52 clipboard write, a screen clear, a carriage return, a C1 CSI and a bidi override must
// reach the terminal as visible `\uXXXX`, in every format and on stderr (issue 13, item 18).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildCli, cleanTemps, dockwright, tempCopy, write } from './support';

const OSC52 = '\x1b]52;c;cm0gLXJmIH4K\x07';
const HOSTILE = `${OSC52}\x1b[2J\r\u009b1A\u202e`;
/** The same without `\r`, which would end a Dockerfile's line. */
const IN_LINE = HOSTILE.replace('\r', '');
/** What a terminal would act on: C0 controls but the line break, DEL, C1 controls, bidi controls
 * and Unicode line separators. Checked on the decoded text: in UTF-8, bytes 0x80-0x9f are also
 * the continuation bytes of ordinary characters (`…` is e2 80 a6), so the code points are what count. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/; // eslint-disable-line no-control-regex

function assertPrintable(text: string, what: string): void {
  const at = text.search(UNSAFE);
  assert.equal(
    at,
    -1,
    `${what} holds U+${text.codePointAt(at)?.toString(16).padStart(4, '0')} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`,
  );
}

describe('dockwright lint on file names and Dockerfiles holding terminal controls (unit)', function () {
  this.timeout(120_000);
  before(buildCli);
  after(cleanTemps);

  function hostileFolder(): string {
    const dir = tempCopy();
    // a finding quoting the FROM value, in a file whose name holds the controls too
    write(dir, `app${HOSTILE}.Dockerfile`, `FROM alpine${IN_LINE}\nRUN sudo apt-get install curl\n`);
    // a file that cannot be linted: its name goes to stderr
    write(dir, `bin${HOSTILE}.Dockerfile`, Buffer.from([0x46, 0x52, 0x00, 0x4d]));
    // a .hadolint.yaml that is not a mapping: its problem line names the file
    fs.mkdirSync(path.join(dir, `cfg${HOSTILE}`));
    write(dir, `cfg${HOSTILE}/Dockerfile`, 'FROM alpine:3.20\nUSER nobody\nCMD ["sh"]\n');
    write(dir, `cfg${HOSTILE}/.hadolint.yaml`, '- a list\n');
    return dir;
  }

  for (const format of ['text', 'json', 'sarif']) {
    it(`writes no control character to stdout or stderr with --format ${format}`, async () => {
      const run = await dockwright(['lint', '--format', format], { cwd: hostileFolder() });
      assert.equal(run.exitCode, 2, run.stderr);
      assertPrintable(run.stdout, 'stdout');
      assertPrintable(run.stderr, 'stderr');
      assert.match(run.stderr, /cfg\\u001b.*\/\.hadolint\.yaml: expected a mapping/);
      assert.match(
        run.stderr,
        /bin\\u001b\]52;c;cm0gLXJmIH4K\\u0007\\u001b\[2J\\u000d\\u009b1A\\u202e\.Dockerfile: a binary file/,
      );
      if (format === 'text') {
        assert.ok(
          run.stdout.includes(`app\\u001b]52;c;cm0gLXJmIH4K\\u0007\\u001b[2J\\u000d\\u009b1A\\u202e.Dockerfile\n`),
          run.stdout,
        );
        assert.ok(
          run.stdout.includes('alpine\\u001b]52;c;cm0gLXJmIH4K\\u0007\\u001b[2J\\u009b1A\\u202e '),
          'the FROM value is quoted, escaped',
        );
      } else if (format === 'json') {
        // JSON escapes the C0 controls itself, and Dockwright the rest: the values parse back unchanged
        const findings = JSON.parse(run.stdout) as { file: string; message: string }[];
        assert.ok(
          findings.some((f) => f.file === `app${HOSTILE}.Dockerfile` && f.message.includes(`alpine${IN_LINE}`)),
          run.stdout,
        );
      } else {
        const sarif = JSON.parse(run.stdout) as {
          runs: {
            results: { message: { text: string } }[];
            invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
          }[];
        };
        assert.ok(sarif.runs[0].results.some((r) => r.message.text.includes(`alpine${IN_LINE}`)));
        assert.ok(
          sarif.runs[0].invocations[0].toolExecutionNotifications.some((n) =>
            n.message.text.startsWith(`bin${HOSTILE}.Dockerfile`),
          ),
        );
      }
    });
  }

  it('escapes a control character given on the command line, in the usage error', async () => {
    const run = await dockwright(['lint', '--rule', `${OSC52}=off`], { cwd: tempCopy() });
    assert.equal(run.exitCode, 2);
    assertPrintable(run.stderr, 'stderr');
    assert.match(run.stderr, /\\u001b\]52/);
  });
});
