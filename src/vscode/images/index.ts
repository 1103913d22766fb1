// Wires image sizes into VS Code: the Show Image Layers… command and its view. The sizes after a
// build come through the step notes (BuildSizes, made with the builds).
import * as vscode from 'vscode';
import type { LoadCore } from '../coreBundle';
import type { EngineSettings } from '../builds/engineSettings';
import type { StepNotes } from '../builds/stepNotes';
import type { BuiltFromRecord } from './builtFrom';
import { ImageLayersPanel } from './layersPanel';
import { showImageLayers, type ShowImageLayersArg } from './showImageLayers';

export interface ImagesApi {
  panel: ImageLayersPanel;
}

export function registerImages(
  context: vscode.ExtensionContext,
  services: { loadCore: LoadCore; engines: EngineSettings; notes: StepNotes; builtFrom: BuiltFromRecord },
): ImagesApi {
  const openRule = async (id: string) => {
    const { ruleDocUrl } = await services.loadCore();
    return vscode.env.openExternal(vscode.Uri.parse(ruleDocUrl(id)));
  };
  const panel = new ImageLayersPanel(context.extensionUri, openRule);
  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand('dockwright.showImageLayers', (arg: ShowImageLayersArg) =>
      showImageLayers({ ...services, panel }, arg),
    ),
  );
  return { panel };
}
