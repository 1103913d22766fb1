import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

const lines = (text: string) => findings(text, 'apt-over-apt-get').map((f) => f.range.start.line);

describe('apt-over-apt-get (unit)', () => {
  it('fires on apt as a program, also behind sudo or in an if block', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN apt update && \\\n    sudo apt -y install curl\nRUN if true; then apt remove -y x; fi\n'), [1, 2, 3]);
  });

  it('is silent on apt-get, apt-cache, apt-key and on apt as an argument', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN apt-get update && apt-cache policy curl && apt-key list && echo apt install && which apt\n'), []);
  });

  it('offers no fix for apt subcommands apt-get does not have', () => {
    assert.deepEqual(findings('FROM debian:12\nRUN apt list --installed\n', 'apt-over-apt-get')[0].fixes, []);
  });

  it('fixes by replacing apt with apt-get', () => {
    const fixed = roundTrip('FROM debian:12\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n', 'apt-over-apt-get');
    assert.equal(fixed, 'FROM debian:12\nRUN apt-get update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n');
  });
});
