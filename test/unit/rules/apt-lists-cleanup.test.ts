import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

const lines = (text: string) => findings(text, 'apt-lists-cleanup').map((f) => f.range.start.line);

describe('apt-lists-cleanup (unit)', () => {
  it('fires on a RUN that installs with apt-get and keeps the lists, also when the rm comes before the install', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n'), [1]);
    assert.deepEqual(lines('FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y --no-install-recommends curl\n'), [1]);
  });

  it('is silent when the RUN removes the lists after the install, in any rm spelling, or runs apt-get dist-clean', () => {
    for (const clean of ['rm -rf /var/lib/apt/lists/*', 'rm -fr /var/lib/apt/lists', 'rm -r /tmp/* /var/lib/apt/lists/*', 'apt-get dist-clean']) {
      assert.deepEqual(lines(`FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && ${clean}\n`), [], clean);
    }
  });

  it('is silent when the RUN mounts a cache at /var/lib/apt', () => {
    const text = 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl\n';
    assert.deepEqual(lines(text), []);
  });

  it('fixes a one-line RUN by appending && rm -rf /var/lib/apt/lists/*', () => {
    const fixed = roundTrip('FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl   \n', 'apt-lists-cleanup');
    assert.equal(fixed, 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*   \n');
  });

  it('fixes a RUN of several lines on a new continuation line, in the RUN’s own style', () => {
    const trailing = roundTrip('FROM debian:12\nRUN apt-get update && \\\n\tapt-get install -y --no-install-recommends curl\n', 'apt-lists-cleanup');
    assert.equal(trailing, 'FROM debian:12\nRUN apt-get update && \\\n\tapt-get install -y --no-install-recommends curl && \\\n\trm -rf /var/lib/apt/lists/*\n');
    const leading = roundTrip('FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl;\n', 'apt-lists-cleanup');
    assert.equal(leading, 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n');
  });

  it('offers no fix where an appended command would be commented out', () => {
    const found = findings('FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl # tools\n', 'apt-lists-cleanup');
    assert.deepEqual(found[0].fixes, []);
  });

  it('still fixes when # is only inside quotes or a word', () => {
    const fixed = roundTrip('FROM debian:12\nRUN apt-get install -y --no-install-recommends curl && echo "a # b" a#b\n', 'apt-lists-cleanup');
    assert.equal(fixed, 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl && echo "a # b" a#b && rm -rf /var/lib/apt/lists/*\n');
  });
});
