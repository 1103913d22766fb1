// Dockwright's commands for the editor: the palette's fix-all, and the ones code actions run.
import * as vscode from 'vscode';
import { ADD_SECRET_TO_TASK_COMMAND } from '../builds/secretTask';
import {
  AFTER_FIX_COMMAND,
  SILENCE_COMMAND,
  type AfterFix,
  type DockwrightCodeActions,
  type SilenceChoice,
} from './codeActions';
import { isDockerfile } from '../documents';
import { setRuleLevel } from './settings';

const FIX_ALL_COMMAND = 'dockwright.fixAll';

export function registerCommands(actions: DockwrightCodeActions): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(AFTER_FIX_COMMAND, afterFix),
    vscode.commands.registerCommand(SILENCE_COMMAND, silence),
    vscode.commands.registerCommand(FIX_ALL_COMMAND, async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || !isDockerfile(doc))
        return void vscode.window.showInformationMessage('Dockwright: open a Dockerfile to fix.');
      const action = await actions.fixAllAction(doc);
      if (!action?.edit) return void vscode.window.showInformationMessage('Dockwright: no safe fixes to apply.');
      await vscode.workspace.applyEdit(action.edit);
    }),
  ];
}

/** Opens the files a fix created, then shows its note (not awaited: it stays until dismissed). */
async function afterFix({ note, dockerfile, secrets, created }: AfterFix): Promise<void> {
  for (const uri of created) await vscode.window.showTextDocument(uri, { preview: false });
  if (note) void showNote(note, dockerfile, secrets);
}

/** The pick list of the "Ignore or disable" entry: an ignore comment, or the rule off in settings. */
async function silence(choices: SilenceChoice[]): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    choices.map((choice) => ({ label: choice.label, choice })),
    { title: 'Ignore or disable a Dockwright rule' },
  );
  if (picked?.choice.edit) await vscode.workspace.applyEdit(picked.choice.edit);
  else if (picked?.choice.disable) await setRuleLevel(picked.choice.disable.rule, 'off', picked.choice.disable.uri);
}

/** A fix's note; when the fix needs build secrets, it offers to add them to the build task. */
async function showNote(note: string, dockerfile: vscode.Uri, secrets: AfterFix['secrets']): Promise<void> {
  const canAdd = dockerfile.scheme === 'file' && secrets?.length;
  const ADD = 'Add to Build Task';
  const choice = await vscode.window.showInformationMessage(note, ...(canAdd ? [ADD] : []));
  if (choice === ADD) await vscode.commands.executeCommand(ADD_SECRET_TO_TASK_COMMAND, dockerfile, secrets);
}
