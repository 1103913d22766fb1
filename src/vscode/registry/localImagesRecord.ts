// Which Dockerfile made which local image: written when one of Dockwright's builds succeeds with a
// tag (the image ID the tag names then), kept in the workspace's state. It is the only source of an
// image's Dockerfile the Images root trusts: no label names a Dockerfile (OCI's `source` is a
// repository URL, and labels are inherited from the base image, so a label may be the base's).
import * as vscode from 'vscode';
import type { BuildServices } from '../builds/session';
import type { Log } from '../log';

const KEY = 'dockwright.images.builtFrom';
/**
 * Enough for the images of a workspace; the oldest records go first. Records are not pruned by what
 * the engine lists: another engine (or a DOCKER_HOST) lists other images, and its own come back.
 */
const MAX_RECORDS = 500;

export class BuiltFromRecord {
  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, string> {
    const value = this.state.get<unknown>(KEY);
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
  }

  /** The Dockerfile (a file: URI) the image was built from, when one of our builds made it. */
  dockerfile(id: string): vscode.Uri | undefined {
    const uri = this.all()[id];
    return typeof uri === 'string' ? vscode.Uri.parse(uri, true) : undefined;
  }

  async record(id: string, dockerfile: vscode.Uri): Promise<void> {
    const entries = Object.entries(this.all()).filter(([known]) => known !== id);
    entries.push([id, dockerfile.toString()]);
    await this.state.update(KEY, Object.fromEntries(entries.slice(-MAX_RECORDS)));
  }
}

export interface BuildFollowing {
  services: Pick<BuildServices, 'events' | 'built' | 'engines' | 'loadCore'>;
  record: BuiltFromRecord;
  /** Lists the images again. */
  refresh: () => void;
  log: Log;
}

/** After each build the images are listed again; after one with tags, its image's Dockerfile is recorded first. */
export function followBuilds({ services, record, refresh, log }: BuildFollowing): vscode.Disposable[] {
  return [
    services.events.event((e) => e.type === 'end' && refresh()),
    services.built.event(async ({ tags, dockerfile }) => {
      try {
        const { localImages } = await services.loadCore();
        // not there when the builder kept the image to itself (buildx's container driver without --load)
        const image = await localImages.findLocalImage(await services.engines.engine(), tags[0], { timeoutMs: 30_000 });
        if (image) await record.record(image.id, dockerfile);
      } catch (error) {
        log.info(
          `images: could not record the Dockerfile of ${tags[0]}: ${error instanceof Error ? error.message : error}`,
        );
      }
      refresh();
    }),
  ];
}
