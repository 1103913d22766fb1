import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

const lines = (text: string) => findings(text, 'pipefail').map((f) => f.range.start.line);

describe('pipefail (unit)', () => {
  it('fires on a RUN with a shell pipe', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN curl -fsSL https://x | tar -xz\nRUN a && \\\n    b |& c\n'), [1, 3]);
  });

  it('is silent when the pipe is inside a quoted string', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN grep "a|b" file && sh -c \'a | b\'\n'), []);
  });

  it('is silent after set -o pipefail in the command, or with a SHELL that sets it (also in the stage it builds on)', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN set -euxo pipefail; curl x | tar -x\n'), []);
    assert.deepEqual(lines('FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN curl x | tar -x\n'), []);
  });

  it('fires when set -o pipefail comes after the pipe', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN curl x | tar -x; set -o pipefail\n'), [1]);
  });

  it('is silent for pipes fed by a lone echo, printf or yes', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN echo "$SHA  f.tgz" | sha256sum -c - && yes | ./configure\n'), []);
  });

  it('is silent for PowerShell and Windows images', () => {
    assert.deepEqual(lines('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN type a | more\n'), []);
    assert.deepEqual(lines('FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN Get-Item x | Remove-Item\n'), []);
  });

  it('on alpine prefixes set -o pipefail && (not safe)', () => {
    const text = 'FROM alpine:3.20\nRUN wget -qO- https://x | tar -xz\n';
    assert.deepEqual(findings(text, 'pipefail')[0].fixes.map((f) => f.safe), [false]);
    assert.equal(roundTrip(text, 'pipefail'), 'FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://x | tar -xz\n');
  });

  it('on debian and ubuntu inserts a bash SHELL with pipefail before the RUN (not safe)', () => {
    const text = 'FROM ubuntu:24.04\n  # fetch\n  RUN curl -fsSL https://x | tar -xz\n';
    assert.deepEqual(findings(text, 'pipefail')[0].fixes.map((f) => f.safe), [false]);
    assert.equal(roundTrip(text, 'pipefail'), 'FROM ubuntu:24.04\n  SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n  # fetch\n  RUN curl -fsSL https://x | tar -xz\n');
  });

  it('with a bash SHELL already in force, prefixes the option', () => {
    const text = 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN curl x | tar -x\n';
    assert.equal(roundTrip(text, 'pipefail'), 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && curl x | tar -x\n');
  });
});
