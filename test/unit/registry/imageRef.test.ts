import assert from 'node:assert/strict';
import { familiarName, normalizedImage, parseImageRef } from '../../../src/core/dockerfile/imageRef';

describe('image references, normalised the way Docker does (unit)', () => {
  it('fills in docker.io, library/ and latest', () => {
    const cases: [string, string][] = [
      ['nginx', 'docker.io/library/nginx:latest'],
      ['nginx:1.27-alpine', 'docker.io/library/nginx:1.27-alpine'],
      ['me/app', 'docker.io/me/app:latest'],
      ['index.docker.io/nginx', 'docker.io/library/nginx:latest'],
      ['localhost/app', 'localhost/app:latest'],
      ['localhost:5000/team/app:2', 'localhost:5000/team/app:2'],
      ['127.0.0.1:5000/app@sha256:abc', '127.0.0.1:5000/app@sha256:abc'],
      ['ghcr.io/o/app:1@sha256:abc', 'ghcr.io/o/app:1@sha256:abc'],
    ];
    assert.deepEqual(
      cases.map(([raw]) => normalizedImage(parseImageRef(raw))),
      cases.map(([, want]) => want),
    );
  });

  it('gives the familiar name docker pull prints', () => {
    assert.deepEqual(
      [
        'docker.io/library/nginx',
        'nginx',
        'me/app',
        'docker.io/library/a/b',
        'ghcr.io/o/app',
        '127.0.0.1:5000/app',
      ].map((raw) => familiarName(parseImageRef(raw))),
      ['nginx', 'nginx', 'me/app', 'library/a/b', 'ghcr.io/o/app', '127.0.0.1:5000/app'],
    );
  });
});
