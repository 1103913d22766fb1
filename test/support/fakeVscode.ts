// A stand-in for the `vscode` module, enough to run the Registries tree (src/vscode/registry/tree.ts)
// in a unit test: EventEmitter, TreeItem, ThemeIcon, TreeItemCollapsibleState and a workspace with
// no settings. Importing this module makes `require('vscode')` give it; import it before the tree.
import Module from 'node:module';

export class EventEmitter<T> {
  private readonly listeners = new Set<(e: T) => void>();
  readonly event = (listener: (e: T) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const listener of [...this.listeners]) listener(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class TreeItem {
  description?: string;
  tooltip?: string;
  contextValue?: string;
  iconPath?: unknown;
  command?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState = 0,
  ) {}
}

export class ThemeIcon {
  constructor(readonly id: string) {}
}

export const fakeVscode = {
  EventEmitter,
  TreeItem,
  ThemeIcon,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  workspace: {
    onDidChangeConfiguration: () => ({ dispose: () => undefined }),
    getConfiguration: () => ({ get: <T>(_key: string, fallback?: T) => fallback }),
  },
};

const loader = Module as unknown as {
  _resolveFilename: (request: string, ...rest: unknown[]) => string;
  _cache: Record<string, unknown>;
};
if (!loader._cache.vscode) {
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  loader._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fakeVscode };
}
