// The shell rules' safe fixes as `--fix` applies them together: round after round, findings
// whose edits touch wait for the next round. They must converge on a text that parses.
import assert from 'node:assert/strict';
import { fixText } from '../../../src/core/lint/fixAll';
import { lint } from '../../../src/core/lint/lint';
import { allRules } from '../../../src/core/rules';
import { parseProblems } from '../../support/ruleHarness';

const SHELL_RULES = new Set([
  'apt-no-install-recommends',
  'apt-lists-cleanup',
  'apt-update-alone',
  'apt-get-yes',
  'apt-over-apt-get',
  'apk-no-cache',
  'pip-no-cache-dir',
  'package-cache-cleanup',
  'consecutive-run',
  'sudo',
  'run-cd',
  'pipefail',
  'cache-mount',
]);
const rules = Object.fromEntries(allRules.map((r) => [r.id, SHELL_RULES.has(r.id) ? 'warning' : 'off'] as const));
const host = { lint: (text: string) => lint(text, { rules }), applyContextEdit: () => false };

function fixAll(text: string): string {
  const once = fixText(text, host)!;
  assert.deepEqual(parseProblems(once.text), [], once.text);
  const twice = fixText(once.text, host)!;
  assert.equal(twice.fixed, 0, `fixing again changed:\n${once.text}`);
  assert.deepEqual(
    once.diagnostics.filter((d) => d.fixes.some((f) => f.safe)),
    [],
    'a safe fix is left over',
  );
  return once.text;
}

describe('shell rules: safe fixes together (unit)', () => {
  it('apt: -y and --no-install-recommends at one spot, sudo, apt, the update merged and the lists removed', () => {
    assert.equal(
      fixAll('FROM debian:12\nRUN apt update\nRUN apt install curl\nRUN sudo pip install flask\n'),
      'FROM debian:12\nRUN apt-get update && \\\n    apt-get install --no-install-recommends -y curl && \\\n    pip install --no-cache-dir flask && \\\n    rm -rf /var/lib/apt/lists/*\n',
    );
  });

  it('alpine and rpm files converge too', () => {
    assert.equal(
      fixAll('FROM alpine:3.20\nRUN apk update\nRUN apk add curl\nRUN sudo apk add git\n'),
      'FROM alpine:3.20\nRUN apk update && \\\n    apk add --no-cache curl && \\\n    apk add --no-cache git\n',
    );
    fixAll('FROM fedora:40\nRUN dnf makecache\nRUN dnf install -y git\nRUN yarn install\n');
    fixAll(
      'FROM debian:12\nRUN apt-get update && \\\n    apt-get install curl git\nRUN apt-get install make;\nRUN cd /x && make | tee log\n',
    );
  });
});
