import assert from 'node:assert/strict';
import { findings } from '../../support/ruleHarness';
import { ruleTester } from '../../support/ruleTester';

const TIMING = '--interval=30s --timeout=3s --start-period=5s --retries=3';

ruleTester.run('healthcheck-missing', {
  valid: [
    { name: 'HEALTHCHECK NONE', code: 'FROM alpine\nEXPOSE 80\nHEALTHCHECK NONE\n' },
    {
      name: 'a HEALTHCHECK in the stage it builds on',
      code: 'FROM alpine AS base\nHEALTHCHECK CMD true\nFROM base\nEXPOSE 80\n',
    },
    { name: 'without EXPOSE', code: 'FROM alpine\nCMD ["app"]\n' },
    { name: 'only a non-final stage exposes', code: 'FROM alpine AS dev\nEXPOSE 80\nFROM alpine\nCMD ["app"]\n' },
    { name: 'a scratch final stage (no shell tool to probe with)', code: 'FROM scratch\nCOPY app /app\nEXPOSE 8080\n' },
    {
      name: 'a distroless final stage (no shell tool to probe with)',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nEXPOSE 8080\n',
    },
  ],
  invalid: [
    {
      name: 'a final stage that EXPOSEs a port and has no HEALTHCHECK, on the EXPOSE',
      code: 'FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\nEXPOSE 80\n',
      findings: [{ line: 3, severity: 'info' }],
    },
    {
      name: 'judges the build target',
      code: 'FROM alpine AS dev\nEXPOSE 80\nFROM alpine\nCMD ["app"]\n',
      options: { target: 'dev' },
      count: 1,
    },
    {
      name: 'probes with busybox wget on alpine, before the CMD',
      code: 'FROM node:20-alpine\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
      output: `FROM node:20-alpine\nCOPY . .\nEXPOSE 3000\nHEALTHCHECK ${TIMING} CMD wget -q --spider http://localhost:3000/ || exit 1\nCMD ["node", "server.js"]\n`,
    },
    {
      name: 'probes with curl where a RUN installs it, after the last instruction when there is no CMD',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nEXPOSE 8080/tcp\n',
      output: `FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nEXPOSE 8080/tcp\nHEALTHCHECK ${TIMING} CMD curl -fsS http://localhost:8080/ || exit 1\n`,
    },
    {
      name: 'probes with the runtime itself on node images that have no curl',
      code: 'FROM node:20-slim\nEXPOSE 3000\nCMD ["node", "s.js"]\n',
      output: /CMD node -e "require\('http'\)\.get\('http:\/\/localhost:3000\/'/,
    },
    {
      name: 'probes with the runtime itself on python images that have no curl',
      code: 'FROM python:3.12-slim\nEXPOSE 8000\n',
      output: /CMD python -c "import urllib.request; urllib.request.urlopen\('http:\/\/localhost:8000\/', timeout=2\)"/,
    },
    {
      name: 'offers no `|| exit 1` probe under a SHELL that is not POSIX',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nSHELL ["powershell", "-Command"]\nEXPOSE 8080\n',
      output: null,
    },
    {
      name: 'adds the HEALTHCHECK after a last RUN that ends the file with an escape',
      code: 'FROM node:20-alpine\nEXPOSE 3000\nRUN npm ci \\\n\n# end\n',
      output: `FROM node:20-alpine\nEXPOSE 3000\nRUN npm ci\n\n# end\nHEALTHCHECK ${TIMING} CMD wget -q --spider http://localhost:3000/ || exit 1\n`,
    },
  ],
});

describe('healthcheck-missing (unit)', () => {
  it('probes a non-HTTP port with a TCP connect, and offers nothing it cannot probe', () => {
    assert.match(
      findings('FROM alpine:3.20\nEXPOSE 22\n', 'healthcheck-missing')[0].fixes[0].edits[0].newText,
      /CMD nc -z localhost 22 \|\| exit 1/,
    );
    assert.deepEqual(findings('FROM debian:12-slim\nEXPOSE 5432\n', 'healthcheck-missing')[0].fixes, []);
    assert.deepEqual(findings('FROM debian:12-slim\nEXPOSE $PORT\n', 'healthcheck-missing')[0].fixes, []);
  });
});

describe('healthcheck-missing probe tool decided on parsed commands (unit)', () => {
  const probe = (run: string) =>
    findings(`FROM debian:12-slim\n${run}\nEXPOSE 8080\n`, 'healthcheck-missing')[0].fixes[0]?.edits[0].newText;

  it('probes with curl or wget that a package manager installs, also through sudo or pinned', () => {
    assert.match(probe('RUN apt-get install -y --no-install-recommends curl ca-certificates') ?? '', /CMD curl -fsS/);
    assert.match(probe('RUN sudo -E apt-get install -y curl=7.88.1-10+deb12u5') ?? '', /CMD curl -fsS/);
    assert.match(probe('RUN yum install -y "curl"') ?? '', /CMD curl -fsS/);
    assert.match(probe('RUN apt-get update && apt-get install -y wget') ?? '', /CMD wget -q --spider/);
    assert.match(
      findings('FROM myorg/base:1\nRUN apk add --no-cache wget\nEXPOSE 8080\n', 'healthcheck-missing')[0].fixes[0]
        .edits[0].newText,
      /CMD wget -q --spider/,
    );
  });

  it('does not take a mention of curl or wget for an install', () => {
    assert.equal(probe('RUN echo install curl'), undefined);
    assert.equal(probe('RUN echo "apt-get install curl" > notes.txt'), undefined);
    assert.equal(probe('RUN pip install curl-cffi'), undefined);
    assert.equal(probe('RUN apt-get install -y libcurl4 wget2'), undefined);
    assert.equal(probe('RUN apt-get install -y \\\n# curl is not needed any more\n    ca-certificates'), undefined);
  });
});
