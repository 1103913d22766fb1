import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findings, roundTrip } from '../../support/ruleHarness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/cache-mount', name), 'utf8');
const lines = (text: string) => findings(text, 'cache-mount').map((f) => f.range.start.line);

describe('cache-mount (unit)', () => {
  it('fires on install RUNs of each manager without a cache mount', () => {
    const text = [
      'FROM node:20',
      'RUN npm ci',
      'RUN pip install -r requirements.txt',
      'RUN go mod download',
      'RUN dotnet restore',
      'RUN mvn dependency:go-offline',
      'RUN apk add --no-cache curl',
      'RUN cargo fetch && yarn install && pnpm install',
      'RUN echo npm ci && npm run build',
      '',
    ].join('\n');
    assert.deepEqual(lines(text), [1, 2, 3, 4, 5, 6, 7]);
  });

  it('is silent when the RUN mounts a cache at the manager’s cache path', () => {
    assert.deepEqual(lines('FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n'), []);
    assert.deepEqual(lines('FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n'), []);
    assert.deepEqual(lines('FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'), []);
  });

  it('still fires when the mount is not a cache or is for another manager', () => {
    assert.deepEqual(lines('FROM node:20\nRUN --mount=type=bind,target=/root/.npm --mount=type=cache,target=/root/.cache/pip npm ci\n'), [1]);
  });

  it('adds the two apt mounts with sharing=locked and the syntax line, exactly as FIX-EXAMPLES.md', () => {
    const fix = findings(fixture('input.Dockerfile'), 'cache-mount')[0].fixes[0];
    assert.equal(fix.safe, false);
    assert.equal(roundTrip(fixture('input.Dockerfile'), 'cache-mount'), fixture('fixed.Dockerfile'));
  });

  it('keeps an existing syntax line and flags, and removes --no-cache that the mount replaces', () => {
    const text = '# syntax=docker/dockerfile:1.7\nFROM alpine:3.20\nRUN --network=default apk add --no-cache curl\n';
    assert.equal(
      roundTrip(text, 'cache-mount'),
      '# syntax=docker/dockerfile:1.7\nFROM alpine:3.20\nRUN --network=default --mount=type=cache,target=/etc/apk/cache \\\n    apk add curl\n',
    );
  });

  it('mounts both Go caches for go mod download, indented like the file', () => {
    const text = 'FROM golang:1.22\nRUN go mod download\nRUN set -e; \\\n\tgo build ./...\n';
    assert.equal(
      roundTrip(text, 'cache-mount'),
      '# syntax=docker/dockerfile:1\nFROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod \\\n\t--mount=type=cache,target=/root/.cache/go-build \\\n\tgo mod download\nRUN set -e; \\\n\tgo build ./...\n',
    );
  });

  it('keeps the mounts on the RUN line when the command starts on the next line, and before a heredoc', () => {
    assert.equal(roundTrip('FROM node:20\nRUN \\\n    npm ci\n', 'cache-mount'), '# syntax=docker/dockerfile:1\nFROM node:20\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci\n');
    assert.equal(roundTrip('FROM node:20\nRUN <<EOF\nnpm ci\nEOF\n', 'cache-mount'), '# syntax=docker/dockerfile:1\nFROM node:20\nRUN --mount=type=cache,target=/root/.npm <<EOF\nnpm ci\nEOF\n');
  });

  it('is silent on Windows images, whose caches live elsewhere', () => {
    assert.deepEqual(lines('FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\nRUN dotnet restore\n'), []);
  });
});
