import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('apt-get-yes', {
  valid: [
    ...[
      '-y',
      '--yes',
      '-qq',
      '--assume-yes',
      '-qy',
      '-q -q',
      '-q=2',
      '--quiet --quiet',
      '--quiet=2',
      '-qqq',
      '-o quiet=2',
    ].map((flag) => ({
      name: `with ${flag}`,
      code: `FROM debian:12\nRUN apt-get install ${flag} curl\n`,
    })),
    {
      name: 'with -o APT::Get::Assume-Yes=true',
      code: 'FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n',
    },
    {
      name: 'when the RUN cannot be parsed as shell',
      code: "FROM debian:12\nRUN apt-get install curl 'unterminated\n",
    },
  ],
  invalid: [
    ...['-q', '--quiet', '-q=1'].map((flag) => ({
      name: `quiet level 1 does not answer yes: ${flag}`,
      code: `FROM debian:12\nRUN apt-get install ${flag} curl\n`,
      line: 2,
    })),
    {
      name: 'apt-get install without -y, inside && chains and if blocks',
      code: dockerfile`
        FROM debian:12
        RUN apt-get update && \
            apt-get install --no-install-recommends curl
        RUN if true; then apt-get install git; fi
      `,
      lines: [3, 4],
    },
    {
      name: 'reads -o values as values, not as the subcommand',
      code: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew install curl\n',
      count: 1,
      output: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew install -y curl\n',
    },
    {
      name: 'fixes by adding -y, once',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
  ],
});
