import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

describe('apt-get-yes (unit)', () => {
  it('fires on apt-get install without -y, inside && chains and if blocks', () => {
    const text = 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install --no-install-recommends curl\nRUN if true; then apt-get install git; fi\n';
    const found = findings(text, 'apt-get-yes');
    assert.deepEqual(found.map((f) => f.range.start.line), [2, 3]);
  });

  it('is silent with -y, --yes, -qq, --assume-yes or a combined -qy', () => {
    for (const flag of ['-y', '--yes', '-qq', '--assume-yes', '-qy']) {
      assert.deepEqual(findings(`FROM debian:12\nRUN apt-get install ${flag} curl\n`, 'apt-get-yes'), [], flag);
    }
  });

  it('is silent with -o APT::Get::Assume-Yes=true, and reads -o values as values, not as the subcommand', () => {
    assert.deepEqual(findings('FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n', 'apt-get-yes'), []);
    const found = findings('FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew install curl\n', 'apt-get-yes');
    assert.equal(found.length, 1);
    assert.equal(roundTrip('FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew install curl\n', 'apt-get-yes'), 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew install -y curl\n');
  });

  it('is silent when the RUN cannot be parsed as shell', () => {
    assert.deepEqual(findings("FROM debian:12\nRUN apt-get install curl 'unterminated\n", 'apt-get-yes'), []);
  });

  it('fixes by adding -y, once', () => {
    const fixed = roundTrip('FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n', 'apt-get-yes');
    assert.equal(fixed, 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n');
  });
});
