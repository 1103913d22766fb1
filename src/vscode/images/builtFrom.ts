// Which Dockerfile (and stage) made which local image: written after each of Dockwright's builds
// whose image the engine then has, under the image's ID and the build's tags, and kept in the
// workspace's state. Show Image Layers… reads it by the reference it is given (an ID or a tag), the
// Images root by each image's ID. It is the only source of an image's Dockerfile either trusts: no
// label names a Dockerfile (OCI's `source` is a repository URL, and labels are inherited from the
// base image, so a label may be the base's). What is read back is checked: the state is a file.
import * as vscode from 'vscode';

export interface BuiltFrom {
  dockerfile: vscode.Uri;
  target?: string;
}

interface Stored {
  dockerfile: string;
  target?: string;
}

const KEY = 'dockwright.images.builtFrom';
/**
 * Enough for the images of a workspace (an image takes a name for its ID and one per tag); the
 * oldest go first. Records are not pruned by what the engine lists: another engine (or a
 * DOCKER_HOST) lists other images, and its own come back.
 */
export const MAX_RECORDS = 500;
/** An image ID or a reference: printable ASCII, no space. */
const NAME = /^[\x21-\x7e]{1,512}$/;
/** A stage name as BuildKit takes it. */
const TARGET = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

function valid(name: string, value: unknown): value is Stored {
  if (!NAME.test(name) || typeof value !== 'object' || value === null) return false;
  const { dockerfile, target } = value as Record<string, unknown>;
  if (target !== undefined && (typeof target !== 'string' || !TARGET.test(target))) return false;
  return typeof dockerfile === 'string' && dockerfile.startsWith('file:///') && dockerfile.length <= 4096;
}

export class BuiltFromRecord {
  constructor(private readonly state: vscode.Memento) {}

  /** What is stored, in the order written, without what does not pass the checks. */
  private entries(): [string, Stored][] {
    const value = this.state.get<unknown>(KEY);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    return Object.entries(value).filter((entry): entry is [string, Stored] => valid(...entry));
  }

  /** The Dockerfile one of Dockwright's builds made the image (by ID or tag) from. */
  origin(image: string): BuiltFrom | undefined {
    const found = this.entries().find(([name]) => name === image)?.[1];
    if (!found) return undefined;
    const dockerfile = vscode.Uri.parse(found.dockerfile, true);
    return found.target ? { dockerfile, target: found.target } : { dockerfile };
  }

  /** Records the images' names (the ID, the tags) as built from `from`; the newest last. */
  async record(images: string[], from: BuiltFrom): Promise<void> {
    const names = new Set(images.filter((name) => NAME.test(name)));
    const stored: Stored = { dockerfile: from.dockerfile.toString(), ...(from.target ? { target: from.target } : {}) };
    const kept = this.entries().filter(([name]) => !names.has(name));
    const entries = [...kept, ...[...names].map((name): [string, Stored] => [name, stored])];
    await this.state.update(KEY, Object.fromEntries(entries.slice(-MAX_RECORDS)));
  }
}
