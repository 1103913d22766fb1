// The one record of which Dockerfile made which image (the `vscode` module is a stand-in): what a
// build writes into it (BuildSizes, after reading the image), what Show Image Layers… and the
// Images root read back, its bound, and what it drops when the stored state is not its own.
import '../../support/fakeVscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildSpec, Engine } from '../../../src/core/builds';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { mapHistory, rootBaseImage, type ImageFacts } from '../../../src/core/images';
import { imageId } from '../../../src/core/images/localImages';
import type { EngineSettings } from '../../../src/vscode/builds/engineSettings';
import type { StepNotes } from '../../../src/vscode/builds/stepNotes';
import type { CoreBundle } from '../../../src/vscode/coreBundle';
import { BuildSizes } from '../../../src/vscode/images/buildSizes';
import { BuiltFromRecord, MAX_RECORDS } from '../../../src/vscode/images/builtFrom';

const KEY = 'dockwright.images.builtFrom';
const hex = (digit: string) => digit.repeat(64);

/** A workspaceState in memory. */
function memento(initial?: unknown) {
  const values = new Map<string, unknown>(initial === undefined ? [] : [[KEY, initial]]);
  return {
    values,
    get: <T>(key: string) => values.get(key) as T,
    update: async (key: string, value: unknown) => void values.set(key, value),
    keys: () => [...values.keys()],
  } as unknown as vscode.Memento & { values: Map<string, unknown> };
}

const shown = (origin: { dockerfile: vscode.Uri; target?: string } | undefined) =>
  origin && { dockerfile: origin.dockerfile.toString(), target: origin.target };

describe('which Dockerfile built an image: the one record (unit, stand-in vscode)', () => {
  it('gives back what was recorded under each name, the stage too', async () => {
    const record = new BuiltFromRecord(memento());
    await record.record([`sha256:${hex('a')}`, 'app:1'], {
      dockerfile: vscode.Uri.file('/w/Dockerfile'),
      target: 'prod',
    });
    const expected = { dockerfile: 'file:///w/Dockerfile', target: 'prod' };
    assert.deepEqual(shown(record.origin(`sha256:${hex('a')}`)), expected);
    assert.deepEqual(shown(record.origin('app:1')), expected);
    assert.equal(record.origin('app:2'), undefined);
  });

  it('is kept in the workspace state: a new session reads it back', async () => {
    const state = memento();
    await new BuiltFromRecord(state).record(['app:1'], { dockerfile: vscode.Uri.file('/w/Dockerfile') });
    assert.deepEqual(shown(new BuiltFromRecord(state).origin('app:1')), {
      dockerfile: 'file:///w/Dockerfile',
      target: undefined,
    });
  });

  it(`keeps the newest ${MAX_RECORDS} names; a name built again is the newest`, async () => {
    const state = memento();
    const record = new BuiltFromRecord(state);
    const from = (n: number) => ({ dockerfile: vscode.Uri.file(`/w/${n}.Dockerfile`) });
    await record.record(['app:0'], from(0));
    for (let n = 1; n < MAX_RECORDS; n++) await record.record([`app:${n}`], from(n));
    await record.record(['app:0'], from(1000)); // app:0 again: now the newest
    await record.record([`app:${MAX_RECORDS}`], from(MAX_RECORDS));
    assert.equal(Object.keys(state.values.get(KEY) as object).length, MAX_RECORDS);
    assert.equal(record.origin('app:1'), undefined, 'the oldest went');
    assert.equal(shown(record.origin('app:0'))?.dockerfile, 'file:///w/1000.Dockerfile');
    assert.equal(shown(record.origin(`app:${MAX_RECORDS}`))?.dockerfile, `file:///w/${MAX_RECORDS}.Dockerfile`);
  });

  const good = { dockerfile: 'file:///w/Dockerfile' };
  const stored: [string, unknown, Record<string, boolean>][] = [
    ['not an object', 'file:///w/Dockerfile', {}],
    ['an array', [good], {}],
    [
      'entries that are not records: dropped, the others kept',
      {
        'app:1': good,
        'app:2': 'file:///w/Dockerfile', // a bare string
        'app:3': { dockerfile: 'https://example.com/Dockerfile' },
        'app:4': { dockerfile: 'file:///w/Dockerfile', target: 'a stage; rm -rf' },
        'app:5': { dockerfile: 42 },
        'app\u001b]52;c;aGk=\u0007:6': good,
        'app:7': null,
      },
      { 'app:1': true, 'app:2': false, 'app:3': false, 'app:4': false, 'app:5': false, 'app:7': false },
    ],
  ];
  for (const [name, value, known] of stored)
    it(`checks what it reads back: ${name}`, async () => {
      const state = memento(value);
      const record = new BuiltFromRecord(state);
      for (const [image, found] of Object.entries(known))
        assert.equal(record.origin(image) !== undefined, found, image);
      // writing keeps only what passed
      await record.record(['app:9'], { dockerfile: vscode.Uri.file('/w/Dockerfile') });
      const names = Object.keys(state.values.get(KEY) as object);
      assert.deepEqual(names, [...Object.keys(known).filter((image) => known[image]), 'app:9']);
    });
});

describe("a build's image and its Dockerfile, recorded once it is read (unit, stand-in vscode)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-built-from-'));
  const dockerfile = path.join(dir, 'Dockerfile');
  fs.writeFileSync(dockerfile, 'FROM busybox:1\nRUN echo hi > /hi\n');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const facts = (id: string): ImageFacts => ({
    id,
    tags: [],
    inspectSize: 3,
    layerCount: 2,
    onBuild: [],
    history: [
      { createdBy: '/bin/sh -c #(nop) ADD file:1 in /', size: 2, emptyLayer: false, comment: '' },
      {
        createdBy: 'RUN /bin/sh -c echo hi > /hi # buildkit',
        size: 1,
        emptyLayer: false,
        comment: 'buildkit.dockerfile.v0',
      },
    ],
  });

  /** Runs one build's end through BuildSizes; resolves with the record, the engine calls and the sizes drawn. */
  async function afterBuild(output: string, spec: Partial<BuildSpec>, read: (image: string) => Promise<ImageFacts>) {
    const reads: string[] = [];
    const core = {
      isRemoteContext: () => false,
      parseDockerfile,
      localImages: { imageId },
      images: {
        rootBaseImage,
        mapHistory,
        readImageFacts: (_engine: Engine, image: string) => (reads.push(image), read(image)),
      },
    } as unknown as CoreBundle;
    const engines = {
      engine: async () => ({ kind: 'docker', command: 'docker', env: {} }),
    } as unknown as EngineSettings;
    const record = new BuiltFromRecord(memento());
    const sizes = new BuildSizes(async () => core, engines, record);
    const drawn: unknown[] = [];
    const notes = { version: () => 1, setSizes: (_uri: unknown, s: unknown) => drawn.push(s) } as unknown as StepNotes;
    const follower = sizes.follow({ context: dir, dockerfile, ...spec } as BuildSpec, notes);
    follower.output(output);
    follower.ended(0);
    await sizes.settled();
    return { record, reads, drawn };
  }

  it("records the engine's ID, the printed one and the tags; Show Image Layers and the Images root find it", async () => {
    const { record, reads, drawn } = await afterBuild(
      `#8 writing image sha256:${hex('b')} done\n`,
      { tags: ['app:1'], target: undefined },
      async () => facts(`sha256:${hex('c')}`),
    );
    assert.deepEqual(reads, [`sha256:${hex('b')}`], 'the image read once, by the ID the build printed');
    for (const name of [`sha256:${hex('b')}`, `sha256:${hex('c')}`, 'app:1'])
      assert.equal(record.origin(name)?.dockerfile.fsPath, dockerfile, name);
    assert.equal(drawn.length, 1, 'and the sizes drawn');
  });

  it("podman's bare ID is recorded as its listing shows it too", async () => {
    const { record } = await afterBuild(`${hex('d')}\n`, {}, async (image) => facts(image));
    assert.equal(record.origin(`sha256:${hex('d')}`)?.dockerfile.fsPath, dockerfile);
    assert.equal(record.origin(hex('d'))?.dockerfile.fsPath, dockerfile);
  });

  it('an image the engine does not have (not loaded) is not recorded, and settles', async () => {
    const { record, drawn } = await afterBuild(`#8 writing image sha256:${hex('e')} done\n`, { tags: ['app:2'] }, () =>
      Promise.reject(new Error('no such image')),
    );
    assert.equal(record.origin('app:2'), undefined);
    assert.equal(record.origin(`sha256:${hex('e')}`), undefined);
    assert.deepEqual(drawn, []);
  });
});
