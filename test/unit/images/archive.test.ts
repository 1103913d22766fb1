import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ImageArchiveError, readSavedImage, type LayerFile, type SavedImage } from '../../../src/core/images';
import { chunked, gzip, tar, type Member } from './tarWriter';

const history = [
  { created_by: '' },
  { created_by: 'ENV A=b', empty_layer: true },
  { created_by: 'RUN rm /big # buildkit' },
];
const config = JSON.stringify({ history, rootfs: { type: 'layers', diff_ids: [] } });
const base = tar([
  { path: 'bin/', type: 'directory' },
  { path: 'bin/sh', body: 'x'.repeat(900) },
  { path: 'big', size: 3000 },
]);
const removal = tar([{ path: '.wh.big' }]);

/** `docker image save` of Docker 20.10 and podman: `<id>/layer.tar`, a symlink for a repeated layer. */
function legacy(): Buffer {
  return tar([
    { path: 'aaa/', type: 'directory' },
    { path: 'aaa/layer.tar', body: base },
    { path: 'aaa/json', body: '{"id":"aaa"}' },
    { path: 'bbb/layer.tar', body: removal },
    { path: 'ccc/layer.tar', type: 'symlink', linkTarget: '../bbb/layer.tar' },
    { path: 'f00.json', body: config },
    {
      path: 'manifest.json',
      body: JSON.stringify([{ Config: 'f00.json', Layers: ['aaa/layer.tar', 'bbb/layer.tar', 'ccc/layer.tar'] }]),
    },
    { path: 'repositories', body: '{}' },
  ]);
}

const digest = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const blob = (data: Buffer | string): Member => ({ path: `blobs/sha256/${digest(data).slice(7)}`, body: data });

/** The containerd store's save: OCI layout, gzip layers, an index pointing at the manifest; no manifest.json. */
function oci(layers: Buffer[]): Buffer {
  const manifest = JSON.stringify({
    config: { digest: digest(config) },
    layers: layers.map((l) => ({ digest: digest(l) })),
  });
  const index = JSON.stringify({ manifests: [{ digest: digest(manifest) }] });
  return tar([
    ...layers.map(blob),
    blob(config),
    blob(manifest),
    { path: 'index.json', body: index },
    { path: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' },
  ]);
}

const files = (image: SavedImage) => image.layers.map((l) => l?.map((f: LayerFile) => `${f.kind} ${f.path} ${f.size}`));

describe('a saved image read as a stream (unit)', () => {
  const expectedLayers = [
    ['directory bin 0', 'file bin/sh 900', 'file big 3000'],
    ['whiteout big 0'],
    ['whiteout big 0'],
  ];
  const cases: { name: string; archive: () => Buffer; layers: (string[] | undefined)[]; unreadable?: RegExp }[] = [
    { name: 'the legacy layout, with a repeated layer as a symlink', archive: legacy, layers: expectedLayers },
    {
      name: 'the OCI layout with gzip layers',
      archive: () => oci([gzip(base), gzip(removal), gzip(tar([]))]),
      layers: [...expectedLayers.slice(0, 2), []],
    },
    {
      name: 'the OCI layout with plain tar layers',
      archive: () => oci([base, removal]),
      layers: expectedLayers.slice(0, 2),
    },
    {
      name: 'a zstd layer, which node cannot read',
      archive: () => oci([base, Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(600)])]),
      layers: [expectedLayers[0], undefined],
      unreadable: /zstd/,
    },
  ];
  for (const { name, archive, layers, unreadable } of cases) {
    it(`reads ${name}`, async () => {
      const image = await readSavedImage(chunked(archive(), 4096));
      assert.deepEqual(files(image), layers);
      assert.deepEqual(image.history, history);
      if (unreadable) assert.match(image.unreadable.join(), unreadable);
      else assert.deepEqual(image.unreadable, []);
    });
  }

  const broken: { name: string; archive: () => Buffer; message: RegExp }[] = [
    {
      name: 'output that is not a tar',
      archive: () => Buffer.from('Error: No such image\n'.repeat(40)),
      message: /cannot be read/,
    },
    {
      name: 'an archive with no manifest',
      archive: () => tar([{ path: 'aaa/layer.tar', body: base }]),
      message: /no manifest/,
    },
    {
      name: 'a gzip layer that is cut short',
      archive: () => oci([gzip(base).subarray(0, 40)]),
      message: /cannot be read: unexpected end of file/,
    },
  ];
  for (const { name, archive, message } of broken) {
    it(`refuses ${name}`, async () => {
      await assert.rejects(readSavedImage(chunked(archive(), 512)), (e: Error) => message.test(e.message));
    });
  }

  it('refuses with an ImageArchiveError, for the caller to tell from an engine failure', async () => {
    await assert.rejects(readSavedImage(chunked(Buffer.from('x'.repeat(1024)))), ImageArchiveError);
  });
});
