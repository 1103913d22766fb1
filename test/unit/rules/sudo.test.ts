import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

const lines = (text: string) => findings(text, 'sudo').map((f) => f.range.start.line);

describe('sudo (unit)', () => {
  it('fires on sudo as a command, with options, behind env or in a subshell', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN sudo make install\nRUN (cd /x && sudo -E make)\nRUN env A=1 sudo -u app make\n'), [1, 2, 3]);
  });

  it('is silent on sudo as a word that is not a command', () => {
    assert.deepEqual(lines('FROM debian:12\nRUN apt-get install -y --no-install-recommends sudo && usermod -aG sudo app && echo "sudo make"\n'), []);
  });

  it('fixes by removing sudo and its harmless options when the RUN runs as root', () => {
    assert.equal(roundTrip('FROM debian:12\nRUN sudo -E make install\n', 'sudo'), 'FROM debian:12\nRUN make install\n');
    assert.equal(roundTrip('FROM debian:12\nRUN cd /x && sudo \\\n    make\n', 'sudo'), 'FROM debian:12\nRUN cd /x && make\n');
  });

  it('offers no fix when sudo switches the user', () => {
    assert.deepEqual(findings('FROM debian:12\nRUN sudo -u postgres psql -c "select 1"\n', 'sudo')[0].fixes, []);
  });

  it('under a non-root USER, runs the RUN as root instead (not safe)', () => {
    const text = 'FROM debian:12\nUSER app\nRUN sudo make install\nCMD ["app"]\n';
    assert.equal(findings(text, 'sudo')[0].fixes[0].safe, false);
    assert.equal(roundTrip(text, 'sudo'), 'FROM debian:12\nUSER app\nUSER root\nRUN make install\nUSER app\nCMD ["app"]\n');
  });
});
