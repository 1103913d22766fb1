// The Build Targets view: every Dockerfile in the workspace (files.exclude honoured) and, under
// each, its stages with their base image and the stages they use; then the bake files (bakeTree.ts).
import * as vscode from 'vscode';
import type { StageNode } from '../../core/dockerfile/stageGraph';
import { DOCKERFILE_GLOB } from '../documents';
import type { LoadCore } from '../coreBundle';
import { isBakeItem, type BakeItem, type BakeTree } from './bakeTree';
import { readDockerfileText } from './readDockerfile';
import { fileTreeItem } from './treeItems';

export type TargetItem =
  | BakeItem
  | { kind: 'dockerfile'; uri: vscode.Uri }
  | { kind: 'stage'; uri: vscode.Uri; stage: StageNode; stages: StageNode[] }
  | { kind: 'error'; uri: vscode.Uri; message: string };

export class BuildTargetsTree implements vscode.TreeDataProvider<TargetItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TargetItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(DOCKERFILE_GLOB);
  private readonly excludesWatch: vscode.Disposable;
  private readonly bakeWatch: vscode.Disposable;
  private refreshTimer?: NodeJS.Timeout;

  constructor(
    private readonly loadCore: LoadCore,
    private readonly bake: BakeTree,
  ) {
    const refresh = () => this.refreshSoon();
    this.bakeWatch = bake.onDidChange(refresh);
    this.watcher.onDidCreate(refresh);
    this.watcher.onDidDelete(refresh);
    this.watcher.onDidChange(refresh);
    this.excludesWatch = vscode.workspace.onDidChangeConfiguration(
      (e) => e.affectsConfiguration('files.exclude') && refresh(),
    );
  }

  refresh(): void {
    this.bake.clear();
    this.changed.fire(undefined);
  }

  private refreshSoon(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), 300);
  }

  async getChildren(item?: TargetItem): Promise<TargetItem[]> {
    if (!item) {
      // findFiles with no exclude applies files.exclude
      const files = await vscode.workspace.findFiles(DOCKERFILE_GLOB, undefined, 1000);
      const dockerfiles = files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
      return [...dockerfiles.map((uri): TargetItem => ({ kind: 'dockerfile', uri })), ...(await this.bake.roots())];
    }
    if (isBakeItem(item)) return this.bake.children(item);
    if (item.kind !== 'dockerfile') return [];
    try {
      const text = await readDockerfileText(item.uri);
      const { parseDockerfile, stageGraph } = await this.loadCore();
      const stages = stageGraph(parseDockerfile(text));
      return stages.map((stage) => ({ kind: 'stage', uri: item.uri, stage, stages }));
    } catch (error) {
      return [
        {
          kind: 'error',
          uri: item.uri,
          message: `Could not read it: ${error instanceof Error ? error.message : String(error)}`,
        },
      ];
    }
  }

  getTreeItem(item: TargetItem): vscode.TreeItem {
    if (isBakeItem(item)) return this.bake.treeItem(item);
    if (item.kind === 'dockerfile') {
      return fileTreeItem(item.uri, 'dockwright.dockerfile');
    }
    if (item.kind === 'error') {
      const tree = new vscode.TreeItem(item.message);
      tree.iconPath = new vscode.ThemeIcon('error');
      return tree;
    }
    const { stage, stages } = item;
    const tree = new vscode.TreeItem(stage.label, vscode.TreeItemCollapsibleState.None);
    const uses = stage.dependsOn.map((i) => stages[i].label);
    tree.description = `FROM ${stage.base}${uses.length ? ` · uses ${uses.join(', ')}` : ''}`;
    tree.tooltip = `Stage ${stage.index}${stage.target ? ` (--target ${stage.target})` : ''}\nFROM ${stage.base}${uses.length ? `\nuses ${uses.join(', ')}` : ''}`;
    tree.iconPath = new vscode.ThemeIcon(stage.index === stages.length - 1 ? 'package' : 'layers');
    // only named stages can be built with --target
    tree.contextValue = stage.target ? 'dockwright.stage.named' : 'dockwright.stage';
    tree.command = { command: 'dockwright.openStage', title: 'Open', arguments: [item] };
    return tree;
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.watcher.dispose();
    this.excludesWatch.dispose();
    this.bakeWatch.dispose();
    this.changed.dispose();
  }
}

/** Reveals a stage's FROM line. */
export async function openStage(item: TargetItem): Promise<void> {
  if (item.kind !== 'stage') return;
  const editor = await vscode.window.showTextDocument(item.uri);
  const line = new vscode.Range(item.stage.line, 0, item.stage.line, 0);
  editor.selection = new vscode.Selection(line.start, line.start);
  editor.revealRange(line, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
