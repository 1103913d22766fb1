import { fixture, ruleTester } from '../../support/ruleTester';

const BUILD_THEN_SLIM = 'FROM debian:12 AS build\nRUN make\n\nFROM debian:12-slim\nUSER nobody\n';

ruleTester.run('non-root-user', {
  valid: [
    { name: 'a final stage that is not the build target', code: BUILD_THEN_SLIM },
    { name: 'the last USER is not root', code: 'FROM debian:12\nUSER app:app\n' },
    {
      name: 'a non-root USER inherited from the stage it builds on',
      code: 'FROM debian:12 AS base\nUSER 1000\nFROM base\nCMD ["x"]\n',
    },
    { name: 'a USER from a variable', code: 'FROM debian:12\nUSER $APP_UID\n' },
    ...[
      'scratch',
      'gcr.io/distroless/static-debian12:nonroot',
      'mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled',
      'bitnami/nginx:1.25',
      'cgr.dev/chainguard/node:latest',
      'mcr.microsoft.com/windows/nanoserver:ltsc2022',
      'cimg/base:2024.01',
      'jenkins/inbound-agent:latest',
    ].map((base) => ({
      name: `scratch, distroless :nonroot and images known to run as non-root: ${base}`,
      code: `FROM ${base}\nCOPY app /app\n`,
    })),
    {
      name: 'a base named by a global ARG whose default runs as non-root',
      code: 'ARG BASE=gcr.io/distroless/static:nonroot\nFROM $BASE\nCOPY app /app\n',
    },
  ],
  invalid: [
    {
      name: 'the final stage sets no USER, on its FROM',
      code: 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "app.py"]\n',
      lines: [1],
    },
    { name: 'a last USER root, on that USER', code: 'FROM debian:12\nUSER app\nUSER root\n', lines: [3] },
    { name: 'a last USER 0, on that USER', code: 'FROM debian:12\nUSER 0:0\n', lines: [2] },
    {
      name: 'judges the build target as the final stage',
      code: BUILD_THEN_SLIM,
      options: { target: 'build' },
      lines: [1],
    },
    {
      name: 'fixes a debian-based stage as FIX-EXAMPLES.md shows, not safe',
      code: fixture('non-root-user', 'input.Dockerfile'),
      safe: false,
      output: fixture('non-root-user', 'fixed.Dockerfile'),
    },
    {
      name: 'fixes an alpine stage with addgroup/adduser -S',
      code: fixture('non-root-user', 'alpine-input.Dockerfile'),
      output: fixture('non-root-user', 'alpine-fixed.Dockerfile'),
    },
    {
      name: 'fixes a distroless stage with USER nonroot only',
      code: fixture('non-root-user', 'distroless-input.Dockerfile'),
      output: fixture('non-root-user', 'distroless-fixed.Dockerfile'),
    },
    {
      name: 'replaces a trailing USER root with the user the file already has, keeping comments',
      code: fixture('non-root-user', 'user-root-input.Dockerfile'),
      output: fixture('non-root-user', 'user-root-fixed.Dockerfile'),
    },
    {
      name: 'keeps a USER root that later RUNs need and switches back before the CMD',
      code: 'FROM debian:12-slim\nUSER root\nRUN touch /marker\nCMD ["sleep", "1"]\n',
      output:
        'FROM debian:12-slim\nUSER root\nRUN touch /marker\nRUN groupadd --system --gid 10001 app && \\\n    useradd --system --uid 10001 --gid app --no-create-home app\nUSER app\nCMD ["sleep", "1"]\n',
    },
    {
      name: 'uses the user the base image brings: node',
      code: 'FROM node:20-slim\nCOPY . .\nCMD ["node", "index.js"]\n',
      output: 'FROM node:20-slim\nCOPY . .\nUSER node\nCMD ["node", "index.js"]\n',
    },
    {
      name: 'uses the user the base image brings: .NET 8 APP_UID',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out .\nENTRYPOINT ["dotnet", "app.dll"]\n',
      output: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out .\nUSER $APP_UID\nENTRYPOINT ["dotnet", "app.dll"]\n',
    },
    {
      name: 'keeps CRLF line endings, indentation and appends at the end when there is no CMD',
      code: 'FROM debian:12-slim\r\n  RUN echo hi\r\n',
      output:
        'FROM debian:12-slim\r\n  RUN echo hi\r\n  RUN groupadd --system --gid 10001 app && \\\r\n      useradd --system --uid 10001 --gid app --no-create-home app\r\n  USER app\r\n',
    },
    {
      name: 'continues the new RUN the way the file continues its own',
      code: 'FROM debian:12-slim\nRUN apt-get update \\\n\t&& apt-get install -y --no-install-recommends curl \\\n\t&& rm -rf /var/lib/apt/lists/*\nCMD ["curl"]\n',
      output:
        'FROM debian:12-slim\nRUN apt-get update \\\n\t&& apt-get install -y --no-install-recommends curl \\\n\t&& rm -rf /var/lib/apt/lists/*\nRUN groupadd --system --gid 10001 app \\\n\t&& useradd --system --uid 10001 --gid app --no-create-home app\nUSER app\nCMD ["curl"]\n',
    },
    {
      name: 'creates the user in exec form under a SHELL that is not POSIX',
      code: 'FROM debian:12-slim\nSHELL ["pwsh", "-Command"]\nCMD ["app"]\n',
      output:
        'FROM debian:12-slim\nSHELL ["pwsh", "-Command"]\nRUN ["/bin/sh", "-c", "groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app"]\nUSER app\nCMD ["app"]\n',
    },
    // consecutive-run raised to warning, so that the round trip sees it: the RUN the fix adds is a step of its own
    ...[
      [
        'debian:12-slim',
        'RUN groupadd --system --gid 10001 app && \\\n    useradd --system --uid 10001 --gid app --no-create-home app',
      ],
      ['alpine:3.20', 'RUN addgroup -S -g 10001 app && adduser -S -u 10001 -G app -H app'],
    ].map(([base, create]) => ({
      name: `creates the user beside the build's RUN without asking to merge them: ${base}`,
      code: `FROM ${base}\nRUN set -eux; make; make install\n\nCMD ["app"]\n`,
      options: { rules: { 'consecutive-run': 'warning' as const } },
      output: `FROM ${base}\nRUN set -eux; make; make install\n\n${create}\nUSER app\nCMD ["app"]\n`,
    })),
    {
      name: 'replaces a trailing USER root that ends the file with an escape',
      code: 'FROM debian:12\nUSER app\nRUN make\nUSER root \\\n',
      output: 'FROM debian:12\nUSER app\nRUN make\nUSER app\n',
    },
  ],
});
