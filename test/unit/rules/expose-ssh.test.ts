import assert from 'node:assert/strict';
import { findings } from '../../support/ruleHarness';

describe('expose-ssh (unit)', () => {
  it('fires on 22, 22/tcp and a range holding 22, at the port itself', () => {
    const found = findings('FROM alpine:3.20\nEXPOSE 80 22\nEXPOSE 22/tcp\nEXPOSE 20-30\n', 'expose-ssh');
    assert.deepEqual(found.map((f) => [f.range.start.line, f.range.start.character]), [[1, 10], [2, 7], [3, 7]]);
  });

  it('is silent on other ports, 22/udp, 2222 and variables', () => {
    assert.deepEqual(findings('FROM alpine:3.20\nEXPOSE 80 443 2222 222\nEXPOSE 22/udp\nEXPOSE $PORT\n', 'expose-ssh'), []);
  });
});
