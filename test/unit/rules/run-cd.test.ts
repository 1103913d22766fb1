import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

const lines = (text: string) => findings(text, 'run-cd').map((f) => f.range.start.line);

describe('run-cd (unit)', () => {
  it('fires on a cd that sets the directory for the commands after it', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN cd /src && make\nRUN make; \\\n    cd build; make install\n'), [1, 3]);
  });

  it('is silent for a cd inside a subshell or command substitution', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN (cd /src && make) && echo "$(cd /x && pwd)"\n'), []);
  });

  it('is silent for a cd that is the only command, or inside a quoted sh -c', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN cd /src\nRUN sh -c "cd /src && make"\n'), []);
  });

  it('introduces WORKDIR for a leading cd (not safe), keeping the rest of the RUN', () => {
    const text = 'FROM debian:12\nRUN cd /src && \\\n    make && \\\n    make install\n';
    assert.equal(findings(text, 'run-cd')[0].fixes[0].safe, false);
    assert.equal(roundTrip(text, 'run-cd'), 'FROM debian:12\nWORKDIR /src\nRUN make && \\\n    make install\n');
  });

  it('resolves a relative cd against the WORKDIR, and offers no WORKDIR when it is unknown or the cd is not first', () => {
    assert.equal(roundTrip('FROM debian:12\nWORKDIR /app\nRUN cd web && npm ci\n', 'run-cd'), 'FROM debian:12\nWORKDIR /app\nWORKDIR /app/web\nRUN npm ci\n');
    assert.deepEqual(findings('FROM debian:12\nRUN cd web && make\n', 'run-cd')[0].fixes, []);
    assert.deepEqual(findings('FROM debian:12\nRUN make && cd /x && make\n', 'run-cd')[0].fixes, []);
  });
});
