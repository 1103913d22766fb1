// The Registries view's actions. Credentials go to SecretStorage; errors are shown once, plainly.
import * as vscode from 'vscode';
import { guarded } from './guarded';
import type { Credential } from '../../core/registry';
import { toRange } from '../lint/convert';
import { isDockerfile } from '../documents';
import type { CoreBundle } from '../coreBundle';
import type { LoadCore } from '../coreBundle';
import { refusalInUntrustedWorkspace } from '../builds/session';
import type { RegistryService } from './service';
import { addRegistrySetting } from './settings';
import type { RegistriesTree, RegistryNode } from './tree';

type TagNode = Extract<RegistryNode, { kind: 'tag' }>;

export function registerRegistryCommands(
  service: RegistryService,
  tree: RegistriesTree,
  loadCore: LoadCore,
): vscode.Disposable[] {
  const registryOf = (node?: RegistryNode) => (node?.kind === 'registry' ? node.entry.key : undefined);
  return [
    vscode.commands.registerCommand('dockwright.registries.refresh', (node?: RegistryNode) => tree.refresh(node)),
    vscode.commands.registerCommand('dockwright.registries.retry', (node: Extract<RegistryNode, { kind: 'message' }>) =>
      tree.refresh(node.retry),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.loadMore',
      guarded((parent: RegistryNode) => tree.loadMore(parent)),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.add',
      guarded(async () => {
        const url = await vscode.window.showInputBox({
          title: 'Add Registry',
          prompt: 'Registry host, e.g. ghcr.io or registry.example.com:5000',
          validateInput: (v) => (/^\S+$/.test(v.trim()) ? undefined : 'A host name, without spaces'),
        });
        if (!url) return;
        await addRegistrySetting(url.trim());
        const login = await vscode.window.showInformationMessage(
          `Added ${url.trim()}. Log in to it?`,
          'Log In',
          'Not now',
        );
        if (login === 'Log In') await logInFlow(service, tree, (await service.core()).registryKey(url));
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.logIn',
      guarded(async (node?: RegistryNode) => logInFlow(service, tree, registryOf(node) ?? (await askRegistry()))),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.logOut',
      guarded(async (node?: RegistryNode) => {
        const key = registryOf(node) ?? (await askRegistry());
        if (!key) return;
        const registry = await service.core();
        const result = await registry.logOut(key, service.store, (await service.clients()).all());
        tree.refresh();
        void vscode.window.showInformationMessage(
          result.dockerStillLoggedIn
            ? `Logged out of ${key} in Dockwright; Docker's own login for it still applies (docker logout ${key}).`
            : `Logged out of ${key}.`,
        );
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.copyPullCommand',
      guarded(async (node: TagNode) => copy((await service.core()).pullCommand(node))),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.copyDigest',
      guarded(async (node: TagNode | Extract<RegistryNode, { kind: 'detail' }>) => {
        const digest = node.kind === 'detail' ? (node.copy ?? node.value) : (await tree.describe(node)).digest;
        return copy((await service.core()).checkedDigest(node.kind === 'detail' ? '' : node.registry, digest));
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.pull',
      guarded(async (node: TagNode) => {
        const refusal = refusalInUntrustedWorkspace();
        if (refusal) throw new Error(refusal);
        const docker = vscode.workspace.getConfiguration('dockwright').get<string>('dockerPath') || 'docker';
        const image = (await service.core()).imageReference(node);
        const task = new vscode.Task(
          { type: 'dockwright-pull', image },
          vscode.TaskScope.Workspace,
          `pull ${image}`,
          'dockwright',
          new vscode.ProcessExecution(docker, ['pull', image]),
        );
        return vscode.tasks.executeTask(task);
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.deleteTag',
      guarded(async (node: TagNode) => {
        const registry = await service.core();
        const digest = registry.checkedDigest(node.registry, (await tree.describe(node)).digest);
        const answer = await vscode.window.showWarningMessage(
          `Delete ${registry.imageReference(node)}? The registry deletes by digest: every tag pointing at ${digest.slice(0, 19)}… goes too.`,
          { modal: true },
          'Delete',
        );
        if (answer !== 'Delete') return false;
        await (await service.client(node.registry)).deleteManifest(node.repository, digest);
        tree.refresh();
        return true;
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.openAttestation',
      guarded(async (node: Extract<RegistryNode, { kind: 'attestation' }>) => {
        const registry = await service.core();
        const client = await service.client(node.registry);
        // JSON the parser accepted, written again: nothing else of the registry's reaches the document
        const content = await registry.attestationJson(client, node.repository, node.attestation);
        const document = await vscode.workspace.openTextDocument({ language: 'json', content });
        await vscode.window.showTextDocument(document, { preview: true });
        return document;
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.useAsBase',
      guarded(async (node: TagNode) => insertFrom((await service.core()).fromLine(node))),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.pinFrom',
      guarded(async (node: TagNode) => {
        const { digest } = await tree.describe(node);
        return pinFrom(await loadCore(), node, digest);
      }),
    ),
  ];
}

/** Copies to the clipboard and returns the text (the tests read it back from both). */
async function copy(text: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(`Copied: ${text}`, 3000);
  return text;
}

async function askRegistry(): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({ title: 'Registry', prompt: 'Registry host, e.g. ghcr.io' });
  return value?.trim() || undefined;
}

async function logInFlow(service: RegistryService, tree: RegistriesTree, key: string | undefined): Promise<void> {
  if (!key) return;
  const username = await vscode.window.showInputBox({
    title: `Log in to ${key}`,
    prompt: 'User name (leave empty for an identity token)',
    ignoreFocusOut: true,
  });
  if (username === undefined) return;
  const secret = await vscode.window.showInputBox({
    title: `Log in to ${key}`,
    prompt: username ? 'Password or access token' : 'Identity token',
    password: true,
    ignoreFocusOut: true,
  });
  if (!secret) return;
  const credential: Credential = username
    ? { kind: 'password', username, password: secret }
    : { kind: 'identity-token', token: secret };
  const registry = await service.core();
  const clients = (await service.clients()).all();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Logging in to ${key}…` },
    async () => registry.logIn(key, credential, service.store, { ...(await service.clientOptions(key)), clients }),
  );
  tree.refresh();
  void vscode.window.showInformationMessage(
    result.dockerComesFirst
      ? `Logged in to ${key}, kept in VS Code's secret storage. Docker's own login for ${key} comes first while it lasts (docker logout ${key} to use this one).`
      : `Logged in to ${key}. The password is kept in VS Code's secret storage.`,
  );
}

function activeDockerfile(): vscode.TextEditor {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isDockerfile(editor.document))
    throw new Error('Open a Dockerfile first: the image goes into the active Dockerfile.');
  return editor;
}

/** Use as Base Image: a FROM line where the cursor is (at the top of an empty file). */
async function insertFrom(line: string): Promise<boolean> {
  const editor = activeDockerfile();
  const at = editor.selection.active.line;
  const text = editor.document.lineAt(at).text.trim() === '' ? line : `${line}\n`;
  return editor.edit((edit) => edit.insert(new vscode.Position(at, 0), text));
}

/**
 * Pin FROM to This Digest: the FROM of this image on this registry (the one at the cursor first)
 * gets `@sha256:…`, or the global ARG default it names when the FROM is only `$BASE`.
 */
async function pinFrom(core: CoreBundle, node: TagNode, digest: string): Promise<boolean> {
  const editor = activeDockerfile();
  // Checked before anything is read: the digest and the names go into the document.
  const checked = core.registry.checkedDigest(node.registry, digest);
  const name = core.registry.imageReference({ registry: node.registry, repository: node.repository });
  const model = core.parseDockerfile(editor.document.getText());
  const image = core.fromOfRepository(model, node.registry, node.repository, editor.selection.active.line);
  if (!image) throw new Error(`No FROM of ${name} in this Dockerfile.`);
  const edit = core.setDigestEdit(model, image, checked);
  return editor.edit((builder) => builder.replace(toRange(edit.range), edit.newText));
}
