// The bake part of the Build Targets view: each bake file, under it its groups (each with the
// targets it builds) and its targets, as buildx reads them. A file buildx cannot read shows
// buildx's message in its place.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BakeFile, BakeTarget } from '../../core/builds';
import type { LoadCore } from '../coreBundle';
import type { BakeFiles } from './bakeFiles';
import { fileTreeItem } from './treeItems';

export type BakeItem =
  | { kind: 'bakeFile'; uri: vscode.Uri }
  | { kind: 'bakeGroup'; uri: vscode.Uri; name: string; targets: BakeTargetItem[] }
  | BakeTargetItem;

export type BakeTargetItem = { kind: 'bakeTarget'; uri: vscode.Uri; target: BakeTarget; dockerfile?: vscode.Uri };

export type BakeError = { kind: 'error'; uri: vscode.Uri; message: string };

const BAKE_KINDS: readonly string[] = ['bakeFile', 'bakeGroup', 'bakeTarget'];

export function isBakeItem(item: { kind: string }): item is BakeItem {
  return BAKE_KINDS.includes(item.kind);
}

export class BakeTree {
  /** A bake file was added, removed or changed. */
  readonly onDidChange: vscode.Event<void>;

  constructor(
    private readonly files: BakeFiles,
    private readonly loadCore: LoadCore,
  ) {
    this.onDidChange = files.onDidChange;
  }

  /** Reads every file again when next shown. */
  clear(): void {
    this.files.clear();
  }

  async roots(): Promise<BakeItem[]> {
    return (await this.files.find()).map((uri) => ({ kind: 'bakeFile', uri }));
  }

  async children(item: BakeItem): Promise<(BakeItem | BakeError)[]> {
    if (item.kind === 'bakeGroup') return item.targets;
    if (item.kind !== 'bakeFile') return [];
    let file: BakeFile;
    try {
      file = await this.files.get(item.uri);
    } catch (error) {
      return [{ kind: 'error', uri: item.uri, message: error instanceof Error ? error.message : String(error) }];
    }
    const { targetDockerfile } = await this.loadCore();
    const folder = path.dirname(file.file);
    const targets = new Map(
      file.targets.map((t): [string, BakeTargetItem] => {
        const dockerfile = targetDockerfile(t, folder);
        const uri = dockerfile ? vscode.Uri.file(dockerfile) : undefined;
        return [t.name, { kind: 'bakeTarget', uri: item.uri, target: t, dockerfile: uri }];
      }),
    );
    return [
      ...file.groups.map((g): BakeItem => ({
        kind: 'bakeGroup',
        uri: item.uri,
        name: g.name,
        targets: g.targets.flatMap((n) => targets.get(n) ?? []),
      })),
      ...targets.values(),
    ];
  }

  treeItem(item: BakeItem): vscode.TreeItem {
    if (item.kind === 'bakeFile') {
      return fileTreeItem(item.uri, 'dockwright.bakeFile');
    }
    if (item.kind === 'bakeGroup') {
      const tree = new vscode.TreeItem(item.name, vscode.TreeItemCollapsibleState.Collapsed);
      const names = item.targets.map((t) => t.target.name).join(', ');
      tree.description = `group · ${names}`;
      tree.tooltip = `bake group ${item.name}: builds ${names}`;
      tree.iconPath = new vscode.ThemeIcon('layers');
      tree.contextValue = 'dockwright.bakeTarget';
      return tree;
    }
    const { target, dockerfile } = item;
    const tree = new vscode.TreeItem(target.name, vscode.TreeItemCollapsibleState.None);
    const where = dockerfile
      ? vscode.workspace.asRelativePath(dockerfile)
      : `${target.dockerfile} in ${target.context}`;
    tree.description = `${where}${target.stage ? ` · --target ${target.stage}` : ''}`;
    tree.tooltip = [
      `bake target ${target.name}`,
      `context ${target.context}`,
      `Dockerfile ${target.inline ? '(inline)' : target.dockerfile}`,
      ...(target.tags.length ? [`tags ${target.tags.join(', ')}`] : []),
      ...(target.platforms.length ? [`platforms ${target.platforms.join(', ')}`] : []),
    ].join('\n');
    tree.iconPath = new vscode.ThemeIcon('package');
    tree.contextValue = 'dockwright.bakeTarget';
    tree.command = { command: 'vscode.open', title: 'Open', arguments: [dockerfile ?? item.uri] };
    return tree;
  }
}
