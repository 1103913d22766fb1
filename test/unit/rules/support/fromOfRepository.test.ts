import assert from 'node:assert/strict';
import { DockerfileModel } from '../../../../src/core/dockerfile/model';
import { applyEdits } from '../../../../src/core/lint/fix';
import { fromOfRepository, setDigestEdit } from '../../../../src/core/dockerfile/fromImage';

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** The text after pinning `repository` on `registry` the way the Registries view does, or undefined. */
function pin(text: string, registry: string, repository: string, line?: number): string | undefined {
  const model = new DockerfileModel(text);
  const image = fromOfRepository(model, registry, repository, line);
  return image && applyEdits(text, [setDigestEdit(model, image, DIGEST)]);
}

describe('pinning a FROM from the Registries view (unit)', () => {
  it('pins the FROM of that image on that registry, not one of the same path elsewhere', () => {
    const text = 'FROM docker.io/team/app:1 AS a\nFROM 127.0.0.1:5000/team/app:1.2.0 AS b\n';
    assert.equal(
      pin(text, '127.0.0.1:5000', 'team/app'),
      `FROM docker.io/team/app:1 AS a\nFROM 127.0.0.1:5000/team/app:1.2.0@${DIGEST} AS b\n`,
    );
    assert.equal(pin(text, 'ghcr.io', 'team/app'), undefined);
  });

  it('takes Docker Hub by any of its names, and official images by their short name', () => {
    assert.equal(pin('FROM node:20\n', 'registry-1.docker.io', 'library/node'), `FROM node:20@${DIGEST}\n`);
    assert.equal(
      pin('FROM index.docker.io/library/node:20\n', 'docker.io', 'library/node'),
      `FROM index.docker.io/library/node:20@${DIGEST}\n`,
    );
  });

  it('prefers the FROM at the cursor, replaces a digest already there, and keeps the flags', () => {
    const text = `FROM --platform=$BUILDPLATFORM node:20 AS build\nFROM node:20@sha256:${'b'.repeat(64)}\n`;
    assert.equal(
      pin(text, 'docker.io', 'library/node', 1),
      `FROM --platform=$BUILDPLATFORM node:20 AS build\nFROM node:20@${DIGEST}\n`,
    );
    assert.equal(
      pin(text, 'docker.io', 'library/node', 0),
      `FROM --platform=$BUILDPLATFORM node:20@${DIGEST} AS build\nFROM node:20@sha256:${'b'.repeat(64)}\n`,
    );
  });

  it('pins the ARG default when the FROM is only that ARG, and leaves a reference built of pieces alone', () => {
    assert.equal(
      pin('ARG BASE=node:20\nFROM $BASE\n', 'docker.io', 'library/node'),
      `ARG BASE=node:20@${DIGEST}\nFROM $BASE\n`,
    );
    assert.equal(pin('ARG V=20\nFROM node:${V}\n', 'docker.io', 'library/node'), undefined);
  });
});
