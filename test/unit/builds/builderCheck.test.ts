import assert from 'node:assert/strict';
import {
  parseBuilderInspect,
  unsupportedByBuilder,
  usesContainerdStore,
  type BuilderFeatures,
  type BuildSpec,
} from '../../../src/core/builds';

// The real buildx's answers are in test/integration/builds/buildxFeatures.test.ts; these are the
// readings of its text, and the table of what the classic store refuses.

describe('builderCheck (unit)', () => {
  it('reads the name, driver and endpoint of `docker buildx inspect`', () => {
    const text = [
      'Name:          default',
      'Driver:        docker',
      'Last Activity: 2026-12-02 09:19:15 +0000 UTC',
      '',
      'Nodes:',
      'Name:             default',
      'Endpoint:         desktop-linux',
      'Status:           running',
    ].join('\n');
    assert.deepEqual(parseBuilderInspect(text), { name: 'default', driver: 'docker', endpoint: 'desktop-linux' });
    assert.equal(parseBuilderInspect('ERROR: no builder "x" found'), undefined);
    assert.equal(parseBuilderInspect('Name: only\n'), undefined);
  });

  const statuses: [string, boolean][] = [
    ['[["driver-type","io.containerd.snapshotter.v1"]]', true],
    ['[["Backing Filesystem","extfs"],["Supports d_type","true"]]', false],
    ['null', false],
    ['not json', false],
    ['{"driver-type":"io.containerd.snapshotter.v1"}', false],
  ];
  for (const [status, containerd] of statuses) {
    it(`DriverStatus ${status} is ${containerd ? '' : 'not '}the containerd store`, () => {
      assert.equal(usesContainerdStore(status), containerd);
    });
  }

  const classic: BuilderFeatures = { name: 'default', driver: 'docker', containerdStore: false };
  const cases: [string, Partial<BuildSpec>, (keyof BuildSpec)[]][] = [
    ['one platform', { platforms: ['linux/arm64'] }, []],
    ['two platforms', { platforms: ['linux/amd64', 'linux/arm64'] }, ['platforms']],
    ['an inline cache', { cacheTo: ['type=inline'] }, []],
    ['a registry cache given as a reference', { cacheTo: ['host/app:cache'] }, ['cacheTo']],
    ['a local cache', { cacheTo: ['type=local,dest=c'] }, ['cacheTo']],
    ['any cache import', { cacheFrom: ['type=local,src=c', 'type=registry,ref=h/a'] }, []],
    ['provenance off', { provenance: false, sbom: 'false' }, []],
    ['provenance disabled by its attribute', { provenance: 'disabled=true' }, []],
    ['provenance on', { provenance: true }, ['provenance']],
    ['an SBOM', { sbom: 'generator=x' }, ['sbom']],
    ['an OCI archive and a local folder', { outputs: ['type=oci,dest=o.tar', 'type=local,dest=out'] }, ['outputs']],
    ['a plain output folder', { outputs: ['out'] }, []],
    [
      'everything at once, in field order',
      { platforms: ['a/b', 'c/d'], cacheTo: ['type=gha'], provenance: 'mode=max', sbom: true },
      ['platforms', 'cacheTo', 'provenance', 'sbom'],
    ],
  ];
  for (const [what, more, refused] of cases) {
    it(`the classic store ${refused.length ? 'refuses' : 'takes'} ${what}`, () => {
      const spec: BuildSpec = { context: '.', ...more };
      assert.deepEqual(
        unsupportedByBuilder(spec, classic).map(([field]) => field),
        refused,
      );
      // the containerd store and the other drivers take them all
      assert.deepEqual(unsupportedByBuilder(spec, { ...classic, containerdStore: true }), []);
      assert.deepEqual(unsupportedByBuilder(spec, { ...classic, driver: 'docker-container' }), []);
    });
  }
});
