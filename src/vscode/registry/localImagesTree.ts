// The Images root of the Registries view: the configured engine's local images, one row per
// reference (`docker images` has one per tag), each with its size, date and, when one of
// Dockwright's builds made it, its Dockerfile. Untagged (dangling) images are folded into one row:
// every rebuild of a tag leaves one, so listed among the others they would bury them, and hidden
// they would hide the space they take and the Remove that frees it. An engine that is missing or
// does not answer is one row saying so, never a notification.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine } from '../../core/builds';
import { formatBytes } from '../../core/images/bytes';
import type { LocalImage } from '../../core/images/localImages';
import { printable } from '../../core/printable';
import type { LoadCore } from '../coreBundle';
import type { BuiltFromRecord } from '../images/builtFrom';

/** One row's image: a reference of it, or its ID alone for an untagged one. */
export interface ImageRow {
  id: string;
  /** `app:1`; none for an untagged image. */
  reference?: string;
  size?: number;
  created?: string;
  /** The Dockerfile one of our builds made it from. */
  dockerfile?: vscode.Uri;
  /** Names the engine gave that are no valid reference (not shown). */
  rejectedNames: number;
}

export type LocalImageNode =
  | { kind: 'images' }
  | { kind: 'localImage'; image: ImageRow }
  | { kind: 'untagged'; images: ImageRow[] }
  | { kind: 'imagesMessage'; text: string; tooltip?: string; icon: 'error' | 'info' | 'warning' };

/** The root row; one object, so that refreshing it is understood by VS Code. */
export const IMAGES_ROOT: LocalImageNode = { kind: 'images' };

const KINDS = new Set<string>(['images', 'localImage', 'untagged', 'imagesMessage']);

export function isLocalImageNode(node: { kind: string }): node is LocalImageNode {
  return KINDS.has(node.kind);
}

/** The reference a command names the row's image by: its tag, or its ID when it has none. */
export function rowReference(image: ImageRow): string {
  return image.reference ?? image.id;
}

export class LocalImagesRoot {
  constructor(
    private readonly engine: () => Promise<Engine>,
    private readonly loadCore: LoadCore,
    private readonly record: BuiltFromRecord,
  ) {}

  async children(node: LocalImageNode): Promise<LocalImageNode[]> {
    if (node.kind === 'untagged') return node.images.map((image) => ({ kind: 'localImage', image }));
    if (node.kind !== 'images') return [];
    let images: LocalImage[];
    let engine: Engine | undefined;
    try {
      engine = await this.engine();
      images = await (await this.loadCore()).localImages.listLocalImages(engine, { timeoutMs: 30_000 });
    } catch (error) {
      return [failureRow(error, engine)];
    }
    const tagged: LocalImageNode[] = [];
    const untagged: ImageRow[] = [];
    for (const image of images) {
      const row = { ...image, dockerfile: this.record.origin(image.id)?.dockerfile };
      if (!image.references.length) untagged.push(row);
      for (const reference of image.references) tagged.push({ kind: 'localImage', image: { ...row, reference } });
    }
    if (!images.length) return [{ kind: 'imagesMessage', icon: 'info', text: 'No images in the engine yet' }];
    return untagged.length ? [...tagged, { kind: 'untagged', images: untagged }] : tagged;
  }

  treeItem(node: LocalImageNode): vscode.TreeItem {
    switch (node.kind) {
      case 'images': {
        const item = new vscode.TreeItem('Images', vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('device-desktop');
        item.description = 'local';
        item.tooltip = "The engine's local images (dockwright.build.engine)";
        item.contextValue = 'dockwright.images';
        return item;
      }
      case 'untagged': {
        const item = new vscode.TreeItem('Untagged', vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('archive');
        const bytes = node.images.reduce((sum, i) => sum + (i.size ?? 0), 0);
        item.description = `${node.images.length} · ${formatBytes(bytes)}`;
        item.tooltip = 'Images no tag names: what rebuilding a tag leaves behind, and images whose names are not valid';
        item.contextValue = 'dockwright.images.untagged';
        return item;
      }
      case 'localImage':
        return imageItem(node.image);
      case 'imagesMessage': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.tooltip ?? node.text;
        item.contextValue = node.icon === 'info' ? 'dockwright.message' : 'dockwright.images.retry';
        return item;
      }
    }
  }
}

function imageItem(image: ImageRow): vscode.TreeItem {
  const shortId = image.id.slice('sha256:'.length, 'sha256:'.length + 12);
  const item = new vscode.TreeItem(image.reference ?? shortId);
  const size = image.size === undefined ? 'size unknown' : formatBytes(image.size);
  const created = image.created ? new Date(image.created).toLocaleString() : undefined;
  const dockerfile = image.dockerfile && vscode.workspace.asRelativePath(image.dockerfile);
  item.description = [size, created, dockerfile && path.basename(dockerfile)].filter(Boolean).join(' · ');
  item.tooltip = [
    image.reference,
    image.id,
    size,
    created && `created ${created}`,
    dockerfile ? `built from ${dockerfile}` : 'Dockerfile not known: not built by Dockwright here',
    image.rejectedNames ? `${image.rejectedNames} name(s) not shown: not valid references` : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  item.iconPath = new vscode.ThemeIcon(image.reference ? 'package' : 'circle-slash');
  item.contextValue = `dockwright.localImage${image.reference ? '.tagged' : ''}${image.dockerfile ? '.built' : ''}`;
  return item;
}

/** The one row a failed listing shows: what is wrong, and what to do. */
function failureRow(error: unknown, engine: Engine | undefined): LocalImageNode {
  // the engine's stderr, quoted in the message: its controls are shown, not acted on
  const message = printable(error instanceof Error ? error.message : String(error));
  const name = error instanceof Error ? error.name : '';
  const hint =
    engine?.kind === 'podman'
      ? 'Podman does not answer: start it, or check dockwright.podmanPath'
      : 'Docker does not answer: start it, or check DOCKER_HOST and dockwright.dockerPath';
  const text = name === 'EngineUnavailableError' ? hint : message;
  return { kind: 'imagesMessage', icon: 'warning', text, tooltip: message };
}
