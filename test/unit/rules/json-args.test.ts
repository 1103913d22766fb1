import assert from 'node:assert/strict';
import { plainWords } from '../../../src/core/shell/commandWords';
import { findings } from '../../support/ruleHarness';
import { fixture as ruleFixture, ruleTester } from '../../support/ruleTester';

const fixture = (name: string) => ruleFixture('json-args', name);

ruleTester.run('json-args', {
  valid: [
    { name: 'the JSON form and an empty CMD', code: 'FROM alpine:3.20\nCMD ["sh"]\nENTRYPOINT []\nCMD\n' },
    {
      name: 'after an explicit SHELL in the stage',
      code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD node server.js\n',
    },
    {
      name: 'after an explicit SHELL in its base',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nSHELL ["powershell", "-Command"]\nFROM base\nCMD Write-Host hi\n',
    },
    { name: 'a JSON form continued over lines', code: 'FROM node:20-slim\nCMD [ "node", \\\n  "server.js" ]\n' },
  ],
  invalid: [
    {
      name: 'CMD and ENTRYPOINT in shell form; the fixture round-trips, continuation lines joined',
      code: fixture('input.Dockerfile'),
      lines: [3, 5],
      fix: ['Rewrite as a JSON array', /sh", "-c"/],
      output: fixture('fixed.Dockerfile'),
    },
    {
      name: 'still fires when the SHELL comes after it or in an unrelated stage',
      code: 'FROM alpine:3.20 AS a\nSHELL ["/bin/ash", "-c"]\nFROM alpine:3.20\nCMD node server.js\nSHELL ["/bin/sh", "-c"]\n',
      count: 1,
    },
    {
      name: 'rewrites plain words as a JSON array',
      code: 'FROM node:20-slim\nCMD node server.js --port 8080\n',
      output: 'FROM node:20-slim\nCMD ["node", "server.js", "--port", "8080"]\n',
    },
    {
      name: 'rewrites plain words as a safe JSON array, dropping a leading exec',
      code: 'FROM node:20-slim\nCMD exec node "my app.js"\n',
      safe: true,
      output: 'FROM node:20-slim\nCMD ["node", "my app.js"]\n',
    },
    {
      name: 'keeps a shell, not safe, when the command needs one; exec for a single command',
      code: 'FROM node:20-slim\nCMD node server.js --port $PORT\n',
      safe: false,
      output: 'FROM node:20-slim\nCMD ["/bin/sh", "-c", "exec node server.js --port $PORT"]\n',
    },
    {
      name: 'keeps a shell, not safe, for a chain',
      code: 'FROM node:20-slim\nCMD npm run migrate && node server.js | tee log\n',
      safe: false,
      output: 'FROM node:20-slim\nCMD ["/bin/sh", "-c", "npm run migrate && node server.js | tee log"]\n',
    },
    {
      name: 'a JSON form that is not JSON: fixes single quotes',
      code: "FROM node:20-slim\nCMD ['node', 'server.js']\n",
      output: 'FROM node:20-slim\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'a JSON form that is not JSON: a trailing comma, no fix',
      code: 'FROM node:20-slim\nENTRYPOINT ["node", "server.js",]\n',
      message: /not valid JSON/,
      output: null,
    },
    {
      name: 'joins continuation lines with the escape character the file chose',
      code: '# escape=`\nFROM mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022\nENTRYPOINT dotnet `\n    app.dll\n',
      output:
        '# escape=`\nFROM mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022\nENTRYPOINT ["dotnet", "app.dll"]\n',
    },
    {
      name: 'on a Windows image, offers no /bin/sh rewrite',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD echo a && echo b\n',
      output: null,
    },
    {
      name: 'on a Windows image, keeps backslashes out of a shell reading (no fix)',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD C:\\app\\app.exe --port 80\n',
      output: null,
    },
    {
      name: 'a shell form that ends the file with an escape: plain words, without the escape',
      code: 'FROM node:20-slim\nCMD node server.js \\\n',
      safe: true,
      output: 'FROM node:20-slim\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'single quotes in a JSON form that ends the file with an escape and no line break',
      code: "FROM node:20-slim\nCMD ['node', 'server.js'] \\",
      output: 'FROM node:20-slim\nCMD ["node", "server.js"]',
    },
  ],
});

describe('json-args (unit)', () => {
  it('treats globs, redirections, assignments, comments and ~ as shell features', () => {
    for (const cmd of [
      'ls *.txt',
      'app > log',
      'A=1 app',
      'app # note',
      'cat ~/x',
      'echo "$HOME"',
      'a;b',
      'echo `id`',
      'echo \\x',
    ]) {
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
    assert.equal(
      fix('node server.js $((1 + 2));').edits[0].newText,
      '["/bin/sh", "-c", "exec node server.js $((1 + 2));"]',
    );
    assert.equal(fix('"exec" node $APP').edits[0].newText, '["/bin/sh", "-c", "\\"exec\\" node $APP"]');
  });

  it('reads a comment, a trailing & and brace expansion as shell', () => {
    assert.equal(fix('node server.js # the API').safe, false);
    assert.equal(fix('node server.js &').safe, false);
    assert.equal(fix('node {a,b}.js').safe, false);
    assert.deepEqual(fix('node a#b.js x=1').edits[0].newText, '["node", "a#b.js", "x=1"]');
  });
});
