import assert from 'node:assert/strict';
import { isDockerfileName } from '../../../src/core/dockerfile/names';

describe('Dockerfile names the editor lints (unit)', () => {
  it('takes Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile and Containerfile, in any folder', () => {
    for (const name of [
      'Dockerfile',
      'Dockerfile.dev',
      'Dockerfile.prod.arm64',
      'api.Dockerfile',
      'app.dockerfile',
      'Containerfile',
      '/work/x/Dockerfile',
      'C:\\src\\web\\Dockerfile.ci',
    ])
      assert.ok(isDockerfileName(name), name);
  });

  it('leaves other files alone, .dockerignore files of a Dockerfile too', () => {
    for (const name of [
      'Dockerfile.dockerignore',
      '.dockerignore',
      'dockerfile.md',
      'Dockerfiles',
      'notes.txt',
      'MyDockerfile',
      'docker-compose.yml',
      '/work/Dockerfile/readme.md',
    ])
      assert.ok(!isDockerfileName(name), name);
  });
});
