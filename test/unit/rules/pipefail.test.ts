import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('pipefail', {
  valid: [
    {
      name: "exec form's bash -o pipefail -c",
      code: 'FROM debian:12-slim\nRUN ["bash", "-o", "pipefail", "-c", "curl -fsSL https://x | sh"]\n',
    },
    { name: 'exec form runs no shell: no pipe', code: 'FROM debian:12-slim\nRUN ["echo", "a | b"]\n' },
    { name: 'the pipe is inside a quoted string', code: 'FROM debian:12\nRUN grep "a|b" file && sh -c \'a | b\'\n' },
    { name: 'after set -o pipefail in the command', code: 'FROM debian:12\nRUN set -euxo pipefail; curl x | tar -x\n' },
    {
      name: 'a SHELL that sets it in the stage it builds on',
      code: 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN curl x | tar -x\n',
    },
    {
      name: 'pipes fed by a lone echo, printf or yes',
      code: 'FROM debian:12\nRUN echo "$SHA  f.tgz" | sha256sum -c - && yes | ./configure\n',
    },
    { name: 'Windows images', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN type a | more\n' },
    { name: 'a PowerShell SHELL', code: 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN Get-Item x | Remove-Item\n' },
    {
      name: 'any SHELL that is not POSIX (set -o pipefail means nothing to it)',
      code: 'FROM debian:12\nSHELL ["/usr/bin/fish", "-c"]\nRUN curl x | tar -x\n',
    },
  ],
  invalid: [
    {
      name: "exec form's sh -c script on alpine: the prefix goes inside the JSON string",
      code: 'FROM alpine:3.20\nRUN ["/bin/sh", "-c", "wget -qO- https://x | sh"]\n',
      fixes: ['Prefix set -o pipefail &&'],
      output: 'FROM alpine:3.20\nRUN ["/bin/sh", "-c", "set -o pipefail && wget -qO- https://x | sh"]\n',
    },
    {
      name: "exec form's sh -c script on debian: a SHELL would not reach it, and dash has no pipefail",
      code: 'FROM debian:12-slim\nRUN ["/bin/sh", "-c", "curl -fsSL https://x | sh"]\n',
      line: 2,
      output: null,
    },
    {
      name: 'a RUN with a shell pipe',
      code: dockerfile`
        FROM debian:12
        RUN curl -fsSL https://x | tar -xz
        RUN a && \
            b |& c
      `,
      lines: [2, 4],
    },
    {
      name: 'set -o pipefail comes after the pipe',
      code: 'FROM debian:12\nRUN curl x | tar -x; set -o pipefail\n',
      lines: [2],
    },
    {
      name: 'on alpine prefixes set -o pipefail && (not safe)',
      code: 'FROM alpine:3.20\nRUN wget -qO- https://x | tar -xz\n',
      fixes: ['Prefix set -o pipefail &&'],
      safe: false,
      output: 'FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://x | tar -xz\n',
    },
    {
      name: 'on debian and ubuntu inserts a bash SHELL with pipefail before the RUN (not safe)',
      code: 'FROM ubuntu:24.04\n  # fetch\n  RUN curl -fsSL https://x | tar -xz\n',
      fixes: ['Insert SHELL ["/bin/bash", "-o", "pipefail", "-c"]'],
      safe: false,
      output:
        'FROM ubuntu:24.04\n  SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n  # fetch\n  RUN curl -fsSL https://x | tar -xz\n',
    },
    {
      name: 'with a bash SHELL already in force, prefixes the option',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN curl x | tar -x\n',
      output: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && curl x | tar -x\n',
    },
  ],
});
