import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('package-cache-cleanup', {
  valid: [
    {
      name: 'dnf and yum clean after the install, and yum and dnf clean one cache',
      code: 'FROM fedora:40\nRUN dnf install -y git && dnf clean all\nRUN yum install -y make && rm -rf /var/cache/yum\nRUN yum install -y tar && dnf clean all\n',
    },
    {
      name: 'yarn cache clean after the install',
      code: 'FROM node:20-slim\nRUN yarn install && yarn cache clean --all\n',
    },
    {
      name: 'yarn commands that install nothing from a lock file',
      code: 'FROM node:20-slim\nRUN yarn --version && yarn add left-pad\n',
    },
    {
      name: 'a cache mount for dnf',
      code: 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y git\n',
    },
    {
      name: 'a cache mount for yarn',
      code: 'FROM node:20-slim\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n',
    },
    {
      name: 'a tmpfs mount for dnf',
      code: 'FROM fedora:40\nRUN --mount=type=tmpfs,target=/var/cache/dnf dnf install -y git\n',
    },
    {
      name: 'a stage whose layers never reach the image, only copied from',
      code: 'FROM fedora:40 AS build\nRUN dnf install -y gcc\nRUN yarn install\nFROM fedora:40\nCOPY --from=build /out /out\n',
    },
  ],
  invalid: [
    ...[
      'dnf in -y git',
      'dnf reinstall -y git',
      'dnf rei -y git',
      'dnf upgrade -y',
      'dnf up -y',
      'dnf install-n -y git',
      'dnf group install -y "Development Tools"',
      'yum update -y',
      'yum localinstall -y ./x.rpm',
      'microdnf upgrade -y',
    ].map((command) => ({
      name: `the other subcommands that download packages: ${command}`,
      code: `FROM fedora:40\nRUN ${command}\n`,
      line: 2,
      output: `FROM fedora:40\nRUN ${command} && ${command.split(' ')[0]} clean all\n`,
    })),
    {
      name: 'yarn: one finding with both ways out, yarn cache clean (safe) or a cache mount',
      code: 'FROM node:20-slim\nRUN yarn install\n',
      message:
        'The package cache stays in this layer: run yarn cache clean in the same RUN, or mount a cache at /usr/local/share/.cache/yarn to keep it between builds.',
      fixes: ['Append yarn cache clean', 'Add a cache mount for yarn'],
    },
    {
      name: 'yum, dnf and microdnf install without clean all',
      code: 'FROM fedora:40\nRUN dnf install -y git\nRUN yum -y install make\nRUN microdnf install -y tar\n',
      lines: [2, 3, 4],
    },
    {
      // hadolint's DL3040 spec: microdnf keeps its cache apart from dnf's (and the other way round)
      name: "one rpm manager's clean does not clean microdnf's cache, nor microdnf's the others'",
      code: 'FROM fedora:40\nRUN dnf install -y git && microdnf clean all\nRUN microdnf install -y tar && yum clean all\n',
      lines: [2, 3],
    },
    {
      name: 'yarn install without yarn cache clean',
      code: 'FROM node:20-slim\nRUN yarn install --frozen-lockfile\nRUN yarn --frozen-lockfile\n',
      lines: [2, 3],
    },
    {
      name: 'the clean comes before the install',
      code: 'FROM fedora:40\nRUN dnf clean all && dnf install -y git\n',
      lines: [2],
    },
    {
      name: 'fixes by appending dnf clean all',
      code: 'FROM fedora:40\nRUN dnf install -y git\n',
      output: 'FROM fedora:40\nRUN dnf install -y git && dnf clean all\n',
    },
    {
      name: 'fixes by appending yarn cache clean on a continuation line',
      code: dockerfile`
        FROM node:20-slim
        RUN cd /app \
            && yarn install
      `,
      output: dockerfile`
        FROM node:20-slim
        RUN cd /app \
            && yarn install \
            && yarn cache clean
      `,
    },
    {
      name: 'appends yarn cache clean to the command line of a RUN with a heredoc',
      code: 'FROM node:20-slim\nRUN cat <<EOF > .yarnrc && yarn install\nnetwork-timeout 600000\nEOF\n',
      safe: true,
      output:
        'FROM node:20-slim\nRUN cat <<EOF > .yarnrc && yarn install && yarn cache clean\nnetwork-timeout 600000\nEOF\n',
    },
    {
      name: 'adds dnf clean all as the last line of a <<- heredoc script with set -e, indented like it',
      code: 'FROM fedora:40\nRUN <<-EOF\n\tset -e\n\tdnf install -y git\n\tEOF\n',
      output: 'FROM fedora:40\nRUN <<-EOF\n\tset -e\n\tdnf install -y git\n\tdnf clean all\n\tEOF\n',
    },
    {
      name: 'adds the clean to a heredoc that bash reads with errexit from set -o',
      code: 'FROM fedora:40\nRUN <<EOF bash\nset -o errexit\ndnf install -y git\nEOF\n',
      output: 'FROM fedora:40\nRUN <<EOF bash\nset -o errexit\ndnf install -y git\ndnf clean all\nEOF\n',
    },
    {
      name: 'offers no fix in a heredoc script without set -e',
      code: 'FROM fedora:40\nRUN <<EOF\ndnf install -y git\nEOF\n',
      output: null,
    },
    {
      name: 'cleans with sudo as a non-root user that installs with sudo',
      code: 'FROM fedora:40\nUSER builder\nRUN sudo dnf install -y git\n',
      output: 'FROM fedora:40\nUSER builder\nRUN sudo dnf install -y git && sudo dnf clean all\n',
    },
    {
      name: "cleans yarn's cache as the user that ran yarn",
      code: 'FROM node:20-slim\nUSER node\nRUN yarn install\n',
      output: 'FROM node:20-slim\nUSER node\nRUN yarn install && yarn cache clean\n',
    },
    {
      name: 'offers no fix on a Windows image (cmd)',
      code: 'FROM node:20-windowsservercore-ltsc2022\nRUN yarn install\n',
      fixes: [],
    },
    {
      name: 'offers no fix in a heredoc script run by a PowerShell SHELL',
      code: 'FROM fedora:40\nSHELL ["pwsh", "-Command"]\nRUN <<EOF\nset -e\ndnf install -y git\nEOF\n',
      output: null,
    },
    {
      name: 'appends dnf clean all to a RUN that ends the file with an escape',
      code: 'FROM fedora:40\nRUN dnf install -y git \\\n',
      output: 'FROM fedora:40\nRUN dnf install -y git && dnf clean all\n',
    },
  ],
});
