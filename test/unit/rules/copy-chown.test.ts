import { fixture, ruleTester } from '../../support/ruleTester';

ruleTester.run('copy-chown', {
  valid: [
    {
      name: 'with --chown or --chmod',
      code: 'FROM node:20-slim\nUSER node\nCOPY --chown=node:node . /app\nCOPY --chmod=644 a /a\n',
    },
    { name: 'as root', code: 'FROM node:20-slim\nUSER root\nCOPY . /app\nUSER 0:0\nCOPY . /b\n' },
    { name: 'before USER', code: 'FROM node:20-slim\nCOPY . /app\nUSER node\n' },
    {
      name: 'after a USER of more than one word (continued into the next line), which fails the build',
      code: 'FROM node:20-slim\nUSER app \\\nRUN npm ci\nCOPY . /app\nRUN npm test\n',
    },
    {
      name: 'configuration in system folders is read, not written, by the user',
      code: 'FROM debian:12-slim\nUSER pulse\nCOPY client.conf /etc/pulse/client.conf\nCOPY tool /usr/local/bin/tool\n',
    },
    {
      name: 'copied as node, but the stage ends as root and nothing runs as node after the COPY',
      code: 'FROM node:20-slim\nUSER node\nCOPY . /app\nUSER root\nRUN chown -R node /app\n',
    },
    {
      name: 'a build stage that only feeds COPY --from: never run as that user',
      code: 'FROM node:20-slim AS build\nUSER node\nCOPY . /app\nFROM node:20-slim\nCOPY --from=build /app /app\n',
    },
  ],
  invalid: [
    {
      name: 'COPY after a non-root USER that a RUN or the image then runs as; fixed with --chown as written',
      code: fixture('copy-chown', 'input.Dockerfile'),
      lines: [4, 6],
      fix: [0, 0],
      output: fixture('copy-chown', 'fixed.Dockerfile'),
    },
    {
      name: 'follows USER into stages built FROM this one',
      code: 'FROM node:20-slim AS base\nUSER node\nFROM base\nCOPY . /app\n',
      lines: [4],
    },
    {
      name: 'fixes by adding --chown with the user as written, group included',
      code: 'FROM alpine:3.20\nUSER app:app\nCOPY --from=build /out /srv\n',
      output: 'FROM alpine:3.20\nUSER app:app\nCOPY --chown=app:app --from=build /out /srv\n',
    },
  ],
});
