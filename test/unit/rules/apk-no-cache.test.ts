import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

const lines = (text: string) => findings(text, 'apk-no-cache').map((f) => f.range.start.line);

describe('apk-no-cache (unit)', () => {
  it('fires on apk add without --no-cache, also with options before add and behind xargs', () => {
    assert.deepEqual(lines('FROM alpine:3.20\nRUN apk add curl\nRUN apk --update add git && \\\n    echo vim | xargs -r apk add\n'), [1, 2, 3]);
  });

  it('is silent with --no-cache before or after add, and for --no-network installs', () => {
    assert.deepEqual(lines('FROM alpine:3.20\nRUN apk add --no-cache curl && apk --no-cache add git && apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1\n'), []);
  });

  it('is silent with a cache mount at /etc/apk/cache or /var/cache/apk', () => {
    assert.deepEqual(lines('FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache apk add curl\n'), []);
    assert.deepEqual(lines('FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk/ apk add curl\n'), []);
  });

  it('fixes by adding --no-cache after add', () => {
    assert.equal(roundTrip('FROM alpine:3.20\nRUN apk add --virtual .deps curl\n', 'apk-no-cache'), 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .deps curl\n');
  });
});
