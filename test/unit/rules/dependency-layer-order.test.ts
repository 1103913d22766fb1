import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findings, roundTrip } from '../../support/ruleHarness';
import { memoryContext } from '../../support/memoryContext';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/dependency-layer-order', name), 'utf8');
const reorder = (install: string, options = {}) => roundTrip(`FROM base\nWORKDIR /app\nCOPY . .\nRUN ${install}\n`, 'dependency-layer-order', undefined, options);
const firstCopy = (fixed: string) => fixed.split('\n').filter((l) => l.startsWith('COPY'))[0];

describe('dependency-layer-order (unit)', () => {
  it('fires on COPY . . (or COPY . <dir>) before an install RUN, on the COPY', () => {
    const found = findings(fixture('npm-input.Dockerfile'), 'dependency-layer-order');
    assert.deepEqual(found.map((f) => [f.range.start.line, f.severity]), [[2, 'warning']]);
    assert.equal(findings('FROM python:3.12-slim\nCOPY . /srv\nRUN pip install -r /srv/requirements.txt\n', 'dependency-layer-order').length, 1);
  });

  it('is silent when the manifests were copied before the full COPY', () => {
    assert.deepEqual(findings('FROM node:20\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm ci --omit=dev\n', 'dependency-layer-order'), []);
    assert.deepEqual(findings('FROM golang:1.22\nCOPY go.mod go.sum ./\nCOPY . .\nRUN go mod download\n', 'dependency-layer-order'), []);
  });

  it('is silent on installs that are not from a manifest, or that install the project itself', () => {
    assert.deepEqual(findings('FROM node:20\nCOPY . .\nRUN npm install -g pnpm\n', 'dependency-layer-order'), []);
    assert.deepEqual(findings('FROM python:3.12\nCOPY . .\nRUN pip install .\n', 'dependency-layer-order'), []);
    assert.deepEqual(findings('FROM node:20\nRUN npm ci\nCOPY . .\n', 'dependency-layer-order'), []);
    assert.deepEqual(findings('FROM node:20 AS deps\nCOPY . .\nFROM node:20\nRUN npm ci\n', 'dependency-layer-order'), []);
  });

  it('fixes the npm case as FIX-EXAMPLES.md shows', () => {
    assert.equal(roundTrip(fixture('npm-input.Dockerfile'), 'dependency-layer-order'), fixture('npm-fixed.Dockerfile'));
  });

  it('copies each manager\'s manifest files', () => {
    assert.equal(firstCopy(reorder('yarn install --frozen-lockfile')), 'COPY package.json yarn.lock ./');
    assert.equal(firstCopy(reorder('pnpm install --frozen-lockfile')), 'COPY package.json pnpm-lock.yaml ./');
    assert.equal(firstCopy(reorder('pip install --no-cache-dir -r requirements.txt')), 'COPY requirements.txt ./');
    assert.equal(firstCopy(reorder('pip install --no-cache-dir -r requirements/prod.txt')), 'COPY requirements/prod.txt requirements/');
    assert.equal(firstCopy(reorder('poetry install --no-root')), 'COPY pyproject.toml poetry.lock* ./');
    assert.equal(firstCopy(reorder('go mod download')), 'COPY go.mod go.sum ./');
    assert.equal(firstCopy(reorder('bundle install')), 'COPY Gemfile Gemfile.lock ./');
    assert.equal(firstCopy(reorder('composer install --no-scripts')), 'COPY composer.json composer.lock ./');
    assert.equal(firstCopy(reorder('mvn -B dependency:go-offline')), 'COPY pom.xml ./');
    assert.equal(firstCopy(reorder('gradle dependencies')), 'COPY build.gradle* settings.gradle* ./');
    assert.equal(firstCopy(reorder('cargo fetch')), 'COPY Cargo.toml Cargo.lock ./');
    assert.equal(firstCopy(reorder('dotnet restore src/Api/Api.csproj')), 'COPY src/Api/Api.csproj src/Api/');
  });

  it('reads the context for what only it can tell: .NET projects, optional lock files', () => {
    const context = memoryContext({ 'App.sln': '', 'src/Api/Api.csproj': '', 'src/Lib/Lib.csproj': '', 'src/Api/Program.cs': '', 'go.mod': '' });
    const dotnet = reorder('dotnet restore', { context });
    assert.equal(dotnet, 'FROM base\nWORKDIR /app\nCOPY App.sln ./\nCOPY src/Api/Api.csproj src/Api/\nCOPY src/Lib/Lib.csproj src/Lib/\nRUN dotnet restore\nCOPY . .\n');
    assert.equal(firstCopy(reorder('go mod download', { context })), 'COPY go.mod ./');
  });

  it('without a context, finds a .NET restore but offers no guess at its projects', () => {
    const found = findings('FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\nRUN dotnet restore\n', 'dependency-layer-order');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].fixes, []);
  });

  it('keeps the COPY flags, destination, comments above it, indentation and CRLF', () => {
    const fixed = roundTrip('FROM node:20\r\n  # the sources\r\n  COPY --chown=node:node . /home/node/app\r\n  ENV NODE_ENV=production\r\n  RUN npm ci && npm cache clean --force\r\n  CMD ["node", "."]\r\n', 'dependency-layer-order');
    assert.equal(
      fixed,
      'FROM node:20\r\n  COPY --chown=node:node package.json package-lock.json* /home/node/app/\r\n  ENV NODE_ENV=production\r\n  RUN npm ci && npm cache clean --force\r\n  # the sources\r\n  COPY --chown=node:node . /home/node/app\r\n  CMD ["node", "."]\r\n',
    );
  });

  it('offers no fix when the install RUN also builds, or a RUN sits between', () => {
    assert.deepEqual(findings('FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n', 'dependency-layer-order')[0].fixes, []);
    assert.deepEqual(findings('FROM node:20\nCOPY . .\nRUN ./prepare.sh\nRUN npm ci\n', 'dependency-layer-order')[0].fixes, []);
  });
});
