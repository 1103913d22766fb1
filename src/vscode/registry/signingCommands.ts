// Sign Image… and Verify Signature on a tag of the Registries view, and Generate Key Pair…. Signing
// is refused in an untrusted workspace, like builds: it runs cosign with the workspace's keys.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { guarded } from './guarded';
import { refusalInUntrustedWorkspace } from '../builds/session';
import type { SigningService } from './signing';
import type { RegistriesTree, RegistryNode } from './tree';

type TagNode = Extract<RegistryNode, { kind: 'tag' }>;

export function registerSigningCommands(tree: RegistriesTree, signing: SigningService): vscode.Disposable[] {
  const refuseUntrusted = () => {
    const refusal = refusalInUntrustedWorkspace({ doing: 'sign images or make keys', to: 'sign' });
    if (refusal) throw new Error(refusal);
  };
  return [
    vscode.commands.registerCommand(
      'dockwright.registries.signImage',
      guarded(async (node: TagNode) => {
        refuseUntrusted();
        // the digest the tag points at now: what is signed, whatever the tag points at later
        const { digest } = await tree.describe(node);
        const image = { registry: node.registry, repository: node.repository, digest };
        const name = `${node.registry}/${node.repository}:${node.tag}`;
        const error = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Signing ${name} (${digest.slice(0, 19)}…)` },
          () => signing.sign(image),
        );
        if (error) throw new Error(`Could not sign ${name}: ${error}.`);
        tree.refresh({ kind: 'repository', registry: node.registry, repository: node.repository });
        void vscode.window.showInformationMessage(`Signed ${name} at ${digest.slice(0, 19)}….`);
        return true;
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.registries.verifySignature',
      guarded(async (node: TagNode) => {
        const { digest } = await tree.describe(node);
        signing.forget();
        const name = `${node.registry}/${node.repository}:${node.tag}`;
        const verification = await signing.verify(node.registry, name, digest);
        tree.refresh(node);
        return verification;
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.signing.generateKeyPair',
      guarded(async (folderArg?: vscode.Uri) => {
        refuseUntrusted();
        const folder = folderArg ?? (await pickFolder());
        if (!folder) return undefined;
        const privateKey = path.join(folder.fsPath, 'cosign.key');
        if (fs.existsSync(privateKey) || fs.existsSync(path.join(folder.fsPath, 'cosign.pub')))
          throw new Error(`${folder.fsPath} already has a cosign key pair: choose another folder.`);
        const password = await vscode.window.showInputBox({
          title: 'Password of the new cosign key',
          prompt: 'Protects cosign.key; kept in VS Code’s secret storage. Empty for a key without a password.',
          password: true,
          ignoreFocusOut: true,
        });
        if (password === undefined) return undefined;
        const error = await signing.generateKeyPair(folder.fsPath, password);
        if (error) throw new Error(`Could not generate the key pair: ${error}.`);
        await keepOutOfRepository(folder.fsPath);
        void vscode.window.showInformationMessage(
          `Wrote cosign.key and cosign.pub in ${folder.fsPath}. Set dockwright.signing.key to sign with it.`,
        );
        return privateKey;
      }),
    ),
  ];
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Where should cosign.key and cosign.pub go?',
    canSelectFiles: false,
    canSelectFolders: true,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

/** Offers to add the private key to the .gitignore and .dockerignore of the workspace folder it is in. */
async function keepOutOfRepository(folder: string): Promise<void> {
  const workspace = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(folder));
  if (!workspace) return;
  const entry = path.relative(workspace.uri.fsPath, path.join(folder, 'cosign.key')).split(path.sep).join('/');
  const answer = await vscode.window.showWarningMessage(
    `Keep ${entry} out of git and of build contexts? It adds it to .gitignore and .dockerignore.`,
    'Add',
    'Not now',
  );
  if (answer !== 'Add') return;
  for (const name of ['.gitignore', '.dockerignore']) {
    const file = path.join(workspace.uri.fsPath, name);
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (text.split(/\r?\n/).includes(entry)) continue;
    // written whole beside it, then renamed over it: a crash leaves the old file or the new one
    const next = `${file}.dockwright-${process.pid}`;
    fs.writeFileSync(next, `${text}${text && !text.endsWith('\n') ? '\n' : ''}${entry}\n`);
    fs.renameSync(next, file);
  }
}
