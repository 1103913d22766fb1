import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findings, roundTrip } from '../../support/ruleHarness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/copy-chown', name), 'utf8');

describe('copy-chown (unit)', () => {
  it('fires on COPY after a non-root USER that a RUN or the image then runs as', () => {
    assert.deepEqual(findings(fixture('input.Dockerfile'), 'copy-chown').map((f) => f.range.start.line), [3, 5]);
  });

  it('follows USER into stages built FROM this one', () => {
    const text = 'FROM node:20-slim AS base\nUSER node\nFROM base\nCOPY . /app\n';
    assert.deepEqual(findings(text, 'copy-chown').map((f) => f.range.start.line), [3]);
  });

  it('is silent with --chown or --chmod, as root, before USER, and when nothing runs as that user', () => {
    const silent = [
      'FROM node:20-slim\nUSER node\nCOPY --chown=node:node . /app\nCOPY --chmod=644 a /a\n',
      'FROM node:20-slim\nUSER root\nCOPY . /app\nUSER 0:0\nCOPY . /b\n',
      'FROM node:20-slim\nCOPY . /app\nUSER node\n',
      // configuration in system folders is read, not written, by the user
      'FROM debian:12-slim\nUSER pulse\nCOPY client.conf /etc/pulse/client.conf\nCOPY tool /usr/local/bin/tool\n',
      // copied as node, but the stage ends as root and nothing runs as node after the COPY
      'FROM node:20-slim\nUSER node\nCOPY . /app\nUSER root\nRUN chown -R node /app\n',
      // a build stage that only feeds COPY --from: never run as that user
      'FROM node:20-slim AS build\nUSER node\nCOPY . /app\nFROM node:20-slim\nCOPY --from=build /app /app\n',
    ];
    for (const text of silent) assert.deepEqual(findings(text, 'copy-chown'), [], text);
  });

  it('fixes by adding --chown with the user as written, group included', () => {
    let text = fixture('input.Dockerfile');
    while (findings(text, 'copy-chown').length) text = roundTrip(text, 'copy-chown');
    assert.equal(text, fixture('fixed.Dockerfile'));
    const fixed = roundTrip('FROM alpine:3.20\nUSER app:app\nCOPY --from=build /out /srv\n', 'copy-chown');
    assert.equal(fixed, 'FROM alpine:3.20\nUSER app:app\nCOPY --chown=app:app --from=build /out /srv\n');
  });
});
