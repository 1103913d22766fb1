import { dockerfile, ruleTester } from '../../support/ruleTester';

const INSTALL = 'apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*';

ruleTester.run('apt-update-alone', {
  valid: [
    { name: 'the same RUN installs after the update', code: `FROM debian:12\nRUN apt-get update && ${INSTALL}\n` },
    {
      name: 'the same RUN upgrades after the update',
      code: 'FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade\n',
    },
    { name: 'apk update and add in one RUN', code: 'FROM alpine:3.20\nRUN apk update && apk add --no-cache curl\n' },
  ],
  invalid: [
    {
      name: 'apt-get update and apt update with no install in the RUN',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt update -qq && echo done\n',
      lines: [2, 3],
    },
    {
      name: 'apk update and yum/dnf makecache, one finding a family',
      code: 'FROM alpine:3.20\nRUN apk update\nFROM fedora:40\nRUN dnf makecache && yum makecache\n',
      lines: [2, 4],
    },
    {
      name: 'moves the update into the next RUN when it is the install (safe)',
      code: `FROM debian:12\nRUN apt-get update\nENV DEBIAN_FRONTEND=noninteractive\nRUN ${INSTALL}\n`,
      safe: true,
      output: `FROM debian:12\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get update && ${INSTALL}\n`,
    },
    {
      name: 'puts the update on a line of its own in an install RUN of several lines',
      code: dockerfile`
        FROM debian:12
        RUN apt-get update -qq
        RUN apt-get install -y --no-install-recommends \
            git \
            && rm -rf /var/lib/apt/lists/*
      `,
      output: dockerfile`
        FROM debian:12
        RUN apt-get update -qq && \
            apt-get install -y --no-install-recommends \
            git \
            && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'is not safe when another RUN comes first',
      code: `FROM debian:12\nRUN apt-get update\nRUN echo hi\nRUN ${INSTALL}\n`,
      safe: false,
      output: `FROM debian:12\nRUN echo hi\nRUN apt-get update && ${INSTALL}\n`,
    },
    {
      name: 'offers nothing when the RUN does more than update',
      code: `FROM debian:12\nRUN apt-get update && echo hi\nRUN ${INSTALL}\n`,
      output: null,
    },
    ...[
      ['a USER (the update would run as that user)', 'USER app'],
      ['a USER given by its ids', 'USER 1000:1000'],
      ['a WORKDIR', 'WORKDIR /src'],
      ['a SHELL', 'SHELL ["/bin/bash", "-c"]'],
      ['an ENV that sets a proxy', 'ENV http_proxy=http://proxy:3128'],
      ['an ARG for a proxy', 'ARG HTTPS_PROXY'],
    ].map(([what, between]) => ({
      name: `offers no fix across ${what}`,
      code: `FROM debian:12\nRUN apt-get update\n${between}\nRUN sudo ${INSTALL}\n`,
      output: null,
    })),
    {
      name: 'offers no fix across an ENV the update reads',
      code: `FROM debian:12\nARG MIRROR_OPTS=-q\nRUN apt-get update $MIRROR_OPTS\nENV MIRROR_OPTS=-qq\nRUN ${INSTALL}\n`,
      output: null,
    },
    {
      name: 'is not safe across a COPY, which may change what the update reads',
      code: `FROM debian:12\nRUN apt-get update\nCOPY sources.list /etc/apt/sources.list\nRUN ${INSTALL}\n`,
      safe: false,
      output: `FROM debian:12\nCOPY sources.list /etc/apt/sources.list\nRUN apt-get update && ${INSTALL}\n`,
    },
    {
      name: 'stays safe across instructions that change nothing for the update',
      code: `FROM debian:12\nRUN apt-get update\nLABEL a=b\nEXPOSE 80\nARG VERSION=1\nRUN ${INSTALL}\n`,
      safe: true,
      output: `FROM debian:12\nLABEL a=b\nEXPOSE 80\nARG VERSION=1\nRUN apt-get update && ${INSTALL}\n`,
    },
    ...[
      'test -f /done || apt-get install -y --no-install-recommends git',
      'test -f /done || \\\n    apt-get install -y --no-install-recommends git',
      'echo y | apt-get install --no-install-recommends git',
    ].map((run) => ({
      name: `offers no fix when the install follows || or | in its RUN: ${JSON.stringify(run)}`,
      code: `FROM debian:12\nRUN apt-get update\nRUN ${run} && rm -rf /var/lib/apt/lists/*\n`,
      output: null,
    })),
    {
      name: 'offers no fix under a SHELL that is not POSIX (it would write &&)',
      code: `FROM debian:12\nSHELL ["powershell", "-Command"]\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends git\n`,
      output: null,
    },
  ],
});
