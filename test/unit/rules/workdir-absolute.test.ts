import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('workdir-absolute', {
  valid: [
    {
      name: 'absolute and Windows paths, and variables',
      code: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR "/srv/my app"\nWORKDIR C:\\\\app\nWORKDIR c:/build\nWORKDIR $HOME/app\nWORKDIR ${APP_DIR}\n',
    },
    {
      name: 'a stage built FROM a stage whose WORKDIR is absolute starts there, as BuildKit reads it',
      code: dockerfile`
        FROM alpine:3.20 AS base
        WORKDIR /app
        FROM base AS test
        WORKDIR tests
        FROM test
        WORKDIR unit
      `,
    },
  ],
  invalid: [
    {
      name: 'relative paths, quoted or not',
      code: 'FROM alpine:3.20\nWORKDIR app\nWORKDIR "src/server"\nWORKDIR ./build\n',
      lines: [2, 3, 4],
      message: /relative to the base image’s working directory, which this Dockerfile does not show/,
    },
    {
      name: 'offers no fix: only the author knows the intended absolute path',
      code: 'FROM alpine:3.20\nWORKDIR app\n',
      output: null,
    },
    {
      name: 'after an absolute WORKDIR in the same stage it names the directory it resolves to (hadolint, Trivy)',
      code: 'FROM alpine:3.20\nWORKDIR /app/\nWORKDIR src\nWORKDIR ./lib\n',
      findings: [
        {
          line: 3,
          message: 'WORKDIR src resolves to /app/src, from the WORKDIR /app/ on line 2: write that absolute path.',
        },
        {
          line: 4,
          message:
            'WORKDIR ./lib resolves to /app/src/lib, from the WORKDIR /app/ on line 2: write that absolute path.',
        },
      ],
    },
    {
      name: 'a stage built FROM a stage with no absolute WORKDIR still starts from the image’s',
      code: 'FROM alpine:3.20 AS base\nFROM base\nWORKDIR app\n',
      line: 3,
      message: /base image’s working directory/,
    },
  ],
});
