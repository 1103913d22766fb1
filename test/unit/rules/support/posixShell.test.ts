import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../../src/core/dockerfile/model';
import { runsPosixShell } from '../../../../src/core/rules/support/runEdits';
import { findings } from '../../../support/ruleHarness';

/** Whether the last RUN of the text runs under a POSIX shell. */
const lastRun = (text: string) => {
  const model = parseDockerfile(text);
  return runsPosixShell(model, model.instructions.filter((i) => i.keyword === 'RUN').pop()!);
};

describe('runsPosixShell: the shell a RUN runs under (unit)', () => {
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
      assert.equal(lastRun(text), posix);
    });
});

describe('rules that write into RUNs offer no fix under SHELL ["powershell", …]', () => {
  const shell = 'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]';
  const cases: [string, string][] = [
    ['apt-get-yes', 'RUN apt-get update && apt-get install curl'],
    ['apt-no-install-recommends', 'RUN apt-get update && apt-get install -y curl'],
    ['apt-over-apt-get', 'RUN apt install -y curl'],
    ['pip-no-cache-dir', 'RUN pip install flask'],
    ['apk-no-cache', 'RUN apk add curl'],
  ];
  for (const [rule, run] of cases)
    it(`${rule}: ${run}`, () => {
      const [posix] = findings(`FROM python:3.12\n${run}\n`, rule);
      assert.ok(
        posix?.fixes.some((f) => f.safe),
        'a safe fix under /bin/sh',
      );
      const [other] = findings(`FROM python:3.12\n${shell}\n${run}\n`, rule);
      assert.ok(other, 'still reported');
      // a cache mount, offered beside the cleanup, is a flag of the RUN: it writes nothing into the command
      assert.deepEqual(
        other.fixes.filter((f) => !/cache mount/.test(f.title)),
        [],
        'no fix',
      );
    });
});
