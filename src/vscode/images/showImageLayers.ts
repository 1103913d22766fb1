// Show Image Layers…: a local image's sizes on the Dockerfile it was built from, and the Image
// Layers view with its wasted bytes. It takes the image from its argument (a reference, or a tree
// item `{ image }` such as the Registries view's local images pass) or asks for one, and the
// Dockerfile from the argument, the record of the build that made the image, the open editor, or
// the workspace's Dockerfiles.
import * as vscode from 'vscode';
import type { Engine } from '../../core/builds';
import type { LayerMapping } from '../../core/images';
import type { CoreBundle, LoadCore } from '../coreBundle';
import type { EngineSettings } from '../builds/engineSettings';
import { readModel, refusalInUntrustedWorkspace } from '../builds/session';
import type { StepNotes } from '../builds/stepNotes';
import { DOCKERFILE_GLOB, isDockerfileName } from '../documents';
import type { BuiltFromRecord } from './builtFrom';
import type { ImageLayersPanel } from './layersPanel';
import { layersModel, wasteState, type LayersModel } from './layersModel';
import { readLayers } from './readLayers';
import { sizeNotes } from './sizeNotes';

/** The command's argument: an image reference, or an item carrying one (and maybe its Dockerfile). */
export type ShowImageLayersArg =
  string | { image: string; dockerfile?: vscode.Uri | string; target?: string } | undefined;

/** What the command did, for tests: the model it showed, or the message it showed instead. */
export type ShowImageLayersResult = { shown: LayersModel } | { error: string } | undefined;

export interface ImageLayersDeps {
  loadCore: LoadCore;
  engines: EngineSettings;
  notes: StepNotes;
  builtFrom: BuiltFromRecord;
  panel: ImageLayersPanel;
}

/** An image reference as the engine takes one: no spaces, no option-like start. */
const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/;

function imageOf(arg: ShowImageLayersArg): string | undefined {
  const image = typeof arg === 'string' ? arg : arg && typeof arg === 'object' ? arg.image : undefined;
  return typeof image === 'string' ? image.trim() : undefined;
}

function dockerfileOf(arg: ShowImageLayersArg): vscode.Uri | undefined {
  const given = arg && typeof arg === 'object' ? arg.dockerfile : undefined;
  if (given instanceof vscode.Uri) return given;
  return typeof given === 'string' && given ? vscode.Uri.file(given) : undefined;
}

async function askImage(): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: 'Show Image Layers',
    prompt: 'A local image: its name and tag, or its ID',
    placeHolder: 'e.g. app:latest',
    validateInput: (v) => (!v.trim() || IMAGE_REF.test(v.trim()) ? undefined : 'An image name, name:tag or ID.'),
  });
  return answer?.trim() || undefined;
}

const NO_DOCKERFILE = 'No Dockerfile: sizes by history entry';

/** The open Dockerfile, the workspace's only one, or the one picked (none: sizes by history entry). */
async function askDockerfile(): Promise<vscode.Uri | null | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (
    active &&
    active.uri.scheme === 'file' &&
    (active.languageId === 'dockerfile' || isDockerfileName(active.uri.path))
  )
    return active.uri;
  const files = await vscode.workspace.findFiles(DOCKERFILE_GLOB, undefined, 200);
  if (files.length === 1) return files[0];
  if (!files.length) return null;
  const picked = await vscode.window.showQuickPick(
    [
      ...files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri: uri as vscode.Uri | null })),
      { label: NO_DOCKERFILE, uri: null },
    ],
    { title: 'The Dockerfile the image was built from', placeHolder: 'Its instructions get the sizes' },
  );
  return picked?.uri;
}

/** The failures the engine's answers become, said as they are; anything else is a bug, and thrown. */
function knownFailure(core: CoreBundle, error: unknown): string | undefined {
  const { images } = core;
  const kinds = [
    images.ImageNotFoundError,
    images.EngineUnavailableError,
    images.ImageCommandError,
    images.ImageArchiveError,
    images.UnreadableOutputError,
    core.EngineNotFoundError,
  ];
  return kinds.some((kind) => error instanceof kind) ? (error as Error).message : undefined;
}

export async function showImageLayers(deps: ImageLayersDeps, arg: ShowImageLayersArg): Promise<ShowImageLayersResult> {
  const fail = (message: string): ShowImageLayersResult => {
    void vscode.window.showErrorMessage(`Dockwright: ${message}`);
    return { error: message };
  };
  const refusal = refusalInUntrustedWorkspace({ doing: 'read images', to: 'show image layers' });
  if (refusal) return fail(refusal);
  const image = imageOf(arg) ?? (await askImage());
  if (!image) return undefined;
  if (!IMAGE_REF.test(image)) return fail(`'${image}' is not an image reference.`);
  const origin = deps.builtFrom.origin(image);
  const target = (arg && typeof arg === 'object' ? arg.target : undefined) ?? origin?.target;
  const asked = dockerfileOf(arg) ?? origin?.dockerfile ?? (await askDockerfile());
  if (asked === undefined) return undefined;
  const dockerfile = asked ?? undefined;

  const core = await deps.loadCore();
  const model = dockerfile && readModel(core, dockerfile);
  if (dockerfile && !model)
    return fail(`${vscode.workspace.asRelativePath(dockerfile)} cannot be read as a Dockerfile.`);
  let engine: Engine;
  let read: Awaited<ReturnType<typeof readLayers>>;
  try {
    engine = await deps.engines.engine();
    read = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Dockwright: reading ${image}`, cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return readLayers(core, engine, image, model ? { model, target } : undefined, abort.signal);
      },
    );
  } catch (error) {
    const message = knownFailure(core, error);
    if (message === undefined) throw error;
    return fail(message);
  }
  const { facts, mapping } = read;
  if (dockerfile && model && mapping?.mapped) deps.notes.setSizes(dockerfile, sizeNotes(mapping, model));
  const shown = layersModel({
    image,
    engine: engine.kind,
    facts,
    dockerfile: dockerfile && vscode.workspace.asRelativePath(dockerfile),
    model,
    mapping,
  });
  void readWaste(deps, core, engine, image, shown, dockerfile, mapping);
  return { shown };
}

/** Streams `image save` for the wasted bytes, with a notification to cancel it, as the view's button does. */
async function readWaste(
  deps: ImageLayersDeps,
  core: CoreBundle,
  engine: Engine,
  image: string,
  shown: LayersModel,
  dockerfile: vscode.Uri | undefined,
  mapping: LayerMapping | undefined,
): Promise<void> {
  const abort = new AbortController();
  const token = deps.panel.show(shown, dockerfile, () => abort.abort());
  try {
    const report = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Dockwright: reading the layers of ${image} for wasted bytes`,
        cancellable: true,
      },
      async (_progress, cancel) => {
        cancel.onCancellationRequested(() => abort.abort());
        const saved = await core.images.readImageArchive(engine, image, { signal: abort.signal });
        return core.images.attributeWaste(saved, mapping);
      },
    );
    deps.panel.setWaste(token, wasteState(report));
  } catch (error) {
    if (abort.signal.aborted) return deps.panel.setWaste(token, { state: 'cancelled', message: 'Cancelled.' });
    const message = knownFailure(core, error) ?? (error instanceof Error ? error.message : String(error));
    deps.panel.setWaste(token, { state: 'failed', message: `The layers could not be read: ${message}` });
  }
}
