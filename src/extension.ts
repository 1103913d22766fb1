// The composition root: wires the adapters and nothing else. Activation is cheap: it registers
// listeners and providers, spawns no process, and loads the core bundle (parsers, rules, builds,
// registry client) only when first needed, through loadCore (dist/core.js).
import { createRequire } from 'node:module';
import * as vscode from 'vscode';
import type { StepNote } from './core/builds';
import type { ImageResolver } from './core/rule';
import { BuildContexts, type BuildContextSource } from './vscode/lint/buildContext';
import { registerBuilds } from './vscode/builds';
import type { BuildEvent } from './vscode/builds/session';
import { registerRegistries } from './vscode/registry';
import { DockwrightCodeActions } from './vscode/lint/codeActions';
import { registerCommands } from './vscode/lint/commands';
import { DOCKERFILE_SELECTOR } from './vscode/documents';
import type { CoreBundle } from './vscode/coreBundle';
import { DockerfileLinter } from './vscode/lint/linter';
import { lazyLog } from './vscode/log';
import { SettingsReader } from './vscode/lint/settings';
import { registerTestHooks, testHooksEnabled } from './vscode/testHooks';

/** What other parts of Dockwright (the build tasks, the registry client) plug in later. */
export interface DockwrightApi {
  /** The registry client for the fixes that need tags and digests. */
  setImageResolver(resolver: ImageResolver | undefined): void;
  /** A build task naming another context or target for a Dockerfile. */
  registerBuildContextSource(source: BuildContextSource): vscode.Disposable;
  /** Output and ends of builds run by the `buildx` tasks, for tests and other extensions. */
  onDidBuild: vscode.Event<BuildEvent>;
  /** The step timings shown on a Dockerfile's lines after its last build. */
  stepNotes(dockerfile: vscode.Uri): readonly StepNote[];
  /** The status bar's text while a build runs, e.g. `Building api: 3/7 RUN npm ci`. */
  buildStatusText(): string;
  /** The Build Targets view's data. */
  buildTargets: ReturnType<typeof registerBuilds>['targets'];
  /** The Registries view's data, for tests. */
  registries: ReturnType<typeof registerRegistries>['tree'];
}

export function activate(context: vscode.ExtensionContext): DockwrightApi {
  let core: Promise<CoreBundle> | undefined;
  // dist/core.js is a bundle of its own (scripts/esbuild.mjs): loading it costs tens of
  // milliseconds, paid on the first Dockerfile instead of at activation.
  const loadCore = () => (core ??= Promise.resolve().then(() => createRequire(__filename)('./core.js') as CoreBundle));
  let resolver: ImageResolver | undefined;

  const log = lazyLog('Dockwright');
  const contexts = new BuildContexts();
  const settings = new SettingsReader(log);
  const linter = new DockerfileLinter({ loadCore, settings, contexts, log });
  const actions = new DockwrightCodeActions({ linter, loadCore, resolver: () => resolver, log });

  context.subscriptions.push(
    log,
    contexts,
    linter,
    vscode.languages.registerCodeActionsProvider(DOCKERFILE_SELECTOR, actions, DockwrightCodeActions.metadata),
    ...registerCommands(actions),
  );
  const builds = registerBuilds(context, contexts, loadCore);
  const registries = registerRegistries(context, loadCore, log);
  resolver = registries.resolver;
  linter.start();
  if (testHooksEnabled(context.extensionMode, process.env)) {
    const views = { 'dockwright.buildTargets': builds.targets, 'dockwright.registries': registries.tree };
    context.subscriptions.push(...registerTestHooks({ notes: builds.services.notes, statusBar: builds.services.statusBar, views }));
  }

  return {
    setImageResolver: (r) => {
      resolver = r;
    },
    registerBuildContextSource: (source) => contexts.register(source),
    onDidBuild: builds.services.events.event,
    stepNotes: (uri) => builds.services.notes.get(uri),
    buildStatusText: () => builds.services.statusBar.text,
    buildTargets: builds.targets,
    registries: registries.tree,
  };
}
