import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { secretMountIds } from '../../../src/core/dockerfile/mounts';

describe('RUN mounts (unit)', () => {
  it('names each secret once: by id, or by the target file as BuildKit does', () => {
    const model = parseDockerfile(
      [
        'FROM alpine:3.20',
        'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
        'RUN --mount=type=secret,target=/run/secrets/api_token/ --mount=type=cache,target=/root/.cache true',
        'RUN --mount="type=secret,id=npmrc" --mount=TYPE=secret,ID=aws true',
        'RUN --mount=type=bind,source=x,target=/x true',
      ].join('\n'),
    );
    assert.deepEqual(secretMountIds(model), ['npmrc', 'api_token', 'aws']);
  });
});
