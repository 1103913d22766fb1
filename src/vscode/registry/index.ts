// Wires the Registries view and its commands; returns the resolver the pin fixes use.
import * as vscode from 'vscode';
import type { ImageResolver } from '../../core/rule';
import type { LoadCore } from '../coreBundle';
import type { Log } from '../log';
import { registerRegistryCommands } from './commands';
import { RegistryService } from './service';
import { SigningService } from './signing';
import { registerSigningCommands } from './signingCommands';
import { RegistriesTree } from './tree';

export interface RegistryApi {
  tree: RegistriesTree;
  resolver: ImageResolver;
  /** Signs images: Build and Push…'s sign step uses it too. */
  signing: SigningService;
}

export function registerRegistries(context: vscode.ExtensionContext, loadCore: LoadCore, log: Log): RegistryApi {
  const service = new RegistryService(loadCore, context.secrets, log);
  const signing = new SigningService(service, context.secrets);
  const tree = new RegistriesTree(service, signing);
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
  return { tree, resolver: service.resolver(), signing };
}
