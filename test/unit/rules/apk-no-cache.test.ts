import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('apk-no-cache', {
  valid: [
    {
      name: 'with --no-cache before or after add, and for --no-network installs',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl && apk --no-cache add git && apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1\n',
    },
    {
      name: 'with a cache mount at /etc/apk/cache',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache apk add curl\n',
    },
    {
      name: 'with a cache mount at /var/cache/apk',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk/ apk add curl\n',
    },
    {
      name: 'with a tmpfs mount at /var/cache/apk',
      code: 'FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/var/cache/apk apk add curl\n',
    },
    {
      name: 'in a stage whose layers never reach the image, only copied from',
      code: 'FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20\nCOPY --from=build /out /out\n',
    },
  ],
  invalid: [
    {
      name: 'apk add without --no-cache, also with options before add and behind xargs',
      code: dockerfile`
        FROM alpine:3.20
        RUN apk add curl
        RUN apk --update add git && \
            echo vim | xargs -r apk add
      `,
      lines: [2, 3, 4],
    },
    {
      name: 'one finding with both ways out: --no-cache (safe) or a cache mount',
      code: 'FROM alpine:3.20\nRUN apk add curl\n',
      message:
        'apk add keeps the package index in the layer: add --no-cache, or mount a cache at /etc/apk/cache to keep it between builds.',
      fixes: ['Add --no-cache', 'Add a cache mount for apk'],
      fix: 'cache mount',
      output:
        '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache \\\n    apk add curl\n',
    },
    {
      name: 'fixes by adding --no-cache after add',
      code: 'FROM alpine:3.20\nRUN apk add --virtual .deps curl\n',
      output: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .deps curl\n',
    },
  ],
});
