import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

const lines = (text: string) => findings(text, 'apt-update-alone').map((f) => f.range.start.line);
const INSTALL = 'apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*';

describe('apt-update-alone (unit)', () => {
  it('fires on apt-get update, apt update, apk update and yum/dnf makecache with no install in the RUN (one finding a family)', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN apt-get update\nRUN apt update -qq && echo done\n'), [1, 2]);
    assert.deepEqual(lines('FROM alpine:3.20\nRUN apk update\nFROM fedora:40\nRUN dnf makecache && yum makecache\n'), [1, 3]);
  });

  it('is silent when the same RUN installs or upgrades after the update', () => {
    assert.deepEqual(lines(`FROM debian:12\nRUN apt-get update && ${INSTALL}\n`), []);
    assert.deepEqual(lines('FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade\n'), []);
    assert.deepEqual(lines('FROM alpine:3.20\nRUN apk update && apk add --no-cache curl\n'), []);
  });

  it('moves the update into the next RUN when it is the install (safe)', () => {
    const text = `FROM debian:12\nRUN apt-get update\nENV DEBIAN_FRONTEND=noninteractive\nRUN ${INSTALL}\n`;
    const fix = findings(text, 'apt-update-alone')[0].fixes[0];
    assert.equal(fix.safe, true);
    const fixed = roundTrip(text, 'apt-update-alone');
    assert.equal(fixed, `FROM debian:12\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get update && ${INSTALL}\n`);
  });

  it('puts the update on a line of its own in an install RUN of several lines', () => {
    const text = 'FROM debian:12\nRUN apt-get update -qq\nRUN apt-get install -y --no-install-recommends \\\n    git \\\n    && rm -rf /var/lib/apt/lists/*\n';
    const fixed = roundTrip(text, 'apt-update-alone');
    assert.equal(fixed, 'FROM debian:12\nRUN apt-get update -qq && \\\n    apt-get install -y --no-install-recommends \\\n    git \\\n    && rm -rf /var/lib/apt/lists/*\n');
  });

  it('is not safe when another RUN comes first, and offers nothing when the RUN does more than update', () => {
    const text = `FROM debian:12\nRUN apt-get update\nRUN echo hi\nRUN ${INSTALL}\n`;
    assert.equal(findings(text, 'apt-update-alone')[0].fixes[0].safe, false);
    assert.equal(roundTrip(text, 'apt-update-alone'), `FROM debian:12\nRUN echo hi\nRUN apt-get update && ${INSTALL}\n`);
    assert.deepEqual(findings(`FROM debian:12\nRUN apt-get update && echo hi\nRUN ${INSTALL}\n`, 'apt-update-alone')[0].fixes, []);
  });

  it('offers no fix when the install follows || or | in its RUN', () => {
    for (const run of ['test -f /done || apt-get install -y --no-install-recommends git', 'test -f /done || \\\n    apt-get install -y --no-install-recommends git', 'echo y | apt-get install --no-install-recommends git']) {
      assert.deepEqual(findings(`FROM debian:12\nRUN apt-get update\nRUN ${run} && rm -rf /var/lib/apt/lists/*\n`, 'apt-update-alone')[0].fixes, [], run);
    }
  });
});
