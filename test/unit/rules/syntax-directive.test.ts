import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { fixture, ruleTester } from '../../support/ruleTester';

ruleTester.run('syntax-directive', {
  valid: [
    {
      name: 'a syntax directive with a version',
      code: '# syntax=docker/dockerfile:1.7\nFROM debian:12-slim\nRUN --mount=type=cache,target=/x true\n',
    },
    {
      name: 'a syntax directive with a registry host',
      code: '#syntax=docker.io/docker/dockerfile:1\nFROM debian:12-slim\nCOPY --link a /a\n',
    },
    { name: 'no BuildKit syntax', code: 'FROM debian:12-slim\nCOPY --chown=1000 a /a\nRUN echo "<<EOF"\n' },
    // the frontend built into Docker 20.10 (Dockerfile 1.2) and Podman 4 build these without a directive
    ...[
      'RUN --mount=type=cache,target=/root/.npm npm ci',
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
      'RUN --mount=type=ssh git clone git@example.com:x/y.git',
      'RUN --mount=type=bind,source=go.sum,target=go.sum go mod download',
      'COPY --chmod=755 run.sh /run.sh',
      'ADD --chmod=644 app.conf /etc/app.conf',
    ].map((line) => ({ name: `syntax older frontends know: ${line}`, code: `FROM debian:12-slim\n${line}\n` })),
    {
      name: "secret-file-copy's fix: a secret mount needs no directive",
      code: 'FROM node:22-slim\nWORKDIR /app\nRUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci\n',
    },
  ],
  invalid: [
    ...(
      [
        ['RUN --network=none make', 'RUN --network'],
        ['RUN --security=insecure make', 'RUN --security'],
        ['COPY --link dist/ /app/', 'COPY --link'],
        ['COPY --exclude=*.md . /app', 'COPY --exclude'],
        ['COPY --parents src/*/go.mod /app/', 'COPY --parents'],
        ['ADD --link https://x/y /y', 'ADD --link'],
        ['RUN --mount=type=secret,id=token,env=TOKEN make', 'A secret mount with env='],
        ['ADD --checksum=sha256:00 https://x/y /y', 'ADD --checksum'],
        ['RUN <<EOF\nset -e\napt-get update\nEOF', 'heredoc in RUN'],
        ['COPY <<EOF /etc/motd\nhello\nEOF', 'heredoc in COPY'],
      ] as const
    ).map(([line, what]) => ({
      name: `once, on the first syntax newer than older frontends know: ${what}`,
      code: `FROM debian:12-slim\n${line}\nRUN --mount=type=tmpfs,target=/tmp true\n`,
      line: 2,
      message: what,
    })),
    {
      name: 'a # syntax= line after an ordinary comment: BuildKit reads no directive there',
      code: '# hadolint ignore=DL3008\n# syntax=docker/dockerfile:1\nFROM debian:12-slim\nCOPY --link a /a\n',
      line: 4,
      output:
        '# syntax=docker/dockerfile:1\n# hadolint ignore=DL3008\n# syntax=docker/dockerfile:1\nFROM debian:12-slim\nCOPY --link a /a\n',
    },
    {
      name: 'a # syntax= line after a blank line is an ordinary comment',
      code: '\n# syntax=docker/dockerfile:1\nFROM debian:12-slim\nCOPY --link a /a\n',
      line: 4,
    },
    {
      name: 'inserts the directive as the first line, above other directives',
      code: fixture('syntax-directive', 'input.Dockerfile'),
      output: fixture('syntax-directive', 'fixed.Dockerfile'),
    },
    {
      name: 'keeps CRLF line breaks',
      code: 'FROM debian:12-slim\r\nCOPY --link a /a\r\n',
      output: '# syntax=docker/dockerfile:1\r\nFROM debian:12-slim\r\nCOPY --link a /a\r\n',
    },
  ],
});

describe('syntax-directive (unit)', () => {
  it('puts the directive where the parser still reads both', () => {
    const model = parseDockerfile(fixture('syntax-directive', 'fixed.Dockerfile'));
    assert.deepEqual(
      model.directives.map((d) => [d.name, d.value]),
      [
        ['syntax', 'docker/dockerfile:1'],
        ['escape', '\\'],
      ],
    );
  });
});
