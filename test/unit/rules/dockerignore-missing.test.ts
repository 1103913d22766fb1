import assert from 'node:assert/strict';
import { findings } from '../../support/ruleHarness';
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
