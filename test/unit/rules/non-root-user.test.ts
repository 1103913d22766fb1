import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findings, roundTrip } from '../../support/ruleHarness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/non-root-user', name), 'utf8');

describe('non-root-user (unit)', () => {
  it('fires when the final stage sets no USER, on its FROM', () => {
    const found = findings('FROM python:3.12-slim\nCOPY . .\nCMD ["python", "app.py"]\n', 'non-root-user');
    assert.deepEqual(found.map((f) => f.range.start.line), [0]);
  });

  it('fires on a last USER root or 0, on that USER', () => {
    assert.deepEqual(findings('FROM debian:12\nUSER app\nUSER root\n', 'non-root-user').map((f) => f.range.start.line), [2]);
    assert.deepEqual(findings('FROM debian:12\nUSER 0:0\n', 'non-root-user').map((f) => f.range.start.line), [1]);
  });

  it('judges the build target as the final stage', () => {
    const text = 'FROM debian:12 AS build\nRUN make\n\nFROM debian:12-slim\nUSER nobody\n';
    assert.deepEqual(findings(text, 'non-root-user'), []);
    assert.deepEqual(findings(text, 'non-root-user', { target: 'build' }).map((f) => f.range.start.line), [0]);
  });

  it('is silent when the last USER is not root, also when inherited from the stage it builds on', () => {
    assert.deepEqual(findings('FROM debian:12\nUSER app:app\n', 'non-root-user'), []);
    assert.deepEqual(findings('FROM debian:12 AS base\nUSER 1000\nFROM base\nCMD ["x"]\n', 'non-root-user'), []);
    assert.deepEqual(findings('FROM debian:12\nUSER $APP_UID\n', 'non-root-user'), []);
  });

  it('is silent on scratch, distroless :nonroot and images known to run as non-root', () => {
    for (const base of ['scratch', 'gcr.io/distroless/static-debian12:nonroot', 'mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled', 'bitnami/nginx:1.25', 'cgr.dev/chainguard/node:latest', 'mcr.microsoft.com/windows/nanoserver:ltsc2022']) {
      assert.deepEqual(findings(`FROM ${base}\nCOPY app /app\n`, 'non-root-user'), [], base);
    }
  });

  it('is silent on a base named by a global ARG whose default runs as non-root', () => {
    assert.deepEqual(findings('ARG BASE=gcr.io/distroless/static:nonroot\nFROM $BASE\nCOPY app /app\n', 'non-root-user'), []);
  });

  it('fixes a debian-based stage as FIX-EXAMPLES.md shows', () => {
    assert.equal(roundTrip(fixture('input.Dockerfile'), 'non-root-user'), fixture('fixed.Dockerfile'));
  });

  it('fixes an alpine stage with addgroup/adduser -S', () => {
    assert.equal(roundTrip(fixture('alpine-input.Dockerfile'), 'non-root-user'), fixture('alpine-fixed.Dockerfile'));
  });

  it('fixes a distroless stage with USER nonroot only', () => {
    assert.equal(roundTrip(fixture('distroless-input.Dockerfile'), 'non-root-user'), fixture('distroless-fixed.Dockerfile'));
  });

  it('replaces a trailing USER root with the user the file already has, keeping comments', () => {
    assert.equal(roundTrip(fixture('user-root-input.Dockerfile'), 'non-root-user'), fixture('user-root-fixed.Dockerfile'));
  });

  it('keeps a USER root that later RUNs need and switches back before the CMD', () => {
    const text = 'FROM debian:12-slim\nUSER root\nRUN touch /marker\nCMD ["sleep", "1"]\n';
    assert.equal(
      roundTrip(text, 'non-root-user'),
      'FROM debian:12-slim\nUSER root\nRUN touch /marker\nRUN groupadd --system --gid 10001 app && \\\n    useradd --system --uid 10001 --gid app --no-create-home app\nUSER app\nCMD ["sleep", "1"]\n',
    );
  });

  it('uses the user the base image brings (node, .NET 8 APP_UID)', () => {
    assert.equal(roundTrip('FROM node:20-slim\nCOPY . .\nCMD ["node", "index.js"]\n', 'non-root-user'), 'FROM node:20-slim\nCOPY . .\nUSER node\nCMD ["node", "index.js"]\n');
    assert.equal(roundTrip('FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out .\nENTRYPOINT ["dotnet", "app.dll"]\n', 'non-root-user'), 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out .\nUSER $APP_UID\nENTRYPOINT ["dotnet", "app.dll"]\n');
  });

  it('keeps CRLF line endings, indentation and appends at the end when there is no CMD', () => {
    const fixed = roundTrip('FROM debian:12-slim\r\n  RUN echo hi\r\n', 'non-root-user');
    assert.equal(fixed, 'FROM debian:12-slim\r\n  RUN echo hi\r\n  RUN groupadd --system --gid 10001 app && \\\r\n      useradd --system --uid 10001 --gid app --no-create-home app\r\n  USER app\r\n');
  });

  it('continues the new RUN the way the file continues its own', () => {
    const text = 'FROM debian:12-slim\nRUN apt-get update \\\n\t&& apt-get install -y --no-install-recommends curl \\\n\t&& rm -rf /var/lib/apt/lists/*\nCMD ["curl"]\n';
    assert.equal(
      roundTrip(text, 'non-root-user'),
      'FROM debian:12-slim\nRUN apt-get update \\\n\t&& apt-get install -y --no-install-recommends curl \\\n\t&& rm -rf /var/lib/apt/lists/*\nRUN groupadd --system --gid 10001 app \\\n\t&& useradd --system --uid 10001 --gid app --no-create-home app\nUSER app\nCMD ["curl"]\n',
    );
  });

  it('offers a fix that is not safe', () => {
    assert.equal(findings(fixture('input.Dockerfile'), 'non-root-user')[0].fixes[0].safe, false);
  });
});
