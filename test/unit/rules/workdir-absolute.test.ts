import assert from 'node:assert/strict';
import { findings } from '../../support/ruleHarness';

describe('workdir-absolute (unit)', () => {
  it('fires on relative paths, quoted or not', () => {
    const text = 'FROM alpine:3.20\nWORKDIR app\nWORKDIR "src/server"\nWORKDIR ./build\n';
    assert.deepEqual(findings(text, 'workdir-absolute').map((f) => f.range.start.line), [1, 2, 3]);
  });

  it('is silent on absolute and Windows paths, and on variables', () => {
    const text = 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR "/srv/my app"\nWORKDIR C:\\\\app\nWORKDIR c:/build\nWORKDIR $HOME/app\nWORKDIR ${APP_DIR}\n';
    assert.deepEqual(findings(text, 'workdir-absolute'), []);
  });

  it('offers no fix: only the author knows the intended absolute path', () => {
    assert.deepEqual(findings('FROM alpine:3.20\nWORKDIR app\n', 'workdir-absolute')[0].fixes, []);
  });
});
