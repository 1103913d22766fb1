import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../../src/core/fix';
import { plainWords } from '../../../src/core/shell/commandWords';
import { findings, roundTrip } from '../../support/ruleHarness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/json-args', name), 'utf8');

describe('json-args (unit)', () => {
  it('fires on CMD and ENTRYPOINT in shell form', () => {
    assert.deepEqual(findings(fixture('input.Dockerfile'), 'json-args').map((f) => f.range.start.line), [2, 4]);
  });

  it('is silent on the JSON form, an empty CMD, and after an explicit SHELL (in the stage or its base)', () => {
    assert.deepEqual(findings('FROM alpine:3.20\nCMD ["sh"]\nENTRYPOINT []\nCMD\n', 'json-args'), []);
    assert.deepEqual(findings('FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD node server.js\n', 'json-args'), []);
    assert.deepEqual(findings('FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nSHELL ["powershell", "-Command"]\nFROM base\nCMD Write-Host hi\n', 'json-args'), []);
  });

  it('still fires when the SHELL comes after it or in an unrelated stage', () => {
    const text = 'FROM alpine:3.20 AS a\nSHELL ["/bin/ash", "-c"]\nFROM alpine:3.20\nCMD node server.js\nSHELL ["/bin/sh", "-c"]\n';
    assert.equal(findings(text, 'json-args').length, 1);
  });

  it('rewrites plain words as a safe JSON array, dropping a leading exec', () => {
    const fixed = roundTrip('FROM node:20-slim\nCMD node server.js --port 8080\n', 'json-args');
    assert.equal(fixed, 'FROM node:20-slim\nCMD ["node", "server.js", "--port", "8080"]\n');
    const [d] = findings('FROM node:20-slim\nCMD exec node "my app.js"\n', 'json-args');
    assert.equal(d.fixes[0].safe, true);
    assert.equal(applyEdits('FROM node:20-slim\nCMD exec node "my app.js"\n', d.fixes[0].edits), 'FROM node:20-slim\nCMD ["node", "my app.js"]\n');
  });

  it('keeps a shell, not safe, when the command needs one; exec for a single command', () => {
    const one = findings('FROM node:20-slim\nCMD node server.js --port $PORT\n', 'json-args')[0].fixes[0];
    assert.equal(one.safe, false);
    assert.equal(one.edits[0].newText, '["/bin/sh", "-c", "exec node server.js --port $PORT"]');
    const chain = findings('FROM node:20-slim\nCMD npm run migrate && node server.js | tee log\n', 'json-args')[0].fixes[0];
    assert.equal(chain.safe, false);
    assert.equal(chain.edits[0].newText, '["/bin/sh", "-c", "npm run migrate && node server.js | tee log"]');
  });

  it('round-trips the fixture, continuation lines joined', () => {
    let text = fixture('input.Dockerfile');
    text = roundTrip(text, 'json-args', 'Rewrite as a JSON array');
    text = roundTrip(text, 'json-args', /sh", "-c"/);
    assert.equal(text, fixture('fixed.Dockerfile'));
  });

  it('fires on a JSON form that is not JSON, and fixes single quotes', () => {
    const fixed = roundTrip("FROM node:20-slim\nCMD ['node', 'server.js']\n", 'json-args');
    assert.equal(fixed, 'FROM node:20-slim\nCMD ["node", "server.js"]\n');
    const [d] = findings('FROM node:20-slim\nENTRYPOINT ["node", "server.js",]\n', 'json-args');
    assert.match(d.message, /not valid JSON/);
    assert.deepEqual(d.fixes, []);
    assert.deepEqual(findings('FROM node:20-slim\nCMD [ "node", \\\n  "server.js" ]\n', 'json-args'), []);
  });

  it('joins continuation lines with the escape character the file chose', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022\nENTRYPOINT dotnet `\n    app.dll\n';
    const fixed = roundTrip(text, 'json-args');
    assert.equal(fixed, '# escape=`\nFROM mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022\nENTRYPOINT ["dotnet", "app.dll"]\n');
  });

  it('treats globs, redirections, assignments, comments and ~ as shell features', () => {
    for (const cmd of ['ls *.txt', 'app > log', 'A=1 app', 'app # note', 'cat ~/x', 'echo "$HOME"', 'a;b', 'echo `id`', 'echo \\x']) {
      assert.equal(plainWords(cmd), undefined, cmd);
    }
    assert.deepEqual(plainWords(`run --name='a b' x=1 "c d"`), ['run', '--name=a b', 'x=1', 'c d']);
  });
});

describe('json-args fixes decided on parsed commands (unit)', () => {
  const fix = (cmd: string) => findings(`FROM node:20-slim\nCMD ${cmd}\n`, 'json-args')[0].fixes[0];

  it('keeps a shell for shell keywords and builtins the JSON form would not run the same', () => {
    for (const cmd of ['time node server.js', 'export PORT=80', 'A+=1 node server.js']) {
      const f = fix(cmd);
      assert.equal(f.safe, false, cmd);
      assert.match(f.edits[0].newText, /^\["\/bin\/sh", "-c", /, cmd);
    }
  });

  it('adds exec only before one simple command: not before an assignment or a negation', () => {
    assert.equal(fix('PORT=80 node server.js').edits[0].newText, '["/bin/sh", "-c", "PORT=80 node server.js"]');
    assert.equal(fix('! node server.js').edits[0].newText, '["/bin/sh", "-c", "! node server.js"]');
    assert.equal(fix('node server.js $((1 + 2));').edits[0].newText, '["/bin/sh", "-c", "exec node server.js $((1 + 2));"]');
    assert.equal(fix('"exec" node $APP').edits[0].newText, '["/bin/sh", "-c", "\\"exec\\" node $APP"]');
  });

  it('reads a comment, a trailing & and brace expansion as shell', () => {
    assert.equal(fix('node server.js # the API').safe, false);
    assert.equal(fix('node server.js &').safe, false);
    assert.equal(fix('node {a,b}.js').safe, false);
    assert.deepEqual(fix('node a#b.js x=1').edits[0].newText, '["node", "a#b.js", "x=1"]');
  });
});
