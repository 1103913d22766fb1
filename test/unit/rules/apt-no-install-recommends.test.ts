import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

const lines = (text: string) => findings(text, 'apt-no-install-recommends').map((f) => f.range.start.line);

describe('apt-no-install-recommends (unit)', () => {
  it('fires on apt-get install in && chains, after ;, in subshells, if blocks and continuations', () => {
    const text = [
      'FROM debian:12',
      'RUN apt-get update && apt-get install -y curl',
      'RUN set -e; (apt-get install -y git)',
      'RUN if [ -n "$X" ]; then \\',
      '      DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Options::=--force-confold install -y vim; \\',
      '    fi',
      'RUN sudo apt-get \\',
      '    install -y make',
      '',
    ].join('\n');
    assert.deepEqual(lines(text), [1, 2, 4, 6]);
  });

  it('is silent with --no-install-recommends anywhere on the line, or -o APT::Install-Recommends=false', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN apt-get install -y curl --no-install-recommends\n'), []);
    assert.deepEqual(lines('FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n'), []);
    assert.deepEqual(lines('FROM debian:12\nRUN apt-get install -y -o "APT::Install-Recommends=0" curl\n'), []);
  });

  it('is silent on words that only mention apt-get, and on RUNs the shell cannot parse', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN echo "apt-get install curl" && command -v apt-get\n'), []);
    assert.deepEqual(lines("FROM debian:12\nRUN apt-get install -y curl 'unterminated\n"), []);
  });

  it('fixes by adding --no-install-recommends after install, keeping the continuation lines', () => {
    const fixed = roundTrip('FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl && \\\n    rm -rf /var/lib/apt/lists/*\n', 'apt-no-install-recommends');
    assert.equal(fixed, 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install --no-install-recommends -y curl && \\\n    rm -rf /var/lib/apt/lists/*\n');
  });
});
