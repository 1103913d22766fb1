// The tests' hands on the workbench: what no API reaches (the quick input a command opens, a
// notification's buttons, another extension's tree rows, pictures) is done by the wrapper
// test/host/vscode-ext-test.cjs with playwright, on request. A request is a file in
// DOCKWRIGHT_SCREENSHOT_DIR naming steps in turn; the wrapper answers once all are done.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitFor } from './helpers';
import { skipOrFail } from '../../support/skipOrFail';

const requests = process.env.DOCKWRIGHT_SCREENSHOT_DIR;
const pictures = process.env.DOCKWRIGHT_SCREENSHOT_OUT;

/** One thing the wrapper does on the page (playwright selectors; `text` keeps only elements showing it). */
export type UiStep =
  | { waitFor: string; text?: string; state?: 'visible' | 'hidden'; timeoutMs?: number }
  | { click: string; text?: string; timeoutMs?: number }
  | { type: string }
  | { press: string }
  | { read: string; text?: string; timeoutMs?: number }
  /** Clicks the tree row labelled `expand` while it is collapsed, until `until` shows. */
  | { expand: string; until: string; timeoutMs?: number }
  /** Notes when each terminal row matching the regular expression is first drawn, from now on. */
  | { watchTerminal: string }
  /** Those rows with their times, as JSON, into what ui() resolves with; stops watching. */
  | { watchedTerminal: true };

/** Why the wrapper cannot act here, or undefined when it can. */
export function uiMissing(): string | undefined {
  return requests && pictures
    ? undefined
    : 'DOCKWRIGHT_SCREENSHOT_DIR is not set: run the host tests through test/host/run.mjs, whose wrapper acts on the page';
}

/** For a suite's before(): skips without the wrapper (fails with CI=true, where it must be there). */
export function requireUi(context: Mocha.Context): void {
  const missing = uiMissing();
  if (!missing) return;
  skipOrFail(context, missing);
}

let sequence = 0;

/**
 * Has the wrapper run `steps` on the page (and save a picture to `out`, if given); resolves with
 * what the `read` steps read. Fails with the step that failed and what the page showed then.
 */
export async function ui(name: string, steps: UiStep[], out?: string): Promise<string[]> {
  const missing = uiMissing();
  if (missing) throw new Error(missing);
  const id = `${name}-${process.pid}-${++sequence}`;
  const request = path.join(requests!, `${id}.request.json`);
  const response = path.join(requests!, `${id}.response.json`);
  fs.mkdirSync(requests!, { recursive: true });
  // written whole, then renamed: the wrapper never reads half a request
  fs.writeFileSync(`${request}.tmp`, JSON.stringify({ steps, out }));
  fs.renameSync(`${request}.tmp`, request);
  // each step may wait its own timeout; the wrapper answers after the last one
  const budget = steps.reduce((sum, s) => sum + ('timeoutMs' in s && s.timeoutMs ? s.timeoutMs : 30_000), 0) + 30_000;
  await waitFor(
    `the wrapper to answer request ${id} (${JSON.stringify(steps)})`,
    () => fs.existsSync(response),
    undefined,
    budget,
  );
  const answer = JSON.parse(fs.readFileSync(response, 'utf8')) as { ok: boolean; error?: string; read: string[] };
  fs.rmSync(response, { force: true });
  assert.ok(answer.ok, `${name}: ${answer.error}`);
  return answer.read;
}

/** Saves `<name>.png` of the workbench once `selector` is visible, after the `before` steps. */
export async function screenshot(name: string, selector: string, before: UiStep[] = []): Promise<Buffer> {
  const file = path.join(pictures ?? '', `${name}.png`);
  fs.rmSync(file, { force: true });
  await ui(name, [...before, { waitFor: selector }], file);
  const png = fs.readFileSync(file);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.ok(png.length > 20_000, `a real picture of the workbench, not an empty page (${png.length} bytes)`);
  return png;
}

/** The quick input (input box or pick list) while it shows `title`. */
export const quickInputTitled = (title: string): UiStep => ({
  waitFor: '.quick-input-widget .quick-input-title',
  text: title,
});

/** The quick input's text box. */
export const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';

/** A button of the notification toast whose text includes `toast`. */
export const toastButton = (toast: string, label: string): UiStep => ({
  click: `.notification-toast:has-text(${JSON.stringify(toast)}) .monaco-button`,
  text: label,
});
