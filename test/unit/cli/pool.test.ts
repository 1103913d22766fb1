import assert from 'node:assert/strict';
import { PARALLEL_MIN_BYTES, shares, threadsFor } from '../../../src/cli/pool';

describe('dockwright lint thread shares (unit)', () => {
  it('splits files into runs of neighbours of about equal bytes, each file once', () => {
    const sizes = [5000, 100, 100, 4000, 900, 3000, 2000, 50, 4000, 800];
    for (const n of [1, 2, 3, 4]) {
      const parts = shares(sizes, n);
      assert.equal(parts.length, n);
      assert.deepEqual(
        parts.flat(),
        sizes.map((_, i) => i),
        'every index once, in order',
      );
      for (const part of parts)
        assert.deepEqual(
          part,
          part.length ? Array.from({ length: part.length }, (_, k) => part[0] + k) : [],
          'neighbours',
        );
    }
    const [a, b] = shares(sizes, 2).map((part) => part.reduce((sum, i) => sum + sizes[i], 0));
    assert.ok(Math.abs(a - b) <= 5000, `${a} and ${b} are about equal`);
    assert.deepEqual(shares([10], 3), [[0], [], []]);
  });

  it('takes --jobs as asked, but never more threads than files', () => {
    const jobs = [
      { file: 'a', root: '.', rules: {} },
      { file: 'b', root: '.', rules: {} },
    ];
    assert.equal(threadsFor(jobs, [100, 100], 2, 100), 2);
    assert.equal(threadsFor(jobs, [100, 100], 2, 1), 1);
    assert.equal(threadsFor(jobs.slice(0, 1), [100], 2, 8), 1);
    assert.equal(threadsFor([], [], 2, 8), 1);
  });

  it('keeps small inputs on one thread', () => {
    const jobs = [
      { file: 'a', root: '.', rules: {} },
      { file: 'b', root: '.', rules: {} },
    ];
    assert.equal(threadsFor(jobs, [100, 100]), 1);
    assert.equal(threadsFor(jobs.slice(0, 1), [PARALLEL_MIN_BYTES * 4]), 1, 'one file is one thread');
    assert.ok(threadsFor(jobs, [PARALLEL_MIN_BYTES, PARALLEL_MIN_BYTES]) >= 1);
  });

  it('leaves one core to V8 and takes at most 4 threads, and never more than the files', () => {
    const big = Array.from({ length: 10 }, (_, i) => ({ file: `f${i}`, root: '.', rules: {} }));
    const sizes = big.map(() => PARALLEL_MIN_BYTES);
    assert.equal(threadsFor(big, sizes, 1), 1);
    assert.equal(threadsFor(big, sizes, 2), 1);
    assert.equal(threadsFor(big, sizes, 3), 2);
    assert.equal(threadsFor(big, sizes, 16), 4);
    assert.equal(threadsFor(big.slice(0, 2), sizes.slice(0, 2), 16), 2);
  });
});
