// Fixes around exec-form RUNs: what stays valid JSON is kept (script edits escaped), the rest is not offered.
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { applyEdits } from '../../../src/core/lint/fix';
import { execRuns, keepExecFormValid } from '../../../src/core/lint/execFormFixes';
import type { Position, TextEdit } from '../../../src/core/types';

const TEXT = 'FROM alpine:3.20\nRUN ["sh", "-c", "apk add curl"]\nRUN ["apk", "add", "curl"]\n';
const at = (line: number, character: number): Position => ({ line, character });
const insert = (p: Position, newText: string): TextEdit => ({ range: { start: p, end: p }, newText });

/** The text after the one fix of a finding, or undefined when the fix is not offered. */
function fixed(edits: TextEdit[]): string | undefined {
  const model = parseDockerfile(TEXT);
  const finding = {
    range: { start: at(1, 0), end: at(1, 3) },
    message: 'm',
    fixes: [{ title: 't', safe: true, edits }],
  };
  const [fix] = keepExecFormValid(model, execRuns(model), finding).fixes!;
  return fix && applyEdits(TEXT, fix.edits);
}

describe('fixes around exec-form RUNs (unit)', () => {
  it('escapes for JSON what an edit writes into a sh -c script', () => {
    assert.equal(
      fixed([insert(at(1, 30), ' "x" \\\n  && echo done')]),
      TEXT.replace('apk add curl"', 'apk add curl \\"x\\" \\\\\\n  && echo done"'),
    );
    assert.doesNotThrow(() =>
      JSON.parse(
        fixed([insert(at(1, 22), 'echo "hi" && ')])!
          .split('\n')[1]
          .slice(4),
      ),
    );
  });

  for (const [name, edit] of [
    ['before the array, where a shell-form prefix would go', insert(at(1, 4), 'set -e && ')],
    ['after the array, where a command would be chained', insert(at(1, 36), ' && rm -rf /x')],
    ["into a program's argument", insert(at(2, 16), ' --no-cache')],
    ['across the script and its quote', { range: { start: at(1, 25), end: at(1, 36) }, newText: '' }],
  ] as const)
    it(`does not offer a fix with an edit ${name}`, () => assert.equal(fixed([edit]), undefined));

  it('keeps edits outside the arrays, and one that takes a whole instruction', () => {
    assert.equal(fixed([insert(at(1, 0), 'USER root\n')]), TEXT.replace('RUN ["sh"', 'USER root\nRUN ["sh"'));
    const whole = { range: { start: at(2, 0), end: at(2, 27) }, newText: 'RUN apk add --no-cache curl' };
    assert.equal(fixed([whole]), TEXT.replace('RUN ["apk", "add", "curl"]', 'RUN apk add --no-cache curl'));
    assert.equal(fixed([insert(at(1, 3), ' --network=none')]), TEXT.replace('RUN ["sh"', 'RUN --network=none ["sh"'));
  });
});
