import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

const lines = (text: string) => findings(text, 'package-cache-cleanup').map((f) => f.range.start.line);

describe('package-cache-cleanup (unit)', () => {
  it('fires on yum, dnf and microdnf install without clean all, and yarn install without yarn cache clean', () => {
    assert.deepEqual(lines('FROM fedora:40\nRUN dnf install -y git\nRUN yum -y install make\nRUN microdnf install -y tar\n'), [1, 2, 3]);
    assert.deepEqual(lines('FROM node:20-slim\nRUN yarn install --frozen-lockfile\nRUN yarn --frozen-lockfile\n'), [1, 2]);
  });

  it('is silent when the RUN cleans after the install', () => {
    assert.deepEqual(lines('FROM fedora:40\nRUN dnf install -y git && dnf clean all\nRUN yum install -y make && rm -rf /var/cache/yum\n'), []);
    assert.deepEqual(lines('FROM node:20-slim\nRUN yarn install && yarn cache clean --all\n'), []);
    assert.deepEqual(lines('FROM node:20-slim\nRUN yarn --version && yarn add left-pad\n'), []);
  });

  it('fires when the clean comes before the install', () => {
    assert.deepEqual(lines('FROM fedora:40\nRUN dnf clean all && dnf install -y git\n'), [1]);
  });

  it('is silent with a cache mount for that manager', () => {
    assert.deepEqual(lines('FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y git\n'), []);
    assert.deepEqual(lines('FROM node:20-slim\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n'), []);
  });

  it('fixes by appending the clean command of the manager used', () => {
    assert.equal(roundTrip('FROM fedora:40\nRUN dnf install -y git\n', 'package-cache-cleanup'), 'FROM fedora:40\nRUN dnf install -y git && dnf clean all\n');
    assert.equal(
      roundTrip('FROM node:20-slim\nRUN cd /app \\\n    && yarn install\n', 'package-cache-cleanup'),
      'FROM node:20-slim\nRUN cd /app \\\n    && yarn install \\\n    && yarn cache clean\n',
    );
  });
});
