import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { applyEdits } from '../../../src/core/lint/fix';
import { lint } from '../../../src/core/lint/lint';
import type { ImageResolver } from '../../../src/core/rule';
import { pinDigest } from '../../../src/core/rules/pin-digest';
import { findings, parseProblems } from '../../support/ruleHarness';
import { ruleTester } from '../../support/ruleTester';

const DIGEST = `sha256:${'0f'.repeat(32)}`;

/** One image's digest, held in memory. */
function digestOf(ref: string, digest: string): ImageResolver {
  return {
    listTags: async () => [],
    digest: async (asked) => (asked === ref ? digest : undefined),
  };
}

async function fixesFor(text: string, r: ImageResolver) {
  const [finding] = findings(text, 'pin-digest');
  assert.ok(finding, 'pin-digest did not fire');
  return pinDigest.resolveFixes!({ dockerfile: parseDockerfile(text) }, finding, r);
}

ruleTester.run('pin-digest', {
  valid: [
    {
      name: 'a digest, scratch, stage names and unknown variables',
      code: `FROM node:20@${DIGEST} AS build\nFROM build\nFROM scratch\nARG X\nFROM alpine@${DIGEST}\n`,
    },
    { name: 'FROM $ARG with no default', code: 'ARG BASE\nFROM $BASE\n' },
  ],
  invalid: [
    { name: 'an image by tag', code: 'FROM node:20-slim\n', count: 1 },
    { name: 'an image by tag through an ARG default', code: 'ARG BASE=python:3.12\nFROM $BASE\n', count: 1 },
  ],
});

describe('pin-digest (unit)', () => {
  it('is off by default', () => {
    assert.deepEqual(
      lint('FROM node:20\n').filter((d) => d.rule === 'pin-digest'),
      [],
    );
  });

  it('appends the current digest, once, as a safe fix', async () => {
    const text = 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n';
    const [fix] = await fixesFor(text, digestOf('golang:1.22', DIGEST));
    assert.equal(fix.safe, true);
    const fixed = applyEdits(text, fix.edits);
    assert.equal(fixed, `FROM --platform=$BUILDPLATFORM golang:1.22@${DIGEST} AS build\n`);
    assert.deepEqual(findings(fixed, 'pin-digest'), []);
    assert.deepEqual(parseProblems(fixed), []);
  });

  it('edits the ARG default when the FROM is only that variable', async () => {
    const text = 'ARG BASE="python:3.12"\nFROM $BASE\n';
    const [fix] = await fixesFor(text, digestOf('python:3.12', DIGEST));
    assert.equal(applyEdits(text, fix.edits), `ARG BASE="python:3.12@${DIGEST}"\nFROM $BASE\n`);
  });

  it('offers nothing when the registry has no answer or fails', async () => {
    assert.deepEqual(await fixesFor('FROM node:20\n', digestOf('other:1', DIGEST)), []);
    const failing: ImageResolver = {
      listTags: async () => [],
      digest: async () => Promise.reject(new Error('ECONNREFUSED')),
    };
    assert.deepEqual(await fixesFor('FROM node:20\n', failing), []);
    const garbage: ImageResolver = { listTags: async () => [], digest: async () => 'not-a-digest' };
    assert.deepEqual(await fixesFor('FROM node:20\n', garbage), []);
  });
});
