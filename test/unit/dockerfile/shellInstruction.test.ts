import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { runsUnderPosixShell } from '../../../src/core/dockerfile/shellInstruction';
import { runScript } from '../../../src/core/shell/script';
import { findings } from '../../support/ruleHarness';

/** Whether the last RUN of the text runs under a POSIX shell. */
const lastRun = (text: string) => {
  const model = parseDockerfile(text);
  const run = model.instructions.filter((i) => i.keyword === 'RUN').pop()!;
  return { model, run, posix: runsUnderPosixShell(model, run) };
};

describe('runsUnderPosixShell: the shell a RUN runs under', () => {
  const cases: [string, boolean][] = [
    ['FROM debian:12\nRUN apt-get install curl\n', true],
    ['FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN x\n', true],
    ['FROM debian:12\nSHELL ["/usr/bin/env", "bash", "-c"]\nRUN x\n', true],
    ['FROM alpine\nSHELL ["busybox", "sh", "-c"]\nRUN x\n', true],
    ['FROM debian:12\nSHELL ["powershell", "-Command"]\nRUN x\n', false],
    ['FROM debian:12\nSHELL ["pwsh", "-c"]\nRUN x\n', false],
    [
      'FROM w\nSHELL ["C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe", "-c"]\nRUN x\n',
      false,
    ],
    ['FROM w\nSHELL ["cmd", "/S", "/C"]\nRUN x\n', false],
    ['FROM debian:12\nSHELL ["python3", "-c"]\nRUN x\n', false],
    ['FROM debian:12\nSHELL ["pwsh", "-c"]\nSHELL ["/bin/sh", "-c"]\nRUN x\n', true],
    ['FROM debian:12\nRUN x\nSHELL ["pwsh", "-c"]\n', true],
    ['FROM debian:12 AS base\nSHELL ["pwsh", "-c"]\nFROM base\nRUN x\n', false],
    ['FROM debian:12 AS base\nSHELL ["pwsh", "-c"]\nFROM base AS next\nFROM next\nRUN x\n', false],
    ['FROM debian:12 AS base\nSHELL ["pwsh", "-c"]\nFROM debian:12\nRUN x\n', true],
  ];
  for (const [text, posix] of cases)
    it(`${JSON.stringify(text)}: ${posix ? 'POSIX' : 'not POSIX'}`, () => {
      const { model, run, posix: actual } = lastRun(text);
      assert.equal(actual, posix);
      assert.equal(runScript(model, run) !== undefined, posix, 'runScript reads it only under a POSIX shell');
    });
});

describe('rules that read RUNs as shell are silent under SHELL ["powershell", …]', () => {
  const shell = 'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]';
  const cases: [string, string][] = [
    ['apt-get-yes', 'RUN apt-get update && apt-get install curl'],
    ['apt-no-install-recommends', 'RUN apt-get update && apt-get install -y curl'],
    ['apt-over-apt-get', 'RUN apt install -y curl'],
    ['pip-no-cache-dir', 'RUN pip install flask'],
    ['cache-mount', 'RUN pip install flask'],
  ];
  for (const [rule, run] of cases)
    it(`${rule}: ${run}`, () => {
      assert.ok(findings(`FROM python:3.12\n${run}\n`, rule).length > 0, 'fires under /bin/sh');
      assert.deepEqual(findings(`FROM python:3.12\n${shell}\n${run}\n`, rule), []);
    });
});
