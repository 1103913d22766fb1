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

// Texts from the review of fixes that broke the build (issue 13): fix-all must leave them
// parsing, keep what they mean, and change nothing the second time.
describe('shell rules: safe fixes on hostile input (unit)', () => {
  const cases: [string, string, string][] = [
    [
      'a heredoc after the install',
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && cat <<EOF > /etc/x\na=1\nEOF\n',
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && cat <<EOF > /etc/x && rm -rf /var/lib/apt/lists/*\na=1\nEOF\n',
    ],
    [
      'a heredoc script with set -e',
      'FROM node:20-slim\nRUN <<EOF\nset -e\nyarn install\nEOF\n',
      'FROM node:20-slim\nRUN <<EOF\nset -e\nyarn install\nyarn cache clean\nEOF\n',
    ],
    [
      'the update above a USER',
      'FROM debian:12\nRUN apt-get update\nUSER app\nRUN sudo apt-get install -y --no-install-recommends curl\n',
      'FROM debian:12\nRUN apt-get update\nUSER app\nRUN sudo apt-get install -y --no-install-recommends curl && sudo rm -rf /var/lib/apt/lists/*\n',
    ],
    [
      'sudo on an image that runs as jenkins',
      'FROM jenkins/jenkins:lts\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl\n',
      'FROM jenkins/jenkins:lts\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl && sudo rm -rf /var/lib/apt/lists/*\n',
    ],
    [
      'RUNs under PowerShell',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Write-Host a\nRUN Write-Host b\n',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Write-Host a\nRUN Write-Host b\n',
    ],
    [
      'an escape at the end of the file',
      'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n',
      'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    ],
  ];
  for (const [name, input, output] of cases) it(name, () => assert.equal(fixAll(input), output));
});
