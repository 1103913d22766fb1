import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSummary, formatDuration, parseProgress } from '../../../src/core/build';
import { parseDockerfile } from '../../../src/core/dockerfile/model';

const FIXTURES = path.resolve(__dirname, '../../fixtures/build');

/** The recorded output of a real build, parsed as the runner would. */
function recorded(dir: string, file: string, exitCode: number) {
  const dockerfile = parseDockerfile(fs.readFileSync(path.join(FIXTURES, dir, 'Dockerfile'), 'utf8'));
  return parseProgress(fs.readFileSync(path.join(FIXTURES, dir, file), 'utf8'), 'plain', { dockerfile, exitCode });
}

describe('the line a build ends with (unit, recorded builds)', () => {
  it('says what was built, how long it took, and how many steps came from the cache', () => {
    const first = recorded('multistage', 'final-first.exit0.txt', 0);
    const steps = first.instructionSteps.length;
    const cached = first.instructionSteps.filter((s) => s.state === 'cached').length;
    assert.equal(buildSummary({ progress: first, exitCode: 0, durationMs: 12_345, tag: 'app:1.0' }), `Built app:1.0 in 12.3 s: ${steps} steps, ${cached} cached.`);
    const again = recorded('multistage', 'final-again.exit0.txt', 0);
    assert.match(buildSummary({ progress: again, exitCode: 0, durationMs: 850 }), new RegExp(`^Built in 850 ms: ${again.instructionSteps.length} steps, ${again.instructionSteps.length - 1} cached\\.$`));
  });

  it('names the failing instruction and its line (1-based, as editors count)', () => {
    const broken = recorded('multistage', 'broken.exit1.txt', 1);
    const summary = buildSummary({ progress: broken, exitCode: 1, durationMs: 3_200 });
    assert.equal(summary, `Build failed after 3.2 s at line 12: ${broken.failure!.step!.instruction} (exit code 1).`);
    assert.match(summary, /at line 12: RUN /);
  });

  it('still says the build failed when no step can be named', () => {
    const noise = parseProgress('docker: unknown flag --nope\n', 'plain', { exitCode: 125 });
    assert.equal(buildSummary({ progress: noise, exitCode: 125, durationMs: 40 }), 'Build failed after 40 ms (exit code 125).');
  });

  it('writes durations as people read them', () => {
    assert.deepEqual([0, 999.4, 1000, 59_949, 60_000, 125_400].map(formatDuration), ['0 ms', '999 ms', '1.0 s', '59.9 s', '1 min 0 s', '2 min 5 s']);
  });
});
