// What BuildKit refuses to build, reported in BuildKit's words; what it accepts, left alone.
import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('syntax-error', {
  valid: [
    {
      name: 'every flag BuildKit knows, ARGs before the first FROM, ONBUILD triggers',
      code: dockerfile`
        # syntax=docker/dockerfile:1
        ARG BASE=debian:12-slim
        FROM --platform=$BUILDPLATFORM golang:1.23 AS build
        RUN --mount=type=cache,target=/root/.cache/go-build --network=none --security=insecure go build ./...
        FROM $BASE
        COPY --from=build --chown=1000:1000 --chmod=755 --link --parents --exclude=*.md /src /app
        ADD --checksum=sha256:00 --keep-git-dir --unpack=false --link https://example.com/a.tar /a
        HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 CMD true
        ONBUILD COPY --chown=1000 . /app
        ONBUILD RUN make
        EXPOSE 80
        USER 1000
        WORKDIR /app
        STOPSIGNAL SIGTERM
        LABEL a=b
        ENV A=1 B 2
        VOLUME /data
        SHELL ["/bin/sh", "-c"]
        CMD ["app"]
      `,
    },
    {
      name: 'RUN, CMD and ENTRYPOINT with nothing: BuildKit accepts them',
      code: 'FROM alpine:3.20\nRUN\nCMD\nENTRYPOINT []\n',
    },
    { name: 'HEALTHCHECK NONE', code: 'FROM alpine:3.20\nHEALTHCHECK NONE\n' },
    { name: 'broken JSON is shell form to BuildKit', code: "FROM alpine:3.20\nRUN ['echo', 'hi']\n" },
  ],
  invalid: [
    {
      name: 'an unknown instruction, with the one it likely meant',
      code: 'FROM alpine:3.20\nRUNN echo hi\n',
      findings: [
        { line: 2, text: 'RUNN', message: 'unknown instruction: RUNN (did you mean RUN?)', severity: 'error' },
      ],
      fixes: ['Change to RUN'],
      output: 'FROM alpine:3.20\nRUN echo hi\n',
    },
    {
      name: 'an unknown instruction in lower case, and one close to nothing',
      code: 'FROM alpine:3.20\ncopyy a b\nFOOBAR x\n',
      findings: [
        { line: 2, message: 'unknown instruction: COPYY (did you mean COPY?)' },
        { line: 3, message: 'unknown instruction: FOOBAR' },
      ],
    },
    {
      name: 'an unknown flag',
      code: 'FROM alpine:3.20\nCOPY --chwn=1000 a /a\n',
      findings: [{ line: 2, text: '--chwn=1000', message: 'unknown flag: chwn (did you mean chown?)' }],
      fixes: ['Change to --chown'],
      output: 'FROM alpine:3.20\nCOPY --chown=1000 a /a\n',
    },
    {
      name: 'an unknown flag of RUN',
      code: 'FROM alpine:3.20\nRUN --mont=type=cache,target=/root/.cache true\n',
      message: 'unknown flag: mont (did you mean mount?)',
    },
    {
      name: 'flag names are matched as written',
      code: 'FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --FROM=a /x /x\n',
      message: 'unknown flag: FROM (did you mean from?)',
    },
    {
      name: 'a flag that needs a value, given none',
      code: 'FROM alpine:3.20\nCOPY --from a /a\n',
      message: 'missing a value on flag: from',
      output: null,
    },
    ...(
      [
        ['ENV', 'ENV requires at least one argument'],
        ['WORKDIR', 'WORKDIR requires exactly one argument'],
        ['USER', 'USER requires exactly one argument'],
        ['EXPOSE', 'EXPOSE requires at least one argument'],
        [
          'COPY app',
          'COPY requires at least two arguments, but only one was provided. Destination could not be determined.',
        ],
        ['ADD app', 'ADD requires at least two arguments'],
        ['ENV PORT', 'ENV must have two arguments'],
        ['HEALTHCHECK CMD', 'Missing command after HEALTHCHECK CMD'],
        ['HEALTHCHECK NONE x', 'HEALTHCHECK NONE takes no arguments'],
        ['HEALTHCHECK CHECK x', 'Unknown type "CHECK" in HEALTHCHECK (try CMD)'],
        ['SHELL /bin/bash -c', 'SHELL requires the arguments to be in JSON form'],
        ['RUN ["sleep", 1]', 'when using JSON array syntax, arrays must be comprised of strings only'],
        ['FROM alpine:3.20 base', 'FROM requires either one or three arguments'],
        ['FROM alpine:3.20 AS 2nd', 'invalid name for build stage: "2nd"'],
      ] as const
    ).map(([line, message]) => ({
      name: `${line}: ${message}`,
      code: `FROM alpine:3.20\n${line}\n`,
      line: 2,
      message,
    })),
    {
      name: 'an instruction other than ARG before the first FROM',
      code: 'ARG VERSION=3.20\nENV A=1\nFROM alpine:$VERSION\n',
      findings: [{ line: 2, text: 'ENV', message: /^no build stage in current context/ }],
    },
    {
      name: 'no FROM at all: one finding, on the first instruction',
      code: 'ARG A=1\nRUN echo hi\nCMD ["sh"]\n',
      findings: [{ line: 1, text: 'ARG', message: /^dockerfile contains no stages to build/ }],
    },
    {
      name: 'ONBUILD with no trigger, a chained one, and the triggers BuildKit forbids',
      code: 'FROM alpine:3.20\nONBUILD\nONBUILD ONBUILD RUN x\nONBUILD FROM alpine\nONBUILD MAINTAINER me\n',
      findings: [
        { line: 2, message: 'ONBUILD requires at least one argument' },
        { line: 3, text: 'ONBUILD', column: 9, message: "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed" },
        { line: 4, text: 'FROM', message: "FROM isn't allowed as an ONBUILD trigger" },
        { line: 5, text: 'MAINTAINER', message: "MAINTAINER isn't allowed as an ONBUILD trigger" },
      ],
    },
    {
      name: 'an ONBUILD trigger with an unknown instruction or flag, pointed at inside the ONBUILD line',
      code: 'FROM alpine:3.20\nONBUILD RUNN make\nONBUILD COPY --chwn=1 . /app\n',
      findings: [
        { line: 2, text: 'RUNN', message: 'unknown instruction: RUNN (did you mean RUN?)' },
        { line: 3, text: '--chwn=1', message: 'unknown flag: chwn (did you mean chown?)' },
      ],
      fix: 1,
      output: 'FROM alpine:3.20\nONBUILD RUNN make\nONBUILD COPY --chown=1 . /app\n',
    },
  ],
});
