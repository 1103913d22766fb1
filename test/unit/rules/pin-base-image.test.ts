import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { applyEdits } from '../../../src/core/lint/fix';
import type { ImageResolver } from '../../../src/core/rule';
import { pinBaseImage } from '../../../src/core/rules/pin-base-image';
import { findings, parseProblems } from '../../support/ruleHarness';
import { ruleTester } from '../../support/ruleTester';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** Registry answers held in memory: the real registry client has its own tests. */
function resolver(
  tags: Record<string, string[]>,
  digests: Record<string, string> = {},
): ImageResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async listTags(image) {
      asked.push(`tags ${image}`);
      if (!tags[image]) throw new Error(`no such repository ${image}`);
      return tags[image];
    },
    async digest(ref) {
      asked.push(`digest ${ref}`);
      return digests[ref];
    },
  };
}

const offline: ImageResolver = {
  listTags: () => Promise.reject(new Error('getaddrinfo ENOTFOUND registry-1.docker.io')),
  digest: () => {
    throw new Error('offline');
  },
};

async function fixesFor(text: string, r: ImageResolver) {
  const [finding] = findings(text, 'pin-base-image');
  assert.ok(finding, 'pin-base-image did not fire');
  return pinBaseImage.resolveFixes!({ dockerfile: parseDockerfile(text) }, finding, r);
}

ruleTester.run('pin-base-image', {
  valid: [
    {
      name: 'a version tag, a digest, scratch and a stage name',
      code:
        'FROM node:20-alpine AS build\nFROM build\nFROM scratch\nFROM node@sha256:' +
        'ab'.repeat(32) +
        '\nFROM BUILD AS again\n',
    },
    { name: 'FROM $ARG whose global default is pinned', code: 'ARG BASE=node:20-slim\nFROM $BASE\n' },
    { name: 'a tag pieced from a pinned ARG', code: 'ARG VERSION=20\nFROM node:${VERSION}-slim\n' },
    { name: 'FROM $ARG with no default: only the build knows the image', code: 'ARG BASE\nFROM $BASE\n' },
    { name: 'a tag that is an ARG with no default: a tag is written', code: 'ARG TAG\nFROM alpine:$TAG\n' },
    { name: 'a registry ARG with no default, and a tag', code: 'ARG REGISTRY\nFROM ${REGISTRY}/ubuntu:24.04\n' },
  ],
  invalid: [
    {
      name: 'no tag and latest, with or without a registry host',
      code: 'FROM node\nFROM node:latest AS b\nFROM ghcr.io/acme/app:latest\nFROM localhost:5000/app\n',
      lines: [1, 2, 3, 4],
    },
    {
      name: 'FROM $ARG whose global default is not pinned, pointing at the ARG',
      code: 'ARG BASE=node\nFROM ${BASE}\n',
      findings: [{ line: 2, related: [1] }],
    },
    {
      name: 'a registry ARG with no default and no tag, as hadolint reports it',
      code: 'ARG REGISTRY\nFROM ${REGISTRY}/ubuntu\n',
      findings: [{ line: 2, text: '${REGISTRY}/ubuntu', message: /no tag.*REGISTRY has no default/ }],
      output: null,
    },
    {
      name: 'a name pieced with an ARG that has no default, so no tag unless the build sets one',
      code: 'ARG TAG\nFROM alpine$TAG AS base\n',
      findings: [{ line: 2, text: 'alpine$TAG', message: /FROM alpine\$TAG has no tag.*TAG has no default/ }],
    },
    {
      name: 'an undeclared ARG in the name, and the tag latest',
      code: 'FROM ${IMAGE}:latest\n',
      message: /the tag latest; IMAGE has no default/,
    },
  ],
});

describe('pin-base-image (unit)', () => {
  it('offers existing tags of the same variant, newest first, and the current digest', async () => {
    const r = resolver(
      { node: ['23-alpine', '22.11.0', '22', '22-alpine', 'latest', 'lts', '20.18.1', '20', '18', '16', '14'] },
      { 'node:latest': DIGEST },
    );
    const fixes = await fixesFor('FROM node:latest\nCMD ["node"]\n', r);
    assert.deepEqual(
      fixes.map((f) => f.title),
      [
        'Pin to node:22.11.0',
        'Pin to node:22',
        'Pin to node:20.18.1',
        'Pin to node:20',
        'Pin to node:18',
        `Pin to current digest ${DIGEST.slice(0, 19)}…`,
      ],
    );
    assert.ok(
      fixes.every((f) => !f.safe),
      "choosing a tag is the user's choice",
    );
  });

  it('keeps the variant of the current tag when choosing siblings', async () => {
    const r = resolver({ node: ['23-alpine', '23', '22-alpine', '22-slim'] });
    const text = 'ARG BASE=node\nFROM $BASE\n';
    // BASE=node has no variant: only plain versions are offered, and the ARG default is edited
    const fixes = await fixesFor(text, r);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Pin to node:23'],
    );
    assert.equal(applyEdits(text, fixes[0].edits), 'ARG BASE=node:23\nFROM $BASE\n');
  });

  it('applying a resolved fix removes the finding and keeps the file valid', async () => {
    const text = 'FROM ghcr.io/acme/app:latest AS run\nUSER 1000\n';
    const r = resolver({ 'ghcr.io/acme/app': ['1.4.2', '1.4.1'] }, { 'ghcr.io/acme/app:latest': DIGEST });
    for (const fix of await fixesFor(text, r)) {
      const fixed = applyEdits(text, fix.edits);
      assert.deepEqual(findings(fixed, 'pin-base-image'), [], fixed);
      assert.deepEqual(parseProblems(fixed), []);
    }
    assert.deepEqual(r.asked.sort(), ['digest ghcr.io/acme/app:latest', 'tags ghcr.io/acme/app']);
    const [first] = await fixesFor(text, r);
    assert.equal(applyEdits(text, first.edits), 'FROM ghcr.io/acme/app:1.4.2 AS run\nUSER 1000\n');
  });

  it('offers nothing and never throws offline', async () => {
    assert.deepEqual(await fixesFor('FROM node\n', offline), []);
    assert.deepEqual(await fixesFor('FROM node\n', resolver({})), []);
  });

  it('offers no edit when the reference is pieced together from variables', async () => {
    const text = 'ARG NAME=node\nARG TAG=latest\nFROM ${NAME}:${TAG}\n';
    assert.equal(findings(text, 'pin-base-image').length, 1);
    assert.deepEqual(await fixesFor(text, resolver({ node: ['22'] }, { 'node:latest': DIGEST })), []);
  });
});
