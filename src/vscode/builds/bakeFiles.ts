// The workspace's bake files, each read by buildx (`bake --print`) once until it changes: the
// Build Targets view and the bake tasks share the reading. buildx evaluates the file (variables,
// functions), so nothing is read in an untrusted workspace.
import * as vscode from 'vscode';
import type { BakeFile } from '../../core/builds';
import type { LoadCore } from '../coreBundle';
import type { EngineSettings } from './engineSettings';
import { refusalInUntrustedWorkspace } from './session';

/** The names bake itself looks for; an override file alone is no build. */
export const BAKE_GLOB = '**/docker-bake.{hcl,json}';

export class BakeFiles implements vscode.Disposable {
  private readonly read = new Map<string, Promise<BakeFile>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** A bake file was added, removed or changed. */
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(BAKE_GLOB);

  constructor(
    private readonly loadCore: LoadCore,
    private readonly engines: EngineSettings,
  ) {
    const forget = (uri: vscode.Uri) => {
      this.read.delete(uri.toString());
      this.changed.fire();
    };
    this.watcher.onDidCreate(forget);
    this.watcher.onDidDelete(forget);
    this.watcher.onDidChange(forget);
  }

  /** The bake files of the workspace (files.exclude honoured), sorted by path. */
  async find(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const files = await vscode.workspace.findFiles(BAKE_GLOB, undefined, 200, token);
    return files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  }

  /** The file as buildx reads it; rejects with a message fit to show (buildx's own, for a file it cannot read). */
  get(uri: vscode.Uri): Promise<BakeFile> {
    const key = uri.toString();
    let reading = this.read.get(key);
    if (!reading) {
      reading = this.readNow(uri);
      this.read.set(key, reading);
      // a failure is read again next time: the engine may be back, the file fixed
      reading.catch(() => this.read.get(key) === reading && this.read.delete(key));
    }
    return reading;
  }

  private async readNow(uri: vscode.Uri): Promise<BakeFile> {
    const refusal = refusalInUntrustedWorkspace();
    if (refusal) throw new Error('Dockwright reads bake files with buildx only in a trusted workspace.');
    const { readBakeFile } = await this.loadCore();
    return readBakeFile(await this.engines.engine(), uri.fsPath);
  }

  /** Forgets every reading (the view's Refresh). */
  clear(): void {
    this.read.clear();
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
