// `docker image save` / `podman image save`, read as a stream: the layers' file lists (from their
// tar headers, contents skipped) and the image config. Two layouts arrive: the legacy one (Docker
// 20.10, podman: `<id>/layer.tar`, `<config>.json`, manifest.json) and OCI (the containerd store:
// `blobs/sha256/<digest>`, index.json, gzip-compressed layers). Entries come in no useful order,
// so every layer is read as it passes and the manifest puts them in order at the end.
import path from 'node:path/posix';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { readTar, TarError, type TarEntry } from './tar';

export type LayerFileKind = 'file' | 'directory' | 'whiteout' | 'opaque' | 'other';

export interface LayerFile {
  /** Relative to the root, no leading `/` or `./`; for a whiteout the path it removes, for an opaque marker its folder. */
  path: string;
  size: number;
  kind: LayerFileKind;
}

export interface ConfigHistoryEntry {
  created_by?: string;
  empty_layer?: boolean;
}

export interface SavedImage {
  /** Bottom first; undefined for a layer that could not be read (see `unreadable`). */
  layers: (LayerFile[] | undefined)[];
  /** The image config's history, oldest first. */
  history: ConfigHistoryEntry[];
  /** Why some layers could not be read, e.g. zstd compression. */
  unreadable: string[];
}

/** JSON blobs (configs, manifests) are kept whole up to this size; anything larger is skipped. */
const MAX_JSON = 16 << 20;

/** A layer's tar entry, as the file it adds, removes (whiteout) or empties (opaque folder). */
export function layerFile(entryPath: string, size: number, type: TarEntry['type']): LayerFile {
  const clean = path.normalize(`/${entryPath}`).slice(1).replace(/\/$/, '');
  const base = path.basename(clean);
  const dir = path.dirname(clean) === '.' ? '' : path.dirname(clean);
  if (base === '.wh..wh..opq') return { path: dir, size: 0, kind: 'opaque' };
  if (base.startsWith('.wh.'))
    return { path: dir ? `${dir}/${base.slice(4)}` : base.slice(4), size: 0, kind: 'whiteout' };
  const kind = type === 'file' ? 'file' : type === 'directory' ? 'directory' : 'other';
  return { path: clean, size: kind === 'file' ? size : 0, kind };
}

async function readLayer(chunks: AsyncIterable<Uint8Array>): Promise<LayerFile[]> {
  const files: LayerFile[] = [];
  for await (const entry of readTar(chunks)) {
    const file = layerFile(entry.path, entry.size, entry.type);
    if (file.path) files.push(file);
  }
  return files;
}

async function readGzippedLayer(chunks: AsyncIterable<Buffer>): Promise<LayerFile[]> {
  // 1 MiB out at a time: 16 KiB (the default) makes inflating a large layer three times slower
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  const done = pipeline(Readable.from(chunks), gunzip);
  // one iterator, never closed early: closing it would destroy the stream before its end is drained
  const inflated = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    const files = await readLayer({ [Symbol.asyncIterator]: () => inflated });
    // the tar ends before its padding: drain it, so that the outer archive moves on in step
    while (!(await inflated.next()).done);
    await done;
    return files;
  } catch (error) {
    gunzip.destroy();
    await done.catch(() => undefined);
    throw error;
  }
}

/** The first bytes of a body, and the body again with them in front. */
async function peek(body: AsyncGenerator<Buffer>, n: number): Promise<{ head: Buffer; all: AsyncGenerator<Buffer> }> {
  const seen: Buffer[] = [];
  let length = 0;
  while (length < n) {
    const next = await body.next();
    if (next.done) break;
    seen.push(next.value);
    length += next.value.length;
  }
  async function* all(): AsyncGenerator<Buffer> {
    yield* seen;
    yield* body;
  }
  return { head: Buffer.concat(seen), all: all() };
}

type Blob = { layer: LayerFile[] } | { json: string } | { unreadable: string } | undefined;

async function readBlob(entry: TarEntry): Promise<Blob> {
  const { head, all } = await peek(entry.body(), 512);
  if (head[0] === 0x1f && head[1] === 0x8b) return { layer: await readGzippedLayer(all) };
  if (head.toString('latin1', 257, 262) === 'ustar') return { layer: await readLayer(all) };
  if (head.length >= 512 && entry.size % 512 === 0 && head.every((b) => b === 0)) return { layer: [] };
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528)
    return { unreadable: `${entry.path} is zstd-compressed` };
  if (/^\s*[{[]/.test(head.toString('utf8', 0, 16)) && entry.size <= MAX_JSON) {
    const parts: Buffer[] = [];
    for await (const chunk of all) parts.push(chunk);
    return { json: Buffer.concat(parts).toString('utf8') };
  }
  return undefined;
}

interface Descriptor {
  digest: string;
  mediaType?: string;
}

export class ImageArchiveError extends Error {
  override readonly name = 'ImageArchiveError';
}

export async function readSavedImage(archive: AsyncIterable<Uint8Array>): Promise<SavedImage> {
  const blobs = new Map<string, Blob>();
  const links = new Map<string, string>();
  try {
    for await (const entry of readTar(archive)) {
      const at = path.normalize(entry.path);
      if (entry.type === 'symlink') links.set(at, path.normalize(path.join(path.dirname(at), entry.linkTarget)));
      else if (entry.type === 'file' && entry.size > 0) blobs.set(at, await readBlob(entry));
    }
  } catch (error) {
    // a broken tar, or a broken gzip layer (zlib's errors carry a Z_ code)
    const zlib = /^Z_/.test(String((error as { code?: unknown }).code));
    if (error instanceof TarError || zlib)
      throw new ImageArchiveError(`the saved image cannot be read: ${(error as Error).message}`);
    throw error;
  }
  const blob = (at: string): Blob => blobs.get(links.get(at) ?? at);
  const json = <T>(at: string): T | undefined => {
    const b = blob(at);
    return b && 'json' in b ? (JSON.parse(b.json) as T) : undefined;
  };
  const blobPath = (d: Descriptor) => `blobs/${d.digest.replace(':', '/')}`;
  let configPath: string | undefined;
  let layerPaths: string[] | undefined;
  const dockerManifest = json<{ Config: string; Layers: string[] }[]>('manifest.json');
  if (dockerManifest?.[0]) {
    configPath = dockerManifest[0].Config;
    layerPaths = dockerManifest[0].Layers;
  } else {
    // OCI: index.json → (an index →) a manifest → config and layers
    let manifest = json<{ manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] }>('index.json');
    for (let depth = 0; manifest?.manifests?.[0] && depth < 4; depth++)
      manifest = json(blobPath(manifest.manifests[0]));
    if (manifest?.config && manifest.layers) {
      configPath = blobPath(manifest.config);
      layerPaths = manifest.layers.map(blobPath);
    }
  }
  const config = configPath ? json<{ history?: ConfigHistoryEntry[] }>(configPath) : undefined;
  if (!config || !layerPaths) throw new ImageArchiveError('the saved image has no manifest or config that can be read');
  const unreadable: string[] = [];
  const layers = layerPaths.map((p) => {
    const b = blob(p);
    if (b && 'layer' in b) return b.layer;
    unreadable.push(b && 'unreadable' in b ? b.unreadable : `layer ${p} is not in the archive, or not a tar`);
    return undefined;
  });
  return { layers, history: config.history ?? [], unreadable };
}
