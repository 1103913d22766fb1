// The composition root: wires the adapters and nothing else. Activation is cheap: it registers
// listeners and providers, spawns no process, and loads the core bundle (parsers, rules, builds,
// registry client) only when first needed, through loadCore (dist/core.js).
import { createRequire } from 'node:module';
import * as vscode from 'vscode';
import { BuildContexts, type BuildContextSource } from './vscode/lint/buildContext';
import { registerBuilds } from './vscode/builds';
import { registerImages } from './vscode/images';
import { BuiltFromRecord } from './vscode/images/builtFrom';
import { EngineSettings } from './vscode/builds/engineSettings';
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

export type { BuildContextLocation, BuildContextSource } from './vscode/lint/buildContext';
export type { BuildEvent } from './vscode/builds/session';

/**
 * Dockwright's API for other extensions: the `exports` of `dockwright.dockwright` once it is
 * active.
 *
 * ```ts
 * const dockwright = vscode.extensions.getExtension<DockwrightApi>('dockwright.dockwright');
 * const api = await dockwright?.activate();
 * ```
 *
 * It holds only what another extension has a use for; the project's tests read the rest of what
 * Dockwright shows (step notes, status bar, views) through hooks that an installed extension never
 * registers (src/vscode/testHooks.ts).
 */
export interface DockwrightApi {
  /**
   * Says where a Dockerfile's build context is, for an extension that builds it from elsewhere (a
   * compose file, a bake file, its own build system). The context rules read that folder (the
   * sources of COPY and ADD, `.dockerignore`), and a `target` picks the stage they treat as the
   * final one. Without a source a Dockerfile's context is its own folder; Dockwright's `buildx`
   * tasks in tasks.json register theirs. The source registered last is asked first, and one that
   * returns `undefined` leaves the Dockerfile to the next. Open Dockerfiles are linted again when a
   * source is registered or disposed.
   *
   * @returns A Disposable that unregisters the source.
   */
  registerBuildContextSource(source: BuildContextSource): vscode.Disposable;
  /**
   * Follows each build and push Dockwright runs: its `buildx` tasks, which Build Image…, Build
   * Target…, Build and Push…, Push Image… and the Build Targets view's actions run too. First
   * `output` events with the text the task's terminal shows (ANSI colours kept, `\r\n` line
   * ends), then one `end` event with the exit code: 0 when it succeeded, non-zero when it failed
   * or was cancelled. `build` is the task's name, e.g. `build api:latest`.
   */
  onDidBuild: vscode.Event<BuildEvent>;
}

export function activate(context: vscode.ExtensionContext): DockwrightApi {
  let core: Promise<CoreBundle> | undefined;
  // dist/core.js is a bundle of its own (scripts/esbuild.mjs): loading it costs tens of
  // milliseconds, paid on the first Dockerfile instead of at activation.
  const loadCore = () => (core ??= Promise.resolve().then(() => createRequire(__filename)('./core.js') as CoreBundle));

  const log = lazyLog('Dockwright');
  const contexts = new BuildContexts();
  const settings = new SettingsReader(log);
  const linter = new DockerfileLinter({ loadCore, settings, contexts, log });
  // one engine choice (dockwright.build.engine) for the builds and the Registries view's images
  const engines = new EngineSettings(loadCore);
  // which Dockerfile made which image: the builds write it, the Images root and Show Image Layers… read it
  const builtFrom = new BuiltFromRecord(context.workspaceState);
  const registries = registerRegistries(context, loadCore, log, engines, builtFrom);
  const actions = new DockwrightCodeActions({ linter, loadCore, resolver: () => registries.resolver, log });

  context.subscriptions.push(
    log,
    contexts,
    linter,
    vscode.languages.registerCodeActionsProvider(DOCKERFILE_SELECTOR, actions, DockwrightCodeActions.metadata),
    ...registerCommands(actions),
  );
  const builds = registerBuilds(context, contexts, loadCore, engines, builtFrom, registries.signing, (message) =>
    log.info(message),
  );
  context.subscriptions.push(engines, ...registries.connectBuilds(builds));
  const images = registerImages(context, { ...builds.services, builtFrom });
  linter.start();
  if (testHooksEnabled(context.extensionMode, process.env)) {
    const views = { 'dockwright.buildTargets': builds.targets, 'dockwright.registries': registries.tree };
    const { notes, statusBar } = builds.services;
    context.subscriptions.push(...registerTestHooks({ notes, statusBar, views, layers: images.panel }));
  }

  return {
    registerBuildContextSource: (source) => contexts.register(source),
    onDidBuild: builds.services.events.event,
  };
}
