// A question in a modal dialog, e.g. before something is deleted. VS Code refuses to show a modal
// dialog in an extension test run (its dialog service throws), so the project's host tests answer
// it through a test hook instead (testHooks.ts, registered only in such a run).
import * as vscode from 'vscode';

const answers: string[] = [];
const answered: string[] = [];

/** The test hook's side: the next question gets `answer`; returns the questions answered so far. */
export function answerNextModal(answer: string): string[] {
  answers.push(answer);
  return [...answered];
}

/** Asks `message` in a modal warning; resolves to the button chosen, or undefined when cancelled. */
export async function askModal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
  const answer = answers.shift();
  if (answer === undefined) return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  answered.push(message);
  return buttons.includes(answer) ? answer : undefined;
}
