// A stand-in for the `vscode` module, enough to run the Registries tree (src/vscode/registry/tree.ts)
// and the image records in a unit test: EventEmitter, TreeItem, ThemeIcon, TreeItemCollapsibleState,
// file URIs and a workspace with no settings and no open document. Importing this module makes
// `require('vscode')` give it; import it before the code under test.
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

/** `scheme://path` URIs, enough for file: ones (no authority, query or fragment). */
export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static parse(value: string): Uri {
    const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(value);
    if (!m) throw new Error(`not a URI: ${value}`);
    return new Uri(m[1], m[2]);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export const fakeVscode = {
  EventEmitter,
  TreeItem,
  ThemeIcon,
  Uri,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  workspace: {
    textDocuments: [],
    asRelativePath: (uri: Uri) => uri.fsPath,
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
