// One build (or push) run: the engine's commands one after another, output streamed to a writer,
// progress to the status bar and a cancellable notification, the failing line to a diagnostic,
// and the step timings to the Dockerfile's lines.
import * as vscode from 'vscode';
import type { BuildSpec, EngineCommand, ProgressFormat } from '../../core/builds';
import { MAX_DOCKERFILE_BYTES, readRegularFile } from '../../core/files';
import { printable } from '../../core/printable';
import type { CoreBundle } from '../coreBundle';
import type { LoadCore } from '../coreBundle';
import type { EngineSettings } from './engineSettings';
import type { BuildStatusBar } from './statusBar';
import type { StepNotes } from './stepNotes';
import { buildName } from './taskDefinition';

export type BuildAction = 'build' | 'buildAndPush' | 'push';

export interface BuildRequest {
  spec: BuildSpec;
  action: BuildAction;
}

/** What a build says as it runs: the terminal's text, then its end. The API passes these on. */
export type BuildEvent =
  { type: 'output'; build: string; text: string } | { type: 'end'; build: string; exitCode: number };

export interface BuildServices {
  loadCore: LoadCore;
  events: vscode.EventEmitter<BuildEvent>;
  engines: EngineSettings;
  statusBar: BuildStatusBar;
  notes: StepNotes;
  diagnostics: vscode.DiagnosticCollection;
}

/** Terminal text: the engine writes `\n`, a terminal wants `\r\n`. */
function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Why a build does not start, in red. A message may quote tasks.json or a setting: its
 * controls are shown as `\u001b`, not acted on. */
export function writeRefusal(write: (text: string) => void, message: string): void {
  write(toTerminal(`\x1b[31m${printable(message)}\x1b[0m\n`));
}

export function refusalInUntrustedWorkspace(): string | undefined {
  return vscode.workspace.isTrusted
    ? undefined
    : 'Dockwright does not run builds in an untrusted workspace. Trust the workspace to build.';
}

/** Runs the request; resolves to the exit code of the first command that failed, or 0. */
export async function runBuild(
  request: BuildRequest,
  services: BuildServices,
  write: (text: string) => void,
  signal: AbortSignal,
): Promise<number> {
  const refusal = refusalInUntrustedWorkspace();
  if (refusal) {
    write(toTerminal(`${refusal}\n`));
    return 1;
  }
  const { spec } = request;
  const core = await services.loadCore();
  const {
    BuildSpecError,
    buildAndPushCommands,
    buildCommand,
    buildSummary,
    checkBuilder,
    CommandStartError,
    EngineNotFoundError,
    failureMessage,
    isRemoteContext,
    pushCommand,
    runCommand,
    stepNotes,
  } = core;
  const remote = isRemoteContext(spec.context);
  // a remote context's Dockerfile is no file here: its build gets no notes and no marks
  const dockerfileUri = remote ? undefined : vscode.Uri.file(spec.dockerfile ?? `${spec.context}/Dockerfile`);
  let commands: (EngineCommand & { progress?: ProgressFormat })[];
  try {
    const engine = await services.engines.engine();
    commands =
      request.action === 'push'
        ? (spec.tags ?? []).map((tag) => pushCommand(tag, engine))
        : request.action === 'buildAndPush'
          ? buildAndPushCommands(spec, engine)
          : [buildCommand(spec, engine)];
    if (!commands.length) throw new BuildSpecError('tags', 'Nothing to push: give at least one tag.');
    if (request.action !== 'push') await checkBuilder(spec, engine);
  } catch (error) {
    if (error instanceof BuildSpecError || error instanceof EngineNotFoundError) {
      writeRefusal(write, error.message);
      return 2;
    }
    throw error;
  }
  // stopped while the engine was looked up: nothing has started, and nothing will
  if (signal.aborted) return 130;
  const model = dockerfileUri && readModel(core, dockerfileUri);
  const name = buildName(spec);
  services.statusBar.start(name);
  try {
    return await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Dockwright: ${request.action === 'push' ? 'pushing' : 'building'} ${name}`,
        cancellable: true,
      },
      async (progress, token) => {
        const cancel = new AbortController();
        token.onCancellationRequested(() => cancel.abort());
        // a stop since the check above: a listener added now would never hear of it
        if (signal.aborted) cancel.abort();
        else signal.addEventListener('abort', () => cancel.abort(), { once: true });
        for (const command of commands) {
          // the arguments hold tasks.json's values and stage names: shown, not acted on
          write(toTerminal(`\x1b[2m> ${printable([command.command, ...command.args].join(' '))}\x1b[0m\n`));
          const result = await runCommand(command, {
            signal: cancel.signal,
            dockerfile: command.progress ? model : undefined,
            // every path is absolute by now; a remote context is no folder to run in
            cwd: remote ? undefined : spec.context,
            onOutput: (chunk) => write(toTerminal(chunk.text)),
            onProgress: (event) => {
              if (event.type !== 'step') return;
              services.statusBar.step(name, event.step);
              if (event.step.state === 'running' && !event.step.internal)
                progress.report({ message: event.step.instruction });
            },
          }).catch((error: unknown) => {
            if (error instanceof CommandStartError) {
              writeRefusal(write, error.message);
              return undefined;
            }
            throw error;
          });
          if (!result) return 127;
          // a cancelled build says nothing about the Dockerfile: keep the last build's notes and marks
          if (command.progress && !result.cancelled && dockerfileUri) {
            services.notes.set(dockerfileUri, stepNotes(result.progress.instructionSteps));
            const { failure } = result; // only a build that failed has one
            reportFailure(
              services.diagnostics,
              dockerfileUri,
              failure && { line: failure.line, message: failureMessage(failure) },
              model?.lines.length,
            );
          }
          if (result.cancelled) {
            write(toTerminal('\n\x1b[33mBuild cancelled.\x1b[0m\n'));
            return result.exitCode || 130;
          }
          if (command.progress) {
            const summary = buildSummary({ ...result, tag: spec.tags?.[0] });
            write(toTerminal(`\n${result.exitCode === 0 ? '\x1b[32m' : '\x1b[31m'}${printable(summary)}\x1b[0m\n`));
          }
          if (result.exitCode !== 0) return result.exitCode;
        }
        return 0;
      },
    );
  } finally {
    services.statusBar.end();
  }
}

function readModel({ parseDockerfile }: CoreBundle, uri: vscode.Uri) {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  // as dockwright lint reads it: a FIFO would hang here, a huge file is parsed by no one
  const read = open ? undefined : readRegularFile(uri.fsPath, MAX_DOCKERFILE_BYTES);
  if (read && 'error' in read) return undefined; // the engine says what is wrong with it itself
  const text = open ? open.getText() : read!.bytes.toString('utf8');
  if (Buffer.byteLength(text, 'utf8') > MAX_DOCKERFILE_BYTES) return undefined;
  try {
    return parseDockerfile(text);
  } catch {
    return undefined;
  }
}

/** A failed build marks its instruction; a successful one clears the mark. */
function reportFailure(
  diagnostics: vscode.DiagnosticCollection,
  uri: vscode.Uri,
  failure: { message: string; line?: number } | undefined,
  lineCount = 1,
): void {
  if (!failure) {
    diagnostics.delete(uri);
    return;
  }
  const line = Math.min(failure.line ?? 0, Math.max(lineCount - 1, 0));
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
    failure.message,
    vscode.DiagnosticSeverity.Error,
  );
  diagnostic.source = 'dockwright-build';
  diagnostics.set(uri, [diagnostic]);
}
