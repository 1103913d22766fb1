import assert from 'node:assert/strict';
import { memoOn } from '../../src/core/memo';

describe('memoOn (unit)', () => {
  it('computes once per object, keeps null as an answer, and stays out of spreads and JSON', () => {
    const KEY = Symbol('test');
    const a = { name: 'a' };
    const b = { name: 'b' };
    let calls = 0;
    const answer = (o: { name: string }) => memoOn(o, KEY, () => (calls++, o.name === 'a' ? `seen ${o.name}` : null));
    assert.equal(answer(a), 'seen a');
    assert.equal(answer(a), 'seen a');
    assert.equal(answer(b), null);
    assert.equal(answer(b), null);
    assert.equal(calls, 2, 'one computation per object, null included');
    assert.deepEqual({ ...a }, { name: 'a' });
    assert.equal(JSON.stringify(a), '{"name":"a"}');
  });
});
