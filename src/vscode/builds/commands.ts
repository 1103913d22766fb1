// Build Image…, Build Target…, Build and Push…, Push Image…: each asks only what it must, remembers
// the tag, platforms and whether to sign per Dockerfile (workspace state), and runs as a `buildx` task.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SecretSource } from '../../core/builds';
import type { DockerfileModel } from '../../core/dockerfile/model';
import { secretMountIds } from '../../core/dockerfile/mounts';
import { DOCKERFILE_GLOB, isDockerfileName } from '../documents';
import type { LoadCore } from '../coreBundle';
import { readDockerfileText } from './readDockerfile';
import { refusalInUntrustedWorkspace, type BuildAction } from './session';
import { definitionFor } from './taskDefinition';
import type { BuildTaskProvider } from './taskProvider';
import type { TargetItem } from './targetsTree';

/** What is remembered per Dockerfile: never a secret's value, only where it comes from. */
interface Remembered {
  tag?: string;
  platforms?: string[];
  secrets?: SecretSource[];
  /** Build and Push…: sign the pushed digest with cosign. */
  sign?: boolean;
}

type CommandArg = vscode.Uri | TargetItem | undefined;

export function registerBuildCommands(
  state: vscode.Memento,
  provider: BuildTaskProvider,
  loadCore: LoadCore,
): vscode.Disposable[] {
  const run = (action: BuildAction, askTarget: boolean) => async (arg: CommandArg) =>
    buildCommandFlow(
      state,
      provider,
      (text) => loadCore().then((e) => e.parseDockerfile(text)),
      action,
      askTarget,
      arg,
    );
  return [
    vscode.commands.registerCommand('dockwright.buildImage', run('build', false)),
    vscode.commands.registerCommand('dockwright.buildTarget', run('build', true)),
    // the Build Targets view's inline action on a stage: Build Target… with the stage already chosen
    vscode.commands.registerCommand('dockwright.buildStage', run('build', true)),
    vscode.commands.registerCommand('dockwright.buildAndPush', run('buildAndPush', false)),
    vscode.commands.registerCommand('dockwright.pushImage', run('push', false)),
  ];
}

async function buildCommandFlow(
  state: vscode.Memento,
  provider: BuildTaskProvider,
  parse: (text: string) => Promise<DockerfileModel>,
  action: BuildAction,
  askTarget: boolean,
  arg: CommandArg,
): Promise<vscode.TaskExecution | undefined> {
  const refusal = refusalInUntrustedWorkspace();
  if (refusal) {
    void vscode.window.showErrorMessage(refusal);
    return undefined;
  }
  const dockerfile = await pickDockerfile(arg);
  if (!dockerfile) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(dockerfile);
  if (!folder) {
    void vscode.window.showErrorMessage('Dockwright builds Dockerfiles inside an open workspace folder.');
    return undefined;
  }
  const key = `dockwright.build:${dockerfile.toString()}`;
  const remembered = state.get<Remembered>(key) ?? {};
  let text: string;
  try {
    text = await readDockerfileText(dockerfile);
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Dockwright: ${vscode.workspace.asRelativePath(dockerfile)}: ${error instanceof Error ? error.message : String(error)}.`,
    );
    return undefined;
  }
  const model = await parse(text);

  let target: string | undefined;
  if (arg && !(arg instanceof vscode.Uri) && arg.kind === 'stage') target = arg.stage.target;
  else if (askTarget) {
    const named = model.stages.filter((s) => s.name);
    if (!named.length) {
      void vscode.window.showInformationMessage(
        'This Dockerfile has no named stage (FROM … AS name) to build as a target.',
      );
      return undefined;
    }
    target = (
      await vscode.window.showQuickPick(
        named.map((s) => ({ label: s.name!, description: `FROM ${s.base}` })),
        { title: 'Build target', placeHolder: 'Stage to build' },
      )
    )?.label;
    if (!target) return undefined;
  }

  const tag = await vscode.window.showInputBox({
    title: action === 'push' ? 'Push image' : 'Image tag',
    prompt:
      action === 'build'
        ? 'Tag for the image (leave empty for none)'
        : 'Image to push, with its registry, e.g. registry.example.com/team/app:1.0',
    value: remembered.tag ?? defaultTag(dockerfile, target),
    validateInput: (v) =>
      v.trim() === '' && action !== 'build'
        ? 'A tag is needed to push.'
        : /\s/.test(v.trim())
          ? 'A tag has no spaces.'
          : undefined,
  });
  if (tag === undefined) return undefined;

  let platforms = remembered.platforms;
  if (action === 'buildAndPush') {
    const answer = await vscode.window.showInputBox({
      title: 'Platforms',
      prompt: 'Platforms, comma-separated (empty: the engine’s own)',
      value: (platforms ?? []).join(','),
    });
    if (answer === undefined) return undefined;
    platforms = answer
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
  }

  let sign = remembered.sign;
  if (action === 'buildAndPush') {
    sign = await askSign(remembered.sign ?? false);
    if (sign === undefined) return undefined;
  }

  let secrets = remembered.secrets;
  if (action !== 'push') {
    secrets = await pickSecrets(secretMountIds(model), remembered.secrets ?? []);
    if (!secrets) return undefined;
  }
  await state.update(key, { tag: tag.trim() || undefined, platforms, secrets, sign } satisfies Remembered);

  const definition = {
    ...definitionFor(dockerfile, folder, target),
    ...(tag.trim() ? { tags: [tag.trim()] } : {}),
    ...(platforms?.length && action === 'buildAndPush' ? { platforms } : {}),
    ...(secrets?.length ? { secrets } : {}),
  };
  const name = `${action === 'push' ? 'push' : action === 'buildAndPush' ? 'build and push' : 'build'} ${tag.trim() || path.basename(dockerfile.fsPath)}`;
  return vscode.tasks.executeTask(provider.task(definition, folder, name, action, action === 'buildAndPush' && sign));
}

/** Whether to sign the pushed digest with cosign; last time's answer first, so that Enter keeps it. */
async function askSign(last: boolean): Promise<boolean | undefined> {
  const items = [
    { label: 'Sign the pushed image', description: 'cosign signs the digest the push reports', sign: true },
    { label: 'Do not sign', sign: false },
  ];
  const picked = await vscode.window.showQuickPick(last ? items : items.reverse(), {
    title: 'Sign the pushed image?',
    placeHolder: 'cosign, with dockwright.signing.key',
  });
  return picked?.sign;
}

function defaultTag(dockerfile: vscode.Uri, target?: string): string {
  const folder =
    path
      .basename(path.dirname(dockerfile.fsPath))
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '') || 'image';
  return `${folder}${target ? `-${target}` : ''}:latest`;
}

async function pickDockerfile(arg: CommandArg): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (arg && 'uri' in arg) return arg.uri;
  const active = vscode.window.activeTextEditor?.document;
  if (
    active &&
    (active.languageId === 'dockerfile' || isDockerfileName(active.uri.path)) &&
    active.uri.scheme === 'file'
  )
    return active.uri;
  const files = await vscode.workspace.findFiles(DOCKERFILE_GLOB, undefined, 200);
  if (files.length === 1) return files[0];
  if (!files.length) {
    void vscode.window.showInformationMessage('No Dockerfile in this workspace.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Dockerfile to build' },
  );
  return picked?.uri;
}

/** The ids of the secrets the Dockerfile mounts (`RUN --mount=type=secret,id=…`). */
/** For each secret the Dockerfile needs, a file or an environment variable; never a typed value. */
async function pickSecrets(ids: string[], known: SecretSource[]): Promise<SecretSource[] | undefined> {
  const out: SecretSource[] = [];
  for (const id of ids) {
    const previous = known.find((s) => s.id === id);
    const choice = await vscode.window.showQuickPick(
      [
        ...(previous
          ? [{ label: `Keep: ${'src' in previous ? previous.src : `$${previous.env}`}`, value: 'keep' }]
          : []),
        { label: 'From a file…', value: 'file' },
        { label: 'From an environment variable…', value: 'env' },
        { label: 'Leave it out', value: 'skip' },
      ],
      { title: `Build secret '${id}'`, placeHolder: 'Where the build reads this secret from' },
    );
    if (!choice) return undefined;
    if (choice.value === 'keep' && previous) out.push(previous);
    if (choice.value === 'file') {
      const file = await vscode.window.showOpenDialog({ title: `File holding secret '${id}'`, canSelectMany: false });
      if (!file?.[0]) return undefined;
      out.push({ id, src: file[0].fsPath });
    }
    if (choice.value === 'env') {
      const env = await vscode.window.showInputBox({
        title: `Variable holding secret '${id}'`,
        prompt: 'Name of an environment variable (its value is never stored)',
        value: id.toUpperCase().replace(/\W/g, '_'),
        validateInput: (v) =>
          /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? undefined : 'A variable name: letters, digits and _.',
      });
      if (!env) return undefined;
      out.push({ id, env });
    }
  }
  return out;
}
