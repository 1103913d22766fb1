#!/usr/bin/env node
// `npm run test:unit` and `npm run test:integration`: mocha on one folder's tests, with the other
// options of .mocharc.json (tsx, the timeout, the reporter whose counts `npm test` adds up).
//
//   node scripts/mocha.mjs test/unit                          .mocharc.json's spec under test/unit
//   npm run test:unit -- test/unit/rules/apt-get-yes.test.ts  that file instead (any name under the folder)
//   npm run test:unit -- --grep pin-digest                    other arguments go to mocha as they are
//
// Why not plain `mocha test/unit/...`: .mocharc.json's spec lists both folders (`npx mocha` runs
// them all), and mocha adds the files named on its command line to that list rather than replacing
// it. So this runs mocha with --no-config and passes .mocharc.json's other options as flags.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const [folder, ...rest] = process.argv.slice(2);
if (!folder) {
  console.error('usage: node scripts/mocha.mjs <test folder> [files under it] [mocha options]');
  process.exit(2);
}

const rc = JSON.parse(fs.readFileSync('.mocharc.json', 'utf8'));
const flags = [];
for (const [name, value] of Object.entries(rc)) {
  if (name === 'spec') continue;
  if (typeof value === 'boolean') flags.push(value ? `--${name}` : `--no-${name}`);
  else for (const v of [value].flat()) flags.push(`--${name}`, String(v));
}

const under = (p) => path.normalize(p).startsWith(path.normalize(folder) + path.sep);
const named = rest.some((arg) => !arg.startsWith('-') && under(arg));
const spec = named ? [] : [rc.spec].flat().filter(under);
if (!named && !spec.length) {
  console.error(`.mocharc.json has no spec under ${folder}`);
  process.exit(2);
}

const result = await execa('mocha', ['--no-config', ...flags, ...spec, ...rest], {
  preferLocal: true,
  stdio: 'inherit',
  reject: false,
});
process.exit(result.exitCode ?? 1);
