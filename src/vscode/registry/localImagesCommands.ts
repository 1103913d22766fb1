// The actions on a row of the Images root: Show Image Layers, Tag…, Push…, Remove, Copy ID, Open
// Dockerfile. Each names the image by the reference or ID the row was checked to have; a failure is
// shown once (guarded); Push… runs as the push task Push Image… runs, refused in Restricted Mode.
import * as vscode from 'vscode';
import type { Engine } from '../../core/builds';
import { refusalInUntrustedWorkspace } from '../builds/session';
import { TASK_TYPE, type BuildTaskDefinition } from '../builds/taskDefinition';
import type { BuildTaskProvider } from '../builds/taskProvider';
import type { LoadCore } from '../coreBundle';
import { askModal } from '../modal';
import { guarded } from './guarded';
import { IMAGES_ROOT, rowReference, type LocalImageNode } from './localImagesTree';
import type { RegistriesTree } from './tree';

type ImageNode = Extract<LocalImageNode, { kind: 'localImage' }>;

export interface LocalImageCommandDeps {
  tree: RegistriesTree;
  engine: () => Promise<Engine>;
  loadCore: LoadCore;
  provider: BuildTaskProvider;
}

export function registerLocalImageCommands({ tree, engine, loadCore, provider }: LocalImageCommandDeps) {
  const core = async () => (await loadCore()).localImages;
  /** Asks for a new name for the image, checked as the engine will take it; undefined when cancelled. */
  const askName = async (title: string, value: string): Promise<string | undefined> => {
    const { newReference, newReferenceProblem } = await core();
    const answer = await vscode.window.showInputBox({
      title,
      prompt: 'Image reference: [registry/]repository[:tag], e.g. 127.0.0.1:5000/team/app:1.0',
      value,
      validateInput: (text) => newReferenceProblem(text),
    });
    return answer === undefined ? undefined : newReference(answer);
  };
  return [
    vscode.commands.registerCommand(
      'dockwright.images.showLayers',
      guarded(async ({ image }: ImageNode) =>
        vscode.commands.executeCommand('dockwright.showImageLayers', {
          image: rowReference(image),
          ...(image.dockerfile ? { dockerfile: image.dockerfile } : {}),
        }),
      ),
    ),
    vscode.commands.registerCommand(
      'dockwright.images.tag',
      guarded(async ({ image }: ImageNode) => {
        const target = await askName(`Tag ${rowReference(image)}`, image.reference ?? '');
        if (!target) return undefined;
        await (await core()).tagImage(await engine(), rowReference(image), target);
        tree.refresh(IMAGES_ROOT);
        return target;
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.images.push',
      guarded(async ({ image }: ImageNode) => {
        const refusal = refusalInUntrustedWorkspace({ doing: 'push images', to: 'push' });
        if (refusal) throw new Error(refusal);
        const folder = vscode.workspace.workspaceFolders?.[0];
        if (!folder) throw new Error('Dockwright pushes from inside an open workspace folder.');
        const target = await askName(`Push ${rowReference(image)}`, image.reference ?? '');
        if (!target) return undefined;
        // pushed under the name typed: tagged with it first when it is a new one
        if (target !== image.reference) {
          await (await core()).tagImage(await engine(), rowReference(image), target);
          tree.refresh(IMAGES_ROOT);
        }
        const definition: BuildTaskDefinition = { type: TASK_TYPE, context: '.', tags: [target] };
        return vscode.tasks.executeTask(provider.task(definition, folder, `push ${target}`, 'push'));
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.images.remove',
      guarded(async ({ image }: ImageNode) => {
        const name = rowReference(image);
        const answer = await askModal(
          `Remove ${image.reference ?? `the untagged image ${name.slice(7, 19)}`}?`,
          image.reference
            ? 'The tag goes; the image goes with it when no other tag names it.'
            : 'The image and the layers no other image uses go.',
          'Remove',
        );
        if (answer !== 'Remove') return false;
        await (await core()).removeLocalImage(await engine(), name);
        tree.refresh(IMAGES_ROOT);
        return true;
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.images.copyId',
      guarded(async ({ image }: ImageNode) => {
        // checked as a sha256 digest when it was listed
        await vscode.env.clipboard.writeText(image.id);
        void vscode.window.setStatusBarMessage(`Copied: ${image.id}`, 3000);
        return image.id;
      }),
    ),
    vscode.commands.registerCommand(
      'dockwright.images.openDockerfile',
      guarded(async ({ image }: ImageNode) => image.dockerfile && vscode.window.showTextDocument(image.dockerfile)),
    ),
  ];
}
