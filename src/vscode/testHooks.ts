// What the project's own tests in a real VS Code (test/host) read of the extension and no VS Code
// API reads back: the step notes drawn on a Dockerfile's lines, the build's status bar text, the
// rows of Dockwright's two views and the Image Layers view's model. They read it through the
// commands below, which exist only when the extension host runs this extension's tests and the
// runner asks for them; none is contributed in package.json, so none is ever in the Command
// Palette, and none is part of the extension's API (src/extension.ts).
import * as vscode from 'vscode';
import type { StepNote } from '../core/builds';
import type { BuildStatusBar } from './builds/statusBar';
import type { StepNotes } from './builds/stepNotes';
import type { ImageLayersPanel, ShownLayers } from './images/layersPanel';
import { answerNextModal } from './modal';

/** The environment variable test/host/run.mjs sets (to `1`) for the windows whose tests use the hooks. */
export const TEST_HOOKS_ENV = 'DOCKWRIGHT_TEST_HOOKS';

/** The hooks' command ids. */
export const TEST_HOOK_COMMANDS = {
  /** (dockerfile: Uri) → StepNote[]: the notes drawn on its lines now. */
  stepNotes: 'dockwright.test.stepNotes',
  /** () → string: the build status bar item's text. */
  buildStatusText: 'dockwright.test.buildStatusText',
  /** (view: view id, parent?: element) → ViewRow[]: the rows under `parent`, the top level without one. */
  viewRows: 'dockwright.test.viewRows',
  /** (view: view id) → number: how many times the view was told to refresh since activation. */
  viewRefreshes: 'dockwright.test.viewRefreshes',
  /** (dockerfile: Uri) → StepNote[]: the text drawn on its lines now, sizes and timings joined. */
  paintedNotes: 'dockwright.test.paintedNotes',
  /** () → ShownLayers | undefined: the model the Image Layers view's page was rendered from. */
  imageLayers: 'dockwright.test.imageLayers',
  /** (message) → void: a message to the Image Layers view's handler, as its page sends one on a click. */
  imageLayersMessage: 'dockwright.test.imageLayersMessage',
  /** (answer: string) → string[]: the next modal question gets `answer`; the questions answered so far. */
  answerModal: 'dockwright.test.answerModal',
} as const;

/** A row of a view: the element the view's commands get, and the TreeItem VS Code draws for it. */
export interface ViewRow<T> {
  element: T;
  item: vscode.TreeItem;
}

/**
 * Whether to register the hooks: only in VS Code's test mode (an extension host started with
 * --extensionTestsPath, for this extension under development, which an installed extension never
 * is) and when the runner set DOCKWRIGHT_TEST_HOOKS=1.
 */
export function testHooksEnabled(mode: vscode.ExtensionMode, env: NodeJS.ProcessEnv): boolean {
  return mode === vscode.ExtensionMode.Test && env[TEST_HOOKS_ENV] === '1';
}

export interface TestHookSources {
  notes: StepNotes;
  statusBar: BuildStatusBar;
  /** The views by their id in package.json. */
  views: Record<string, vscode.TreeDataProvider<unknown>>;
  layers: ImageLayersPanel;
}

/** Registers the hooks' commands; the caller checks testHooksEnabled first. */
export function registerTestHooks(sources: TestHookSources): vscode.Disposable[] {
  const view = (id: string) => {
    const found = sources.views[id];
    if (!found) throw new Error(`no view ${id}: the hooks know ${Object.keys(sources.views).join(', ')}`);
    return found;
  };
  const refreshes = new Map(Object.keys(sources.views).map((id) => [id, 0]));
  const counting = Object.entries(sources.views).map(([id, tree]) =>
    tree.onDidChangeTreeData?.(() => refreshes.set(id, (refreshes.get(id) ?? 0) + 1)),
  );
  return [
    ...counting.filter((d) => d !== undefined),
    vscode.commands.registerCommand(TEST_HOOK_COMMANDS.stepNotes, (dockerfile: vscode.Uri): StepNote[] =>
      sources.notes.get(dockerfile).map((n) => ({ ...n })),
    ),
    vscode.commands.registerCommand(TEST_HOOK_COMMANDS.paintedNotes, (dockerfile: vscode.Uri): StepNote[] =>
      sources.notes.painted(dockerfile),
    ),
    vscode.commands.registerCommand(TEST_HOOK_COMMANDS.buildStatusText, (): string => sources.statusBar.text),
    vscode.commands.registerCommand(TEST_HOOK_COMMANDS.imageLayers, (): ShownLayers | undefined =>
      sources.layers.shown(),
    ),
    vscode.commands.registerCommand(TEST_HOOK_COMMANDS.imageLayersMessage, (message: unknown) =>
      sources.layers.handle(message),
    ),
    vscode.commands.registerCommand(
      TEST_HOOK_COMMANDS.viewRows,
      async (id: string, parent?: unknown): Promise<ViewRow<unknown>[]> => {
        const tree = view(id);
        const elements = (await tree.getChildren(parent)) ?? [];
        return Promise.all(elements.map(async (element) => ({ element, item: await tree.getTreeItem(element) })));
      },
    ),
    vscode.commands.registerCommand(TEST_HOOK_COMMANDS.viewRefreshes, (id: string): number => {
      view(id); // an unknown id fails, rather than counting 0
      return refreshes.get(id) ?? 0;
    }),
    vscode.commands.registerCommand(TEST_HOOK_COMMANDS.answerModal, answerNextModal),
  ];
}
