import assert from 'node:assert/strict';
import { findWaste, layerFile, wasteRule, type LayerFile } from '../../../src/core/images';

/** `path size` adds a file, `path/` a folder, `-path` a whiteout, `path/*` an opaque folder. */
function layer(...specs: string[]): LayerFile[] {
  return specs.map((spec) => {
    if (spec.startsWith('-')) return { path: spec.slice(1), size: 0, kind: 'whiteout' };
    if (spec.endsWith('/*')) return { path: spec.slice(0, -2), size: 0, kind: 'opaque' };
    if (spec.endsWith('/')) return { path: spec.slice(0, -1), size: 0, kind: 'directory' };
    const [p, size] = spec.split(' ');
    return { path: p, size: Number(size), kind: 'file' };
  });
}

describe('wasted bytes: files a later layer removes or overwrites (unit)', () => {
  const cases: { name: string; layers: LayerFile[][]; expected: string[]; total: number }[] = [
    {
      name: 'a file added, then removed',
      layers: [layer('bin/', 'bin/sh 900'), layer('big 3145728'), layer('-big')],
      expected: ['removed /big 3145728 B in 1 (layer 1 → 2)'],
      total: 3145728,
    },
    {
      name: 'a file overwritten: only the hidden copy counts',
      layers: [layer('etc/', 'etc/conf 100'), layer('etc/', 'etc/conf 120')],
      expected: ['overwritten /etc/conf 100 B in 1 (layer 0 → 1)'],
      total: 100,
    },
    {
      name: 'a folder removed whole, its files from two layers',
      layers: [layer('cache/a 10', 'cache/sub/b 20'), layer('cache/c 30'), layer('-cache')],
      expected: ['removed /cache 30 B in 2 (layer 0 → 2)', 'removed /cache 30 B in 1 (layer 1 → 2)'],
      total: 60,
    },
    {
      name: 'an `rm -rf dir/*`: the whiteouts of siblings shown as their folder',
      layers: [
        layer('var/lib/apt/lists/a 1000', 'var/lib/apt/lists/b 2000', 'var/lib/apt/lists/partial/'),
        layer('-var/lib/apt/lists/a', '-var/lib/apt/lists/b', '-var/lib/apt/lists/partial'),
      ],
      expected: ['removed /var/lib/apt/lists/ 3000 B in 2 (layer 0 → 1)'],
      total: 3000,
    },
    {
      name: 'an opaque folder: everything below it from lower layers',
      layers: [layer('app/', 'app/old.js 500', 'app/lib/x.js 50'), layer('app/*', 'app/new.js 70')],
      expected: ['removed /app/ 550 B in 2 (layer 0 → 1)'],
      total: 550,
    },
    {
      name: 'a file replaced by a folder, and a folder by a file',
      layers: [layer('x 5', 'd/f 7'), layer('x/', 'x/inner 1', 'd 2')],
      expected: ['overwritten /d/ 7 B in 1 (layer 0 → 1)', 'overwritten /x 5 B in 1 (layer 0 → 1)'],
      total: 12,
    },
    {
      name: 'empty files, files removed in their own layer, and whiteouts of what never was',
      layers: [layer('empty 0', 'kept 9'), layer('-empty', '-nothing', 'tmp 4'), layer('tmp 4', '-tmp2')],
      expected: ['overwritten /tmp 4 B in 1 (layer 1 → 2)'],
      total: 4,
    },
    {
      name: 'a layer that could not be read counts as empty',
      layers: [layer('a 10'), undefined as unknown as LayerFile[], layer('-a')],
      expected: ['removed /a 10 B in 1 (layer 0 → 2)'],
      total: 10,
    },
  ];
  for (const { name, layers, expected, total } of cases) {
    it(name, () => {
      const waste = findWaste(layers);
      assert.deepEqual(
        waste.entries.map((e) => `${e.how} ${e.path} ${e.bytes} B in ${e.files} (layer ${e.addedBy} → ${e.hiddenBy})`),
        expected,
      );
      assert.equal(waste.total, total);
    });
  }

  const entries: [string, number, string, LayerFile][] = [
    ['usr/bin/env', 10, 'file', { path: 'usr/bin/env', size: 10, kind: 'file' }],
    ['./usr/lib/', 0, 'directory', { path: 'usr/lib', size: 0, kind: 'directory' }],
    ['var/lib/apt/lists/.wh.partial', 0, 'file', { path: 'var/lib/apt/lists/partial', size: 0, kind: 'whiteout' }],
    ['.wh.big', 0, 'file', { path: 'big', size: 0, kind: 'whiteout' }],
    ['app/.wh..wh..opq', 0, 'file', { path: 'app', size: 0, kind: 'opaque' }],
    ['bin/sh', 0, 'symlink', { path: 'bin/sh', size: 0, kind: 'other' }],
  ];
  for (const [entry, size, type, expected] of entries) {
    it(`reads the layer entry ${entry} (${type})`, () => {
      assert.deepEqual(layerFile(entry, size, type as 'file'), expected);
    });
  }
});

describe('the rule that keeps wasted bytes out (unit)', () => {
  const cases: [path: string, how: 'removed' | 'overwritten', by: string | undefined, rule: string | undefined][] = [
    ['/var/lib/apt/lists/', 'removed', 'RUN', 'apt-lists-cleanup'],
    ['/var/lib/apt/lists/deb.debian.org_dists', 'removed', 'RUN', 'apt-lists-cleanup'],
    ['/var/lib/apt', 'removed', 'RUN', 'apt-lists-cleanup'],
    ['/var/cache/apt/archives/', 'removed', 'RUN', 'cache-mount'],
    ['/var/cache/apk/', 'removed', 'RUN', 'apk-no-cache'],
    ['/root/.cache/pip', 'removed', 'RUN', 'pip-no-cache-dir'],
    ['/var/cache/dnf/', 'removed', 'RUN', 'package-cache-cleanup'],
    ['/usr/local/share/.cache/yarn/v6/', 'removed', 'RUN', 'package-cache-cleanup'],
    ['/root/.npm/_cacache/', 'overwritten', 'COPY', 'cache-mount'],
    ['/root/.cache/go-build/', 'removed', 'RUN', 'cache-mount'],
    ['/big', 'removed', 'RUN', 'prefer-multi-stage'],
    ['/src/build/', 'removed', 'RUN', 'prefer-multi-stage'],
    ['/app/config.json', 'overwritten', 'COPY', undefined],
    ['/big', 'removed', undefined, undefined],
    ['/var', 'removed', 'COPY', undefined],
  ];
  for (const [at, how, by, rule] of cases) {
    it(`${at} ${how} by ${by ?? 'an unknown step'} → ${rule ?? 'no rule'}`, () => {
      assert.equal(wasteRule(at, how, by), rule);
    });
  }
});
