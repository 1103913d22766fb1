// Wires builds into VS Code: the `buildx` and `bake` task types, the commands, the Build Targets
// view, the builder choice, the status bar, the step notes (with the built image's sizes) and the
// build-failure diagnostics.
// Nothing runs until a build starts.
import * as vscode from 'vscode';
import type { BuildContexts } from '../lint/buildContext';
import { BakeFiles } from './bakeFiles';
import { BAKE_TASK_TYPE, BakeTaskProvider, runBakeItem } from './bakeTasks';
import { BakeTree, type BakeItem } from './bakeTree';
import { BuilderChoice, selectBuilder } from './builders';
import { registerBuildCommands } from './commands';
import type { EngineSettings } from './engineSettings';
import type { BuildServices } from './session';
import type { PushSigner } from './signStep';
import { BuildStatusBar } from './statusBar';
import { StepNotes } from './stepNotes';
import { BuildSizes } from '../images/buildSizes';
import type { BuiltFromRecord } from '../images/builtFrom';
import { registerSecretTaskCommand } from './secretTask';
import { TaskBuildContexts } from './taskContexts';
import { TASK_TYPE } from './taskDefinition';
import { BuildTaskProvider } from './taskProvider';
import { BuildTargetsTree, openStage } from './targetsTree';
import type { LoadCore } from '../coreBundle';

export interface BuildApi {
  services: BuildServices;
  provider: BuildTaskProvider;
  bakeProvider: BakeTaskProvider;
  targets: BuildTargetsTree;
  /** The sizes of the images builds write; it records the Dockerfiles they came from. */
  sizes: BuildSizes;
}

export function registerBuilds(
  context: vscode.ExtensionContext,
  contexts: BuildContexts,
  loadCore: LoadCore,
  /** The engine of dockwright.build.engine; the Registries view's Images root lists its images too. */
  engines: EngineSettings,
  /** Where the builds record which Dockerfile made which image. */
  builtFrom: BuiltFromRecord,
  signer?: PushSigner,
  log?: (message: string) => void,
): BuildApi {
  const sizes = new BuildSizes(loadCore, engines, builtFrom, log);
  const services: BuildServices = {
    loadCore,
    events: new vscode.EventEmitter(),
    engines,
    statusBar: new BuildStatusBar(),
    notes: new StepNotes(sizes),
    diagnostics: vscode.languages.createDiagnosticCollection('dockwright-build'),
    builders: new BuilderChoice(context.workspaceState),
    signer,
  };
  const provider = new BuildTaskProvider(services);
  const bakeFiles = new BakeFiles(loadCore, engines);
  const bakeProvider = new BakeTaskProvider(services, bakeFiles);
  const targets = new BuildTargetsTree(loadCore, new BakeTree(bakeFiles, loadCore));
  context.subscriptions.push(
    services.events,
    services.statusBar,
    services.notes,
    services.diagnostics,
    targets,
    bakeFiles,
    vscode.tasks.registerTaskProvider(TASK_TYPE, provider),
    vscode.tasks.registerTaskProvider(BAKE_TASK_TYPE, bakeProvider),
    vscode.commands.registerCommand('dockwright.bakeTarget', (item: BakeItem) => runBakeItem(bakeProvider, item)),
    vscode.commands.registerCommand('dockwright.selectBuilder', () =>
      selectBuilder(services.builders, engines, loadCore),
    ),
    vscode.window.registerTreeDataProvider('dockwright.buildTargets', targets),
    vscode.commands.registerCommand('dockwright.refreshBuildTargets', () => targets.refresh()),
    vscode.commands.registerCommand('dockwright.openStage', openStage),
    contexts.register(new TaskBuildContexts()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tasks') && contexts.refresh()),
    registerSecretTaskCommand(),
    ...registerBuildCommands(context.workspaceState, provider, loadCore),
  );
  return { services, provider, bakeProvider, targets, sizes };
}
