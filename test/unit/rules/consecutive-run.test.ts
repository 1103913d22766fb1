import { fixture, ruleTester } from '../../support/ruleTester';

ruleTester.run('consecutive-run', {
  valid: [
    {
      name: 'a RUN has a --mount the other lacks',
      code: 'FROM debian:12\nRUN a\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
    },
    { name: 'a RUN has other flags', code: 'FROM debian:12\nRUN --network=none a\nRUN b\n' },
    { name: 'a comment between the RUNs', code: 'FROM debian:12\nRUN a\n# then b\nRUN b\n' },
    { name: 'an exec-form RUN', code: 'FROM debian:12\nRUN ["a"]\nRUN b\n' },
    { name: 'a RUN the shell cannot parse', code: "FROM debian:12\nRUN a 'open\nRUN b\n" },
    // hadolint's DL3059 cases: a RUN that chains commands was split from the others on purpose
    ...[
      'RUN foo && bar\nRUN foobar\n',
      'RUN foo; bar\nRUN foobar\n',
      'RUN foobar\nRUN foo && bar\n',
      'RUN foobar\nRUN foo; bar\n',
      'RUN foo && bar\nRUN foo; bar\n',
      'RUN a\nRUN b || true\n',
      'RUN a | b\nRUN c\n',
      'RUN echo "$(date)"\nRUN c\n',
      'RUN export A=1 && make\nRUN c\n',
      'RUN if true; then export A=1; fi\nRUN make\n',
    ].map((run) => ({
      name: `a RUN that chains commands joins none: ${JSON.stringify(run)}`,
      code: `FROM debian:12\n${run}`,
    })),
    {
      name: 'the user-creation RUN of the non-root-user fix, beside the build RUN',
      code: 'FROM debian:12\nRUN make install\nRUN groupadd --system --gid 10001 app && \\\n    useradd --system --uid 10001 --gid app --no-create-home app\nUSER app\n',
    },
  ],
  invalid: [
    {
      name: 'once for each group of consecutive RUNs, on the first of them',
      code: 'FROM debian:12\nRUN a\nRUN b\n\nRUN c\nCOPY x /x\nRUN d\nRUN e\n',
      lines: [2, 7],
    },
    {
      name: 'merges with && \\ as in FIX-EXAMPLES.md',
      code: fixture('consecutive-run', 'input.Dockerfile'),
      output: fixture('consecutive-run', 'fixed.Dockerfile'),
    },
    {
      name: 'merges a group of three, keeps continuation lines and drops a trailing ;',
      code: 'FROM debian:12\nRUN a \\\n\t--b ;\nRUN c\nRUN d\n',
      output: 'FROM debian:12\nRUN a \\\n\t--b && \\\n\tc && \\\n\td\n',
    },
    {
      name: 'the single-command RUNs after one that chains commands (hadolint DL3059)',
      code: 'FROM debian:12\nRUN foo && bar\nRUN foo\nRUN bar\n',
      line: 3,
      output: 'FROM debian:12\nRUN foo && bar\nRUN foo && \\\n    bar\n',
    },
    ...[
      'FROM debian:12\nRUN cd /src\nRUN make\n',
      'FROM debian:12\nRUN export A=1\nRUN make\n',
      'FROM debian:12\nRUN readonly A=1 && declare -x B=2\nRUN make\n',
      'FROM debian:12\nRUN exp\\\nort A=1\nRUN make\n',
      // `a && B=1; b` runs b when a fails
      'FROM debian:12\nRUN a\nRUN B=1; b\n',
      'FROM debian:12\nRUN set -e\nRUN b\n',
      'FROM debian:12\nRUN a &\nRUN b\n',
      'FROM debian:12\nRUN for x in 1; do export A=$x; done\nRUN make\n',
      'FROM debian:12\nRUN a # b would be part of this comment\nRUN b\n',
      // the cd would end up inside the merged RUN, where run-cd cannot make it a WORKDIR
      'FROM debian:12\nRUN a\nRUN cd /src\n',
    ].map((code) => ({
      name: `offers no fix when merging would change what runs: ${JSON.stringify(code)}`,
      code,
      output: null,
    })),
    {
      name: 'merges when export is only a word, not a declaration',
      code: 'FROM debian:12\nRUN echo export\nRUN make\n',
      output: 'FROM debian:12\nRUN echo export && \\\n    make\n',
    },
    {
      name: 'merges when the leaking RUN comes last',
      code: 'FROM debian:12\nRUN make\nRUN export A=1\n',
      output: 'FROM debian:12\nRUN make && \\\n    export A=1\n',
    },
    {
      name: 'merges when a declaration is inside a subshell, where it cannot leak',
      code: 'FROM debian:12\nRUN (export A=1; a)\nRUN b\n',
      output: 'FROM debian:12\nRUN (export A=1; a) && \\\n    b\n',
    },
    {
      name: 'merges when a declaration is inside a command substitution, where it cannot leak',
      code: 'FROM debian:12\nRUN echo "$(export A=1)" > x\nRUN b\n',
      output: 'FROM debian:12\nRUN echo "$(export A=1)" > x && \\\n    b\n',
    },
    {
      name: 'keeps CRLF line ends',
      code: 'FROM debian:12\r\nRUN a\r\nRUN b\r\n',
      output: 'FROM debian:12\r\nRUN a && \\\r\n    b\r\n',
    },
    {
      name: 'keeps the backtick escape',
      code: '# escape=`\nFROM debian:12\nRUN a\nRUN b\n',
      output: '# escape=`\nFROM debian:12\nRUN a && `\n    b\n',
    },
    ...[
      [
        'Windows PowerShell 5.1 rejects &&',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\n',
      ],
      ['PowerShell 7', 'FROM ubuntu:24.04\nSHELL ["pwsh", "-Command"]\n'],
      [
        'a full path to powershell.exe',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe", "-Command"]\n',
      ],
      ['cmd', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["cmd", "/S", "/C"]\n'],
      ['a Windows image, whose default shell is cmd', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n'],
      ['a SHELL in the stage it builds on', 'FROM ubuntu:24.04 AS base\nSHELL ["pwsh", "-Command"]\nFROM base\n'],
    ].map(([what, head]) => ({
      name: `offers no fix under a shell that is not POSIX: ${what}`,
      code: `${head}RUN Write-Output a\nRUN Write-Output b\n`,
      output: null,
    })),
    ...['["/bin/bash", "-o", "pipefail", "-c"]', '["/usr/bin/env", "bash", "-c"]', '["busybox", "sh", "-c"]'].map(
      (shell) => ({
        name: `merges under a POSIX SHELL: ${shell}`,
        code: `FROM alpine:3.20\nSHELL ${shell}\nRUN a\nRUN b\n`,
        output: `FROM alpine:3.20\nSHELL ${shell}\nRUN a && \\\n    b\n`,
      }),
    ),
  ],
});
