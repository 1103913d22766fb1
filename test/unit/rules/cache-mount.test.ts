import { dockerfile, fixture, ruleTester } from '../../support/ruleTester';

ruleTester.run('cache-mount', {
  valid: [
    {
      name: 'a cache mount at npm’s cache path',
      code: 'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
    },
    {
      name: 'a cache mount at Go’s module cache',
      code: 'FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n',
    },
    {
      name: 'a cache mount at apt’s cache path',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'where a cleanup rule reports the cache left in the layer: its finding offers the mount',
      code: 'FROM python:3.12-slim\nRUN pip install flask\nRUN apk add curl\nRUN apt-get update && apt-get install -y curl\nRUN yarn install\n',
    },
    {
      name: 'where the image’s stage cleans the cache a cleanup rule asks about: that fix leaves nothing behind',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN pip install flask && rm -rf /root/.cache/pip\n',
    },
    {
      name: 'where the command switches the cache off: a mount would undo --no-cache-dir and --no-cache',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\nRUN apk add --no-cache curl\nRUN apk add --no-network x\nENV PIP_NO_CACHE_DIR=1\nRUN pip install y\n',
    },
    {
      name: 'where a tmpfs is mounted over the cache',
      code: 'FROM node:20\nRUN --mount=type=tmpfs,target=/root/.npm npm ci\n',
    },
    {
      name: 'Windows images, whose caches live elsewhere',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\nRUN dotnet restore\n',
    },
  ],
  invalid: [
    {
      name: 'install RUNs of each manager without a cache mount',
      code: dockerfile`
        FROM node:20
        RUN npm ci
        RUN poetry install
        RUN go mod download
        RUN dotnet restore
        RUN mvn dependency:go-offline
        RUN yarn add left-pad
        RUN cargo fetch && yarn install && yarn cache clean && pnpm install
        RUN echo npm ci && npm run build
      `,
      lines: [2, 3, 4, 5, 6, 7, 8],
    },
    {
      name: 'a stage whose layers never reach the image: the cleanup rules are silent, the mount still speeds up the build',
      code: 'FROM python:3.12 AS build\nRUN pip install -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /app /app\n',
      line: 2,
      output:
        '# syntax=docker/dockerfile:1\nFROM python:3.12 AS build\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /app /app\n',
    },
    {
      name: 'still fires when the mount is not a cache or is for another manager',
      code: 'FROM node:20\nRUN --mount=type=bind,target=/root/.npm --mount=type=cache,target=/root/.cache/pip npm ci\n',
      lines: [2],
    },
    {
      // in a stage only copied from: in the image's own stage a cleaned RUN is apt-lists-cleanup's, met
      name: 'adds the two apt mounts with sharing=locked and the syntax line, exactly as FIX-EXAMPLES.md',
      code: fixture('cache-mount', 'input.Dockerfile'),
      safe: false,
      output: fixture('cache-mount', 'fixed.Dockerfile'),
    },
    {
      name: 'go get alone in its RUN, as when it shares one with an apk add',
      code: 'FROM golang:1.22\nRUN go get golang.org/x/lint/golint\n',
      lines: [2],
    },
    {
      name: 'keeps an existing syntax line and flags',
      code: '# syntax=docker/dockerfile:1.7\nFROM node:20\nRUN --network=default npm ci\n',
      output:
        '# syntax=docker/dockerfile:1.7\nFROM node:20\nRUN --network=default --mount=type=cache,target=/root/.npm \\\n    npm ci\n',
    },
    {
      name: 'mounts both Go caches for go mod download, indented like the file',
      code: 'FROM golang:1.22\nRUN go mod download\nRUN set -e; \\\n\tgo build ./...\n',
      output:
        '# syntax=docker/dockerfile:1\nFROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod \\\n\t--mount=type=cache,target=/root/.cache/go-build \\\n\tgo mod download\nRUN set -e; \\\n\tgo build ./...\n',
    },
    {
      name: 'keeps the mounts on the RUN line when the command starts on the next line',
      code: 'FROM node:20\nRUN \\\n    npm ci\n',
      output: '# syntax=docker/dockerfile:1\nFROM node:20\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci\n',
    },
    {
      name: 'keeps the mounts before a heredoc',
      code: 'FROM node:20\nRUN <<EOF\nnpm ci\nEOF\n',
      output:
        '# syntax=docker/dockerfile:1\nFROM node:20\nRUN --mount=type=cache,target=/root/.npm <<EOF\nnpm ci\nEOF\n',
    },
  ],
});
