import assert from 'node:assert/strict';
import { dependencyLayerOrder } from '../../../src/core/rules/dependency-layer-order';
import { instructionReads } from '../../support/instructionReads';
import { fixture, ruleTester } from '../../support/ruleTester';

/** A context with a .NET solution of two projects and a go.mod without go.sum. */
const DOTNET_AND_GO = {
  'App.sln': '',
  'src/Api/Api.csproj': '',
  'src/Lib/Lib.csproj': '',
  'src/Api/Program.cs': '',
  'go.mod': '',
};

/** A whole-context COPY before the install RUN, and what the fix makes of it: the manifests copied first. */
const reorder = (install: string, manifests: string) => ({
  code: `FROM base\nWORKDIR /app\nCOPY . .\nRUN ${install}\n`,
  output: `FROM base\nWORKDIR /app\n${manifests}\nRUN ${install}\nCOPY . .\n`,
});

ruleTester.run('dependency-layer-order', {
  valid: [
    {
      name: 'the manifests were copied before the full COPY (npm)',
      code: 'FROM node:20\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm ci --omit=dev\n',
    },
    {
      name: 'the manifests were copied before the full COPY (go)',
      code: 'FROM golang:1.22\nCOPY go.mod go.sum ./\nCOPY . .\nRUN go mod download\n',
    },
    { name: 'an install that is not from a manifest', code: 'FROM node:20\nCOPY . .\nRUN npm install -g pnpm\n' },
    { name: 'an install of the project itself', code: 'FROM python:3.12\nCOPY . .\nRUN pip install .\n' },
    { name: 'the install comes before the COPY', code: 'FROM node:20\nRUN npm ci\nCOPY . .\n' },
    {
      name: 'the COPY and the install are in different stages',
      code: 'FROM node:20 AS deps\nCOPY . .\nFROM node:20\nRUN npm ci\n',
    },
  ],
  invalid: [
    {
      name: 'COPY . . before an install RUN, on the COPY; fixed as FIX-EXAMPLES.md shows',
      code: fixture('dependency-layer-order', 'npm-input.Dockerfile'),
      findings: [{ line: 3, severity: 'warning' }],
      output: fixture('dependency-layer-order', 'npm-fixed.Dockerfile'),
    },
    {
      name: 'COPY . <dir> before an install RUN',
      code: 'FROM python:3.12-slim\nCOPY . /srv\nRUN pip install -r /srv/requirements.txt\n',
      count: 1,
    },
    ...(
      [
        ['yarn install --frozen-lockfile', 'COPY package.json yarn.lock ./'],
        ['go mod download', 'COPY go.mod go.sum ./'],
        ['bundle install', 'COPY Gemfile Gemfile.lock ./'],
        ['composer install --no-scripts', 'COPY composer.json composer.lock ./'],
        ['mvn -B dependency:go-offline', 'COPY pom.xml ./'],
        ['gradle dependencies', 'COPY build.gradle* settings.gradle* ./'],
        ['cargo fetch', 'COPY Cargo.toml Cargo.lock ./'],
        ['dotnet restore src/Api/Api.csproj', 'COPY src/Api/Api.csproj src/Api/'],
      ] as const
    ).map(([install, manifests]) => ({
      name: `copies each manager's manifest files: ${install}`,
      ...reorder(install, manifests),
    })),
    {
      name: 'reads the context for .NET projects',
      context: DOTNET_AND_GO,
      ...reorder(
        'dotnet restore',
        'COPY App.sln ./\nCOPY src/Api/Api.csproj src/Api/\nCOPY src/Lib/Lib.csproj src/Lib/',
      ),
    },
    {
      name: 'reads the context for optional lock files',
      context: DOTNET_AND_GO,
      ...reorder('go mod download', 'COPY go.mod ./'),
    },
    {
      name: 'without a context, finds a .NET restore but offers no guess at its projects',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\nRUN dotnet restore\n',
      count: 1,
      output: null,
    },
    {
      name: 'keeps the COPY flags, destination, comments above it, indentation and CRLF',
      code: 'FROM node:20\r\n  # the sources\r\n  COPY --chown=node:node . /home/node/app\r\n  ENV NODE_ENV=production\r\n  RUN npm ci && npm cache clean --force\r\n  CMD ["node", "."]\r\n',
      output:
        'FROM node:20\r\n  COPY --chown=node:node package.json package-lock.json* /home/node/app/\r\n  ENV NODE_ENV=production\r\n  RUN npm ci && npm cache clean --force\r\n  # the sources\r\n  COPY --chown=node:node . /home/node/app\r\n  CMD ["node", "."]\r\n',
    },
    {
      name: 'splits an install RUN that goes on to build: the build stays below the sources',
      code: 'FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n',
      output: 'FROM node:20\nCOPY package.json package-lock.json* ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
    },
    {
      // what consecutive-run's merge makes of `RUN npm install` and `RUN npm run build`
      name: 'splits a merged RUN over continuation lines, harmless commands kept with the install',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install && \\\n    npm cache clean --force && \\\n    npm run build\n',
      output:
        'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json* ./\nRUN npm install && \\\n    npm cache clean --force\nCOPY . .\nRUN npm run build\n',
    },
    {
      name: 'gives both RUNs of a split the RUN flags',
      code: 'FROM node:20\nCOPY . .\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci && npm test\n',
      output:
        'FROM node:20\nCOPY package.json package-lock.json* ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nCOPY . .\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm test\n',
    },
    ...[
      'RUN npm ci; npm run build',
      'RUN npm ci || npm run build',
      'RUN export CI=1 && npm ci && npm run build',
      'RUN CI=1 && npm ci && npm run build',
      'RUN set -o pipefail && npm ci && npm run build | tee log',
      'RUN ./prepare.sh && npm ci',
      'RUN npm ci && if [ -f x ]; then npm run build; fi',
    ].map((run) => ({
      name: `offers no fix when splitting would change what runs: ${run}`,
      code: `FROM node:20\nCOPY . .\n${run}\n`,
      output: null,
    })),
    ...(
      [
        ['dotnet restore', 'dotnet restore'],
        ['go mod download', 'go mod download'],
        ['python -m pip install -r requirements.txt', 'pip install'],
        ['yarn --frozen-lockfile', 'yarn'],
        ['./mvnw -B dependency:go-offline', 'mvnw dependency:go-offline'],
      ] as const
    ).map(([install, named]) => ({
      name: `names the command as written: ${install}`,
      code: `FROM base\nCOPY . .\nRUN ${install}\n`,
      message: `The whole context is copied before the ${named}:`,
    })),
    {
      name: 'offers no fix when a RUN sits between',
      code: 'FROM node:20\nCOPY . .\nRUN ./prepare.sh\nRUN npm ci\n',
      output: null,
    },
  ],
});

describe('dependency-layer-order: work grows with the length of the Dockerfile, not its square', () => {
  // a full COPY before each install, and an ENV between, in one stage: every COPY is reported
  const pairs = (n: number) => `FROM node:20\nWORKDIR /app\n${'COPY . .\nENV A=1\nRUN npm ci\n'.repeat(n)}`;

  it('reads each instruction a bounded number of times, however many COPY and RUN pairs', () => {
    const small = instructionReads(dependencyLayerOrder, pairs(300));
    const large = instructionReads(dependencyLayerOrder, pairs(1200));
    assert.equal(small.findings, 300);
    assert.equal(large.findings, 1200);
    const perInstruction = large.reads / large.instructions;
    assert.ok(perInstruction < 10, `${perInstruction} reads per instruction`);
    // linear: four times the pairs, about four times the reads (quadratic would be sixteen)
    assert.ok(large.reads <= 4.5 * small.reads, `${small.reads} reads for 300 pairs, ${large.reads} for 1200`);
  });
});
