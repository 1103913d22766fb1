import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('apt-lists-cleanup', {
  valid: [
    ...[
      'rm -rf /var/lib/apt/lists/*',
      'rm -fr /var/lib/apt/lists',
      'rm -r /tmp/* /var/lib/apt/lists/*',
      'apt-get dist-clean',
    ].map((clean) => ({
      name: `the RUN cleans after the install: ${clean}`,
      code: `FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && ${clean}\n`,
    })),
    {
      name: 'the RUN mounts a cache at /var/lib/apt',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl\n',
    },
    {
      name: 'the RUN mounts a tmpfs at the lists: they stay out of the layer as with a cache mount',
      code: 'FROM debian:12\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'a stage whose layers never reach the image, only copied from (hadolint’s DL3009)',
      code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n',
    },
  ],
  invalid: [
    {
      name: 'apt and aptitude leave the lists too',
      code: 'FROM debian:12\nRUN apt update && apt install -y curl\nRUN aptitude update && aptitude install -y git\n',
      lines: [2, 3],
    },
    {
      name: 'a stage the final stage is built FROM (hadolint’s DL3009)',
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nRUN true\n',
      line: 2,
    },
    {
      name: 'one finding with both ways out: remove the lists (safe) or mount apt’s caches',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      message:
        'The apt package lists stay in this layer: remove them in the same RUN with rm -rf /var/lib/apt/lists/*, or mount caches at /var/cache/apt and /var/lib/apt to keep them between builds.',
      fixes: ['Append rm -rf /var/lib/apt/lists/*', 'Add a cache mount for apt'],
      fix: 'cache mount',
      output:
        '# syntax=docker/dockerfile:1\nFROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'the mount fix adds only the mount the RUN lacks',
      code: '# syntax=docker/dockerfile:1\nFROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl\n',
      fix: 'cache mount',
      output:
        '# syntax=docker/dockerfile:1\nFROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'a RUN that installs with apt-get and keeps the lists',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
      line: 2,
    },
    {
      name: 'the rm comes before the install',
      code: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y --no-install-recommends curl\n',
      line: 2,
    },
    {
      name: 'fixes a one-line RUN by appending && rm -rf /var/lib/apt/lists/*',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl   \n',
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*   \n',
    },
    {
      name: 'fixes a RUN of several lines on a new continuation line: trailing &&',
      code: 'FROM debian:12\nRUN apt-get update && \\\n\tapt-get install -y --no-install-recommends curl\n',
      output:
        'FROM debian:12\nRUN apt-get update && \\\n\tapt-get install -y --no-install-recommends curl && \\\n\trm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'fixes a RUN of several lines on a new continuation line: leading &&',
      code: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl;\n',
      output:
        'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'appends to the command line of a RUN with a heredoc, not after its terminator',
      code: dockerfile`
        FROM debian:12
        RUN apt-get update && apt-get install -y --no-install-recommends curl && cat <<EOF > /etc/x.conf
        a=1
        EOF
      `,
      safe: true,
      output: dockerfile`
        FROM debian:12
        RUN apt-get update && apt-get install -y --no-install-recommends curl && cat <<EOF > /etc/x.conf && rm -rf /var/lib/apt/lists/*
        a=1
        EOF
      `,
    },
    {
      name: 'appends to a command line of several lines before the heredoc body',
      code: dockerfile`
        FROM debian:12
        RUN apt-get update && \
            apt-get install -y --no-install-recommends curl && cat <<'EOF' > /etc/x.conf
        a=1
        EOF
      `,
      output: dockerfile`
        FROM debian:12
        RUN apt-get update && \
            apt-get install -y --no-install-recommends curl && cat <<'EOF' > /etc/x.conf && \
            rm -rf /var/lib/apt/lists/*
        a=1
        EOF
      `,
    },
    {
      name: 'in a heredoc script that stops at the first failure, adds the cleanup as its last line',
      code: dockerfile`
        FROM debian:12
        RUN <<EOF
        set -eux
        apt-get update
        apt-get install -y --no-install-recommends curl
        EOF
      `,
      safe: true,
      output: dockerfile`
        FROM debian:12
        RUN <<EOF
        set -eux
        apt-get update
        apt-get install -y --no-install-recommends curl
        rm -rf /var/lib/apt/lists/*
        EOF
      `,
    },
    ...[
      [
        'without set -e (the cleanup would hide a failed install)',
        'RUN <<EOF\napt-get update\napt-get install -y --no-install-recommends curl\nEOF\n',
      ],
      [
        'with set -e undone by set +e',
        'RUN <<EOF\nset -e\nset +e\napt-get update && apt-get install -y --no-install-recommends curl\nEOF\n',
      ],
      [
        'fed to a program that is no shell',
        'RUN <<EOF python3\napt-get install -y --no-install-recommends curl\nEOF\n',
      ],
      [
        'with two heredocs',
        'RUN <<EOF <<EOF2\nset -e\napt-get install -y --no-install-recommends curl\nEOF\nx\nEOF2\n',
      ],
    ].map(([what, run]) => ({
      name: `offers no fix in a heredoc script ${what}`,
      code: `FROM debian:12\n${run}`,
      fix: 'Append',
      output: null,
    })),
    ...[
      ['under a non-root USER', 'FROM debian:12\nUSER app\n'],
      ['on an image that runs as non-root', 'FROM cimg/base:2024.01\n'],
    ].map(([what, head]) => ({
      name: `removes the lists with sudo where the install needs it, ${what}`,
      code: `${head}RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl\n`,
      safe: true,
      output: `${head}RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl && sudo rm -rf /var/lib/apt/lists/*\n`,
    })),
    {
      name: 'offers no fix as a non-root user without sudo',
      code: 'FROM debian:12\nUSER app\nRUN apt-get install -y --no-install-recommends curl\n',
      fix: 'Append',
      output: null,
    },
    {
      name: 'offers no fix where an appended command would be commented out',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl # tools\n',
      fix: 'Append',
      output: null,
    },
    {
      name: 'still fixes when # is only inside quotes or a word',
      code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl && echo "a # b" a#b\n',
      output:
        'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl && echo "a # b" a#b && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'offers no fix under a SHELL that is not POSIX',
      code: 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN apt-get install -y --no-install-recommends curl\n',
      fix: 'Append',
      output: null,
    },
    {
      name: 'a RUN that ends the file with an escape: the escape goes, the cleanup follows the command',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n',
      safe: true,
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a RUN that ends the file with an escape and no line break',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\',
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'a RUN of several lines that ends the file with an escape, leading &&',
      code: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n',
      output:
        'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'an escape followed only by blank lines, comments and a lone escape: they stay, as comments',
      code: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl \\\n\n    # done\n    \\\n\n',
      output:
        'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl && \\\n    rm -rf /var/lib/apt/lists/*\n\n    # done\n    \n\n',
    },
    {
      name: 'an escape at the end of the file with the backtick escape',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl `\n',
      output:
        '# escape=`\nFROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
  ],
});
