// Wires the Registries view (the local images, then the registries) and its commands; returns the
// resolver the pin fixes use.
import * as vscode from 'vscode';
import type { ImageResolver } from '../../core/rule';
import type { BuildApi } from '../builds';
import type { EngineSettings } from '../builds/engineSettings';
import type { LoadCore } from '../coreBundle';
import type { BuiltFromRecord } from '../images/builtFrom';
import type { Log } from '../log';
import { registerRegistryCommands } from './commands';
import { registerLocalImageCommands } from './localImagesCommands';
import { followBuilds } from './localImagesRecord';
import { IMAGES_ROOT, LocalImagesRoot } from './localImagesTree';
import { RegistryService } from './service';
import { SigningService } from './signing';
import { registerSigningCommands } from './signingCommands';
import { RegistriesTree } from './tree';

export interface RegistryApi {
  tree: RegistriesTree;
  resolver: ImageResolver;
  /** Signs images: Build and Push…'s sign step uses it too. */
  signing: SigningService;
  /** The Images root's side of the builds: Push… runs their push task, and each build lists the images again. */
  connectBuilds(builds: BuildApi): vscode.Disposable[];
}

export function registerRegistries(
  context: vscode.ExtensionContext,
  loadCore: LoadCore,
  log: Log,
  engines: EngineSettings,
  /** Which Dockerfile made which image, as the builds record it. */
  record: BuiltFromRecord,
): RegistryApi {
  const service = new RegistryService(loadCore, context.secrets, log);
  const signing = new SigningService(service, context.secrets);
  const engine = () => engines.engine();
  const tree = new RegistriesTree(service, signing, new LocalImagesRoot(engine, loadCore, record));
  const view = vscode.window.createTreeView('dockwright.registries', { treeDataProvider: tree });
  context.subscriptions.push(
    service,
    tree,
    view,
    // A collapsed node's registry calls stop (refresh and dispose stop them in the tree itself).
    view.onDidCollapseElement((e) => tree.collapsed(e.element)),
    ...registerRegistryCommands(service, tree, loadCore),
    ...registerSigningCommands(tree, signing),
  );
  return {
    tree,
    resolver: service.resolver(),
    signing,
    connectBuilds: (builds) => [
      ...registerLocalImageCommands({ tree, engine, loadCore, provider: builds.provider }),
      ...followBuilds({
        events: builds.services.events,
        sizes: builds.sizes,
        refresh: () => tree.refresh(IMAGES_ROOT),
      }),
    ],
  };
}
