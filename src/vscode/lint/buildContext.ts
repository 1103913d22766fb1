// Where the build context of a Dockerfile is: by default its own folder. A build task that names
// another context (or a target) registers a BuildContextSource here and wins over that default.
import * as vscode from 'vscode';

export interface BuildContextLocation {
  /** The folder sent to the builder. */
  folder: vscode.Uri;
  /** The build target, when the build names one: it picks the final stage for the rules. */
  target?: string;
}

export interface BuildContextSource {
  /** The context of this Dockerfile, or undefined to leave it to the next source. */
  locate(dockerfile: vscode.Uri): BuildContextLocation | undefined;
}

export class BuildContexts implements vscode.Disposable {
  private readonly sources: BuildContextSource[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a source comes or goes, or says its answers changed: open Dockerfiles are linted again. */
  readonly onDidChange = this.changed.event;

  register(source: BuildContextSource): vscode.Disposable {
    this.sources.unshift(source);
    this.changed.fire();
    return new vscode.Disposable(() => {
      const i = this.sources.indexOf(source);
      if (i >= 0) this.sources.splice(i, 1);
      this.changed.fire();
    });
  }

  /** Tells the linter that a registered source now answers differently (e.g. a task was edited). */
  refresh(): void {
    this.changed.fire();
  }

  locate(dockerfile: vscode.Uri): BuildContextLocation | undefined {
    for (const source of this.sources) {
      const found = source.locate(dockerfile);
      if (found) return found;
    }
    // An unsaved Dockerfile has no folder, so the context rules stay silent for it.
    return dockerfile.scheme === 'file' ? { folder: vscode.Uri.joinPath(dockerfile, '..') } : undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
