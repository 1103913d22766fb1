import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compareTagsNewestFirst,
  sortTagsNewestFirst,
  tagVersion,
  variantSuffix,
} from '../../../src/core/registry/tagOrder';

describe('tags newest and semver-aware first (unit)', () => {
  it('orders versions by number, releases above their pre-releases, variants together, others last', () => {
    const tags = [
      'latest',
      '1.9',
      '20-slim',
      '1.10',
      '2.0.0-rc1',
      'edge',
      '20.11.1',
      '2.0.0',
      'v3',
      '2.0.0-beta.2',
      '20',
      '2.0.0-rc2',
      '20.11',
      '1.10-alpine',
      'sha-1a2b',
    ];
    assert.deepEqual(sortTagsNewestFirst(tags), [
      '20.11.1',
      '20.11',
      '20',
      '20-slim',
      'v3',
      '2.0.0',
      '2.0.0-rc2',
      '2.0.0-rc1',
      '2.0.0-beta.2',
      '1.10',
      '1.10-alpine',
      '1.9',
      'edge',
      'latest',
      'sha-1a2b',
    ]);
  });

  it('reads versions, pre-releases and variant suffixes', () => {
    assert.deepEqual(tagVersion('v1.2.3-rc1'), { numbers: [1, 2, 3], suffix: 'rc1', prerelease: true });
    assert.deepEqual(tagVersion('3.12-slim-bookworm'), {
      numbers: [3, 12],
      suffix: 'slim-bookworm',
      prerelease: false,
    });
    assert.equal(tagVersion('latest'), undefined);
    assert.deepEqual(['20-slim', '3.12.1-alpine3.20', '1.0', '2.0-rc1', 'latest'].map(variantSuffix), [
      'slim',
      'alpine',
      '',
      '',
      '',
    ]);
  });

  it('is a consistent order for any tags (antisymmetric, and sorting twice changes nothing)', () => {
    const tag = fc.stringMatching(/^(v?[0-9]{1,3}(\.[0-9]{1,3}){0,2}(-(rc|beta|slim|alpine)[0-9]?)?|[a-z]{1,6})$/);
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 30 }), fc.array(tag, { minLength: 2, maxLength: 2 }), (tags, [a, b]) => {
        assert.equal(Math.sign(compareTagsNewestFirst(a, b)), -Math.sign(compareTagsNewestFirst(b, a)) || 0);
        assert.deepEqual(sortTagsNewestFirst(sortTagsNewestFirst(tags)), sortTagsNewestFirst(tags));
      }),
    );
  });
});
