import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('apt-no-install-recommends', {
  valid: [
    {
      name: '--no-install-recommends at the end of the line',
      code: 'FROM debian:12\nRUN apt-get install -y curl --no-install-recommends\n',
    },
    {
      name: '-o APT::Install-Recommends=false',
      code: 'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n',
    },
    {
      name: '-o "APT::Install-Recommends=0" after install',
      code: 'FROM debian:12\nRUN apt-get install -y -o "APT::Install-Recommends=0" curl\n',
    },
    {
      name: 'words that only mention apt-get',
      code: 'FROM debian:12\nRUN echo "apt-get install curl" && command -v apt-get\n',
    },
    { name: 'a RUN the shell cannot parse', code: "FROM debian:12\nRUN apt-get install -y curl 'unterminated\n" },
  ],
  invalid: [
    {
      name: 'apt-get install in && chains, after ;, in subshells, if blocks and continuations',
      code: dockerfile`
        FROM debian:12
        RUN apt-get update && apt-get install -y curl
        RUN set -e; (apt-get install -y git)
        RUN if [ -n "$X" ]; then \
              DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Options::=--force-confold install -y vim; \
            fi
        RUN sudo apt-get \
            install -y make
      `,
      lines: [2, 3, 5, 7],
    },
    {
      name: 'fixes by adding --no-install-recommends after install, keeping the continuation lines',
      code: dockerfile`
        FROM debian:12
        RUN apt-get update && \
            apt-get install -y curl && \
            rm -rf /var/lib/apt/lists/*
      `,
      output: dockerfile`
        FROM debian:12
        RUN apt-get update && \
            apt-get install --no-install-recommends -y curl && \
            rm -rf /var/lib/apt/lists/*
      `,
    },
  ],
});
