import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('apt-get-yes', {
  valid: [
    'FROM debian:12-slim\nRUN ["apt-get", "install", "-y", "curl"]\n',
    'FROM debian:12-slim\nRUN ["sh", "-c", "apt-get install -y curl"]\n',
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
      name: 'a shell-form RUN that starts with [ (a test, not JSON)',
      code: 'FROM debian:12-slim\nRUN [ -d /opt ] && apt-get install curl\n',
      output: 'FROM debian:12-slim\nRUN [ -d /opt ] && apt-get install -y curl\n',
    },
    {
      name: 'exec form: reported, with no fix that would put -y into the install argument',
      code: 'FROM debian:12-slim\nRUN ["apt-get", "install", "curl"]\n',
      line: 2,
      output: null,
    },
    {
      name: "exec form's sh -c script, continued over lines inside the array",
      code: 'FROM debian:12-slim\nRUN ["/bin/sh", "-c", \\\n    "apt-get update && apt-get install \\"curl\\""]\n',
      line: 3,
      output: 'FROM debian:12-slim\nRUN ["/bin/sh", "-c", \\\n    "apt-get update && apt-get install -y \\"curl\\""]\n',
    },
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
