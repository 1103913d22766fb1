import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../../src/core/fix';
import { findings, roundTrip } from '../../support/ruleHarness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/consecutive-run', name), 'utf8');
const lines = (text: string) => findings(text, 'consecutive-run').map((f) => f.range.start.line);

describe('consecutive-run (unit)', () => {
  it('fires once for each group of consecutive RUNs, on the first of them', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN a\nRUN b\n\nRUN c\nCOPY x /x\nRUN d\nRUN e\n'), [1, 6]);
  });

  it('is silent when a RUN has a --mount the other lacks, or other flags', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN a\nRUN --mount=type=cache,target=/root/.npm npm ci\n'), []);
    assert.deepEqual(lines('FROM debian:12\nRUN --network=none a\nRUN b\n'), []);
  });

  it('is silent with a comment between the RUNs', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN a\n# then b\nRUN b\n'), []);
  });

  it('is silent for exec-form and heredoc RUNs and RUNs the shell cannot parse', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN ["a"]\nRUN b\n'), []);
    assert.deepEqual(lines("FROM debian:12\nRUN a 'open\nRUN b\n"), []);
  });

  it('merges with && \\ as in FIX-EXAMPLES.md', () => {
    assert.equal(roundTrip(fixture('input.Dockerfile'), 'consecutive-run'), fixture('fixed.Dockerfile'));
  });

  it('merges a group of three, keeps continuation lines and drops a trailing ;', () => {
    const text = 'FROM debian:12\nRUN a \\\n\t&& b ;\nRUN c\nRUN d\n';
    assert.equal(roundTrip(text, 'consecutive-run'), 'FROM debian:12\nRUN a \\\n\t&& b && \\\n\tc && \\\n\td\n');
  });

  it('offers no fix when merging would change what runs: state that leaks, or a RUN that is not an && chain', () => {
    for (const text of [
      'FROM debian:12\nRUN cd /src\nRUN make\n',
      'FROM debian:12\nRUN export A=1\nRUN make\n',
      'FROM debian:12\nRUN readonly A=1 && declare -x B=2\nRUN make\n',
      'FROM debian:12\nRUN true && exp\\\nort A=1\nRUN make\n',
      'FROM debian:12\nRUN a\nRUN b || true\n',
      'FROM debian:12\nRUN a\nRUN set -e; b\n',
      'FROM debian:12\nRUN a &\nRUN b\n',
      'FROM debian:12\nRUN if true; then export A=1; fi\nRUN make\n',
      'FROM debian:12\nRUN a # b would be part of this comment\nRUN b\n',
    ]) {
      assert.deepEqual(findings(text, 'consecutive-run')[0].fixes, [], text);
    }
  });

  it('merges when export is only a word, not a declaration, and when the leaking RUN comes last', () => {
    assert.equal(roundTrip('FROM debian:12\nRUN echo export\nRUN make\n', 'consecutive-run'), 'FROM debian:12\nRUN echo export && \\\n    make\n');
    assert.equal(roundTrip('FROM debian:12\nRUN make\nRUN export A=1\n', 'consecutive-run'), 'FROM debian:12\nRUN make && \\\n    export A=1\n');
  });

  it('merges when a declaration is inside a subshell or a command substitution, where it cannot leak', () => {
    assert.equal(roundTrip('FROM debian:12\nRUN (export A=1; a)\nRUN b\n', 'consecutive-run'), 'FROM debian:12\nRUN (export A=1; a) && \\\n    b\n');
    assert.equal(roundTrip('FROM debian:12\nRUN echo "$(export A=1; a)" | tee x\nRUN b\n', 'consecutive-run'), 'FROM debian:12\nRUN echo "$(export A=1; a)" | tee x && \\\n    b\n');
  });

  it('keeps the meaning of || and ; in the first RUN', () => {
    const fix = findings('FROM debian:12\nRUN a || b; c\nRUN d\n', 'consecutive-run')[0].fixes[0];
    assert.equal(applyEdits('FROM debian:12\nRUN a || b; c\nRUN d\n', fix.edits), 'FROM debian:12\nRUN a || b; c && \\\n    d\n');
  });

  it('keeps CRLF line ends and the backtick escape', () => {
    assert.equal(roundTrip('FROM debian:12\r\nRUN a\r\nRUN b\r\n', 'consecutive-run'), 'FROM debian:12\r\nRUN a && \\\r\n    b\r\n');
    assert.equal(roundTrip('# escape=`\nFROM debian:12\nRUN a\nRUN b\n', 'consecutive-run'), '# escape=`\nFROM debian:12\nRUN a && `\n    b\n');
  });
});
