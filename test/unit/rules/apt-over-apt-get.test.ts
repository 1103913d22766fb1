import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('apt-over-apt-get', {
  valid: [
    {
      name: 'apt-get, apt-cache, apt-key and apt as an argument',
      code: 'FROM debian:12\nRUN apt-get update && apt-cache policy curl && apt-key list && echo apt install && which apt\n',
    },
  ],
  invalid: [
    {
      name: 'apt as a program, also behind sudo or in an if block',
      code: dockerfile`
        FROM debian:12
        RUN apt update && \
            sudo apt -y install curl
        RUN if true; then apt remove -y x; fi
      `,
      lines: [2, 3, 4],
    },
    {
      name: 'offers no fix for apt subcommands apt-get does not have',
      code: 'FROM debian:12\nRUN apt list --installed\n',
      output: null,
    },
    {
      name: 'fixes by replacing apt with apt-get',
      code: 'FROM debian:12\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      output:
        'FROM debian:12\nRUN apt-get update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
  ],
});
