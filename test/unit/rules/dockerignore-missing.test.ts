import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';
import { memoryContext } from '../../support/memoryContext';

const created = (text: string, files: Record<string, string>, dockerfilePath?: string) => {
  const [finding] = findings(text, 'dockerignore-missing', { context: memoryContext(files, dockerfilePath) });
  const [edit] = finding.fixes[0].contextEdits!;
  assert.equal(edit.path, '.dockerignore');
  assert.equal(edit.create, true);
  return edit.edits[0].newText.split('\n').filter(Boolean);
};

describe('dockerignore-missing (unit)', () => {
  it('fires when the context has no .dockerignore, on the first instruction', () => {
    const found = findings('# app\nFROM alpine\n', 'dockerignore-missing', { context: memoryContext({ 'app.sh': '' }) });
    assert.deepEqual(found.map((f) => [f.range.start.line, f.severity]), [[1, 'warning']]);
  });

  it('is silent without a context', () => {
    assert.deepEqual(findings('FROM alpine\n', 'dockerignore-missing'), []);
  });

  it('is silent with a .dockerignore, or a <Dockerfile>.dockerignore next to the Dockerfile', () => {
    assert.deepEqual(findings('FROM alpine\n', 'dockerignore-missing', { context: memoryContext({ '.dockerignore': '.git\n' }) }), []);
    assert.deepEqual(findings('FROM alpine\n', 'dockerignore-missing', { context: memoryContext({ 'docker/app.Dockerfile.dockerignore': '.git\n' }, 'docker/app.Dockerfile') }), []);
  });

  it('creates a .dockerignore fitted to a Node project', () => {
    const lines = created('FROM node:20-slim\nCOPY . .\n', { 'package.json': '{}', 'index.js': '', '.git/HEAD': '', '.vscode/settings.json': '' });
    assert.deepEqual(lines, ['.git', '.vscode', '**/*.log', '.env', '.env.*', 'Dockerfile*', '.dockerignore', '**/node_modules', 'dist', 'coverage']);
  });

  it('adds bin/obj for .NET, caches for Python, target for Maven, and leaves out what the project lacks', () => {
    const dotnet = created('FROM mcr.microsoft.com/dotnet/sdk:8.0\n', { 'src/Api/Api.csproj': '' });
    assert.ok(dotnet.includes('**/bin') && dotnet.includes('**/obj'));
    assert.ok(!dotnet.includes('**/node_modules') && !dotnet.includes('.vscode'));
    assert.ok(created('FROM python:3.12-slim\n', { 'requirements.txt': '' }).includes('**/__pycache__'));
    assert.ok(created('FROM maven:3\n', { 'pom.xml': '' }).includes('target'));
  });

  it('never ignores what the Dockerfile copies, and lists private keys found in the context', () => {
    const lines = created('FROM node:20-slim\nCOPY dist/ /app/\nCOPY .env.defaults /app/\n', { 'package.json': '{}', 'dist/a.js': '', 'deploy/id_rsa': '' });
    assert.ok(!lines.includes('dist'));
    assert.ok(!lines.includes('.env.*'));
    assert.ok(lines.includes('deploy/id_rsa'));
  });

  it('fixes safely with the file\'s line ending, and the fixed context passes the other context rules', () => {
    const context = memoryContext({ 'package.json': '{}' });
    const text = 'FROM node:20-slim\r\nCOPY package.json ./\r\n';
    assert.equal(roundTrip(text, 'dockerignore-missing', undefined, { context }), text);
    const fix = findings(text, 'dockerignore-missing', { context })[0].fixes[0];
    assert.equal(fix.safe, true);
    assert.match(fix.contextEdits![0].edits[0].newText, /^\.git\r\n/);
  });
});
