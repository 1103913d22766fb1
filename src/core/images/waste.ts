// Wasted bytes, as dive counts them: files a layer adds that a later layer removes (a whiteout, an
// opaque folder) or overwrites. They still travel and sit in the image, though nothing sees them.
// Counted here: the hidden copies' bytes (dive also adds the copy that overwrote them), which is
// what squashing the layers, or a multi-stage build, would save.
import path from 'node:path/posix';
import type { LayerFile } from './archive';

export interface HiddenFiles {
  /** The file, or the folder (ending in `/`) whose files were hidden; absolute. */
  path: string;
  bytes: number;
  files: number;
  /** Index of the layer that added them, bottom first. */
  addedBy: number;
  /** Index of the layer that removed or overwrote them. */
  hiddenBy: number;
  how: 'removed' | 'overwritten';
}

export interface Waste {
  /** Largest first. */
  entries: HiddenFiles[];
  total: number;
}

interface Node {
  children?: Map<string, Node>;
  file?: { size: number; layer: number };
}

function find(root: Node, at: string, create: boolean): { node?: Node; parent?: Node; name: string } {
  if (!at) return { node: root, name: '' };
  const names = at.split('/');
  let parent: Node | undefined;
  let node: Node | undefined = root;
  for (const name of names) {
    parent = node;
    let next: Node | undefined = node.children?.get(name);
    if (!next && create) (node.children ??= new Map()).set(name, (next = {}));
    if (!next) return { parent, name };
    node = next;
  }
  return { node, parent, name: names[names.length - 1] };
}

/** Every file under a node (itself included), with its size and layer. */
function* filesUnder(node: Node): Generator<{ size: number; layer: number }> {
  if (node.file) yield node.file;
  for (const child of node.children?.values() ?? []) yield* filesUnder(child);
}

class Hidden {
  private readonly groups = new Map<string, HiddenFiles>();

  add(unit: string, files: Iterable<{ size: number; layer: number }>, hiddenBy: number, how: HiddenFiles['how']) {
    for (const { size, layer } of files) {
      if (size <= 0 || layer >= hiddenBy) continue;
      const key = `${how}\0${unit}\0${layer}\0${hiddenBy}`;
      const group = this.groups.get(key) ?? { path: `/${unit}`, bytes: 0, files: 0, addedBy: layer, hiddenBy, how };
      group.bytes += size;
      group.files++;
      this.groups.set(key, group);
    }
  }

  /** The groups, siblings hidden together (an `rm -rf dir/*`) shown as their folder. */
  entries(): HiddenFiles[] {
    const byFolder = new Map<string, HiddenFiles[]>();
    for (const g of this.groups.values()) {
      const key = `${g.how}\0${path.dirname(g.path.replace(/\/$/, ''))}\0${g.addedBy}\0${g.hiddenBy}`;
      byFolder.set(key, [...(byFolder.get(key) ?? []), g]);
    }
    const merged = [...byFolder.values()].flatMap((siblings) => {
      const folder = path.dirname(siblings[0].path.replace(/\/$/, ''));
      // the root as one entry would say nothing
      if (siblings.length === 1 || folder === '/') return siblings;
      const sum = (key: 'bytes' | 'files') => siblings.reduce((total, s) => total + s[key], 0);
      return [{ ...siblings[0], path: `${folder}/`, bytes: sum('bytes'), files: sum('files') }];
    });
    return merged.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
  }
}

/** The bytes each layer hides of the layers below it. A layer that could not be read (undefined) counts as empty. */
export function findWaste(layers: readonly (readonly LayerFile[] | undefined)[]): Waste {
  const root: Node = {};
  const hidden = new Hidden();
  layers.forEach((files = [], layer) => {
    // removals first: a layer's own files are never hidden by its own whiteouts
    for (const f of files) {
      if (f.kind !== 'whiteout' && f.kind !== 'opaque') continue;
      const { node, parent, name } = find(root, f.path, false);
      if (!node) continue;
      if (f.kind === 'whiteout') {
        hidden.add(f.path, filesUnder(node), layer, 'removed');
        parent?.children?.delete(name);
      } else {
        for (const child of node.children?.values() ?? [])
          hidden.add(`${f.path}/`, filesUnder(child), layer, 'removed');
        node.children = undefined;
      }
    }
    for (const f of files) {
      if (f.kind === 'whiteout' || f.kind === 'opaque') continue;
      const { node } = find(root, f.path, true);
      if (node!.file) hidden.add(f.path, [node!.file], layer, 'overwritten');
      node!.file = undefined;
      if (f.kind === 'directory') continue;
      for (const child of node!.children?.values() ?? [])
        hidden.add(`${f.path}/`, filesUnder(child), layer, 'overwritten');
      node!.children = undefined;
      node!.file = { size: f.size, layer };
    }
  });
  const entries = hidden.entries();
  return { entries, total: entries.reduce((sum, e) => sum + e.bytes, 0) };
}
