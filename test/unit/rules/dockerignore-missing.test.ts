import assert from 'node:assert/strict';
import { findings } from '../../support/ruleHarness';
import { parseIgnoreFile } from '../../../src/core/rules/support/dockerignore';
import { memoryContext } from '../../support/memoryContext';
import { ruleTester } from '../../support/ruleTester';

const created = (text: string, files: Record<string, string>, dockerfilePath?: string) => {
  const [finding] = findings(text, 'dockerignore-missing', { context: memoryContext(files, dockerfilePath) });
  const [edit] = finding.fixes[0].contextEdits!;
  assert.equal(edit.path, '.dockerignore');
  assert.equal(edit.create, true);
  return edit.edits[0].newText.split('\n').filter(Boolean);
};

ruleTester.run('dockerignore-missing', {
  valid: [
    { name: 'without a context', code: 'FROM alpine\n' },
    { name: 'with a .dockerignore', code: 'FROM alpine\n', context: { '.dockerignore': '.git\n' } },
    {
      name: 'with a <Dockerfile>.dockerignore next to the Dockerfile',
      code: 'FROM alpine\n',
      context: memoryContext({ 'docker/app.Dockerfile.dockerignore': '.git\n' }, 'docker/app.Dockerfile'),
    },
  ],
  invalid: [
    {
      name: 'the context has no .dockerignore, on the first instruction',
      code: '# app\nFROM alpine\n',
      context: { 'app.sh': '' },
      findings: [{ line: 2, severity: 'warning' }],
    },
    {
      name: 'creates a .dockerignore fitted to a Node project',
      code: 'FROM node:20-slim\nCOPY . .\n',
      context: { 'package.json': '{}', 'index.js': '', '.git/HEAD': '', '.vscode/settings.json': '' },
      output: 'FROM node:20-slim\nCOPY . .\n',
      outputContext: {
        '.dockerignore':
          '.git\n.vscode\n**/*.log\n.env\n.env.*\nDockerfile*\n.dockerignore\n**/node_modules\ndist\ncoverage\n',
      },
    },
    {
      name: 'fixes safely with the file’s line ending, and the fixed context passes the other context rules',
      code: 'FROM node:20-slim\r\nCOPY package.json ./\r\n',
      context: { 'package.json': '{}' },
      safe: true,
      output: 'FROM node:20-slim\r\nCOPY package.json ./\r\n',
      outputContext: { '.dockerignore': /^\.git\r\n/ },
    },
  ],
});

describe('dockerignore-missing (unit)', () => {
  it('adds bin/obj for .NET, caches for Python, target for Maven, and leaves out what the project lacks', () => {
    const dotnet = created('FROM mcr.microsoft.com/dotnet/sdk:8.0\n', { 'src/Api/Api.csproj': '' });
    assert.ok(dotnet.includes('**/bin') && dotnet.includes('**/obj'));
    assert.ok(!dotnet.includes('**/node_modules') && !dotnet.includes('.vscode'));
    assert.ok(created('FROM python:3.12-slim\n', { 'requirements.txt': '' }).includes('**/__pycache__'));
    assert.ok(created('FROM maven:3\n', { 'pom.xml': '' }).includes('target'));
  });

  it('never ignores what the Dockerfile copies, and lists private keys found in the context', () => {
    const lines = created('FROM node:20-slim\nCOPY dist/ /app/\nCOPY .env.defaults /app/\n', {
      'package.json': '{}',
      'dist/a.js': '',
      'deploy/id_rsa': '',
    });
    assert.ok(!lines.includes('dist'));
    assert.ok(!lines.includes('.env.*'));
    assert.ok(lines.includes('deploy/id_rsa'));
  });
});

describe('dockerignore-missing: a new .dockerignore leaves in what the Dockerfile copies', () => {
  /** The created file, read back as Docker reads it. */
  const createdFile = (text: string, files: Record<string, string>) =>
    parseIgnoreFile('.dockerignore', created(text, files).join('\n'));

  it('keeps what a wildcard COPY matches: private keys in certs/*.pem', () => {
    const file = createdFile('FROM nginx:1.27\nCOPY certs/*.pem /etc/ssl/\n', {
      'certs/server.pem': '',
      'certs/ca.pem': '',
      'deploy/id_rsa': '',
    });
    assert.equal(file.excludes('certs/server.pem'), false);
    assert.equal(file.excludes('deploy/id_rsa'), true, 'other keys are still left out');
  });

  it('keeps the env files `COPY .env*` copies, those there now and any made before the build', () => {
    const file = createdFile('FROM node:20-slim\nCOPY .env* ./\nCOPY . .\n', {
      'package.json': '{}',
      '.env.production': '',
    });
    for (const path of ['.env', '.env.production', '.env.staging', '.envrc'])
      assert.equal(file.excludes(path), false, path);
    assert.equal(file.excludes('.git'), true);
  });

  it('keeps a pattern that overlaps a wildcard source, with an exception for what the source matches', () => {
    const file = createdFile('FROM node:20-slim\nCOPY *.json ./\nCOPY src/ ./src/\n', { 'package.json': '{}' });
    for (const path of ['package.json', '.env.json', 'Dockerfile.json']) assert.equal(file.excludes(path), false, path);
    for (const path of ['.env', '.env.local', 'Dockerfile', 'app.log', 'node_modules', 'web/node_modules'])
      assert.equal(file.excludes(path), true, path);
  });

  it('leaves out what lies under a folder a wildcard copies as a whole, as for COPY . .', () => {
    const file = createdFile('FROM node:20-slim\nCOPY * ./\nCOPY src/* ./src/\n', {
      'package.json': '{}',
      '.env': '',
    });
    for (const path of ['.git', '.env', 'node_modules', 'src/node_modules'])
      assert.equal(file.excludes(path), true, path);
  });

  it('keeps what a wildcard in a folder name matches, and what a RUN bind mount reads', () => {
    const file = createdFile(
      'FROM node:20-slim\nCOPY */package.json ./\nRUN --mount=type=bind,source=dist,target=/d cp -r /d /app\n',
      { 'package.json': '{}', 'dist/a.js': '' },
    );
    for (const path of ['node_modules/package.json', 'dist', 'dist/a.js'])
      assert.equal(file.excludes(path), false, path);
    assert.equal(file.excludes('node_modules/left-pad/index.js'), true);
  });

  it('writes private keys whose names hold wildcards, `#` or spaces so that they match those names', () => {
    const names = ['deploy/a[1].key', 'deploy/#x.key', 'deploy/*.key', 'deploy/ k.key'];
    const file = createdFile('FROM alpine:3.20\n', Object.fromEntries(names.map((n) => [n, ''])));
    for (const name of names) assert.equal(file.excludes(name), true, name);
    assert.equal(file.excludes('deploy/b.key'), false, 'only those names');
  });

  it('is not safe when a source is a variable: only the build knows what it copies', () => {
    const [finding] = findings(
      'FROM eclipse-temurin:21\nARG JAR_FILE=target/*.jar\nCOPY ${JAR_FILE} app.jar\n',
      'dockerignore-missing',
      {
        context: memoryContext({ 'pom.xml': '' }),
      },
    );
    assert.equal(finding.fixes[0].safe, false);
    assert.match(finding.fixes[0].note ?? '', /JAR_FILE/);
  });
});
