// One build (or push) run: the engine's commands one after another, output streamed to a writer,
// progress to the status bar and a cancellable notification, the failing line to a diagnostic,
// and the step timings to the Dockerfile's lines.
import * as vscode from 'vscode';
import type {
  BuildSpec,
  Engine,
  EngineCommand,
  ProgressFormat,
  RunResult,
  StepNote,
  UsableBuilder,
} from '../../core/builds';
import type { DockerfileModel } from '../../core/dockerfile/model';
import { MAX_DOCKERFILE_BYTES, readRegularFile } from '../../core/files';
import { printable } from '../../core/printable';
import type { CoreBundle } from '../coreBundle';
import type { LoadCore } from '../coreBundle';
import type { BuilderChoice } from './builders';
import type { EngineSettings } from './engineSettings';
import {
  discardPushReport,
  pushReport,
  recordPushOutput,
  signPushed,
  type PushReport,
  type PushSigner,
} from './signStep';
import type { BuildStatusBar } from './statusBar';
import type { StepNotes } from './stepNotes';
import { buildName } from './taskDefinition';

export type BuildAction = 'build' | 'buildAndPush' | 'push';

export interface BuildRequest {
  spec: BuildSpec;
  action: BuildAction;
  /** Build and Push…'s last step: sign the pushed digest with cosign. */
  sign?: boolean;
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
  /** The builder chosen for the workspace (Select Builder…). */
  builders: BuilderChoice;
  /** Signs what Build and Push… pushed, when asked to (the Registries view's SigningService). */
  signer?: PushSigner;
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

export function refusalInUntrustedWorkspace(
  action: { doing: string; to: string } = { doing: 'run builds', to: 'build' },
): string | undefined {
  return vscode.workspace.isTrusted
    ? undefined
    : `Dockwright does not ${action.doing} in an untrusted workspace. Trust the workspace to ${action.to}.`;
}

/** A build ready to run: its commands, and where its steps' notes and failure marks go. */
export interface BuildPlan {
  /** Short, for the status bar and the notification. */
  name: string;
  action: BuildAction;
  commands: (EngineCommand & { progress?: ProgressFormat; pushes?: string })[];
  cwd?: string;
  /** The Dockerfile the runner maps steps to (a bake run maps them itself, in `marks`). */
  model?: DockerfileModel;
  /** The Dockerfile a build reads, when it is a file here. */
  dockerfile?: vscode.Uri;
  tag?: string;
  /** The notes and failure mark of each Dockerfile a finished (not cancelled) build read. */
  marks(result: RunResult): DockerfileMarks[];
  /** Set when the pushed digest is to be signed: where the push says which digest it pushed. */
  pushed?: PushReport;
}

export interface DockerfileMarks {
  uri: vscode.Uri;
  notes: StepNote[];
  /** Set when the build failed on this file. */
  failure?: { message: string; line?: number };
  lineCount?: number;
}

/** Runs the request; resolves to the exit code of the first command that failed, or 0. */
export async function runBuild(
  request: BuildRequest,
  services: BuildServices,
  write: (text: string) => void,
  signal: AbortSignal,
): Promise<number> {
  let planned: BuildPlan | undefined;
  const exitCode = await runPlanned(
    async () => (planned = await planBuild(request, services)),
    services,
    write,
    signal,
  );
  if (!planned?.pushed) return exitCode;
  // a failed or cancelled build and push has nothing to sign
  if (exitCode !== 0) {
    discardPushReport(planned.pushed);
    return exitCode;
  }
  return signPushed(planned.pushed, services.signer, services.loadCore, write);
}

/**
 * Makes the plan, then runs it. Whatever refuses the build before it starts (a field, the engine,
 * an unknown builder, a bake file buildx cannot read) is written in red, with what the engine
 * said about it, and nothing runs.
 */
export async function runPlanned(
  plan: () => Promise<BuildPlan>,
  services: BuildServices,
  write: (text: string) => void,
  signal: AbortSignal,
): Promise<number> {
  const refusal = refusalInUntrustedWorkspace();
  if (refusal) {
    write(toTerminal(`${refusal}\n`));
    return 1;
  }
  const core = await services.loadCore();
  let planned: BuildPlan;
  try {
    planned = await plan();
  } catch (error) {
    if (!isRefusal(core, error)) throw error;
    const details = 'details' in error && Array.isArray(error.details) ? (error.details as string[]) : [];
    if (details.length) write(toTerminal(`\x1b[2m${details.map(printable).join('\n')}\x1b[0m\n`));
    writeRefusal(write, error.message);
    return 2;
  }
  // stopped while the engine was looked up: nothing has started, and nothing will
  if (signal.aborted) return 130;
  return runPlan(planned, services, write, signal);
}

function isRefusal(core: CoreBundle, error: unknown): error is Error {
  const kinds = [
    core.BuildSpecError,
    core.EngineNotFoundError,
    core.BuilderError,
    core.EngineQueryError,
    core.BakeSpecError,
    core.BakeFileError,
    core.BakeDefinitionError,
  ];
  return kinds.some((kind) => error instanceof kind);
}

/** The builder a buildx build runs on: the task's, else the one chosen for the workspace; checked. */
export async function chosenBuilder(
  services: BuildServices,
  engine: Engine,
  named: string | undefined,
): Promise<UsableBuilder | undefined> {
  const name = engine.kind === 'buildx' ? (named ?? services.builders.selected()) : undefined;
  if (!name) return undefined;
  const { checkBuilder } = await services.loadCore();
  return checkBuilder(engine, name);
}

async function planBuild(request: BuildRequest, services: BuildServices): Promise<BuildPlan> {
  const core = await services.loadCore();
  const {
    BuildSpecError,
    buildAndPushCommands,
    buildCommand,
    checkBuilderFeatures,
    failureMessage,
    isRemoteContext,
    onBuilder,
    pushCommand,
  } = core;
  const engine = await services.engines.engine();
  const builder = request.action === 'push' ? undefined : await chosenBuilder(services, engine, request.spec.builder);
  // the builder goes on by onBuilder (a docker context's builder is no --builder)
  const spec = builder ? { ...request.spec, builder: undefined } : request.spec;
  const remote = isRemoteContext(spec.context);
  // a remote context's Dockerfile is no file here: its build gets no notes and no marks
  const dockerfileUri = remote ? undefined : vscode.Uri.file(spec.dockerfile ?? `${spec.context}/Dockerfile`);
  // signing needs the digest the push reports: buildx and podman write it to a file, docker prints it
  const pushed =
    request.sign && request.action === 'buildAndPush'
      ? pushReport(engine.kind, spec.tags ?? [], spec.metadataFile)
      : undefined;
  const commands =
    request.action === 'push'
      ? (spec.tags ?? []).map((tag) => pushCommand(tag, engine))
      : request.action === 'buildAndPush'
        ? buildAndPushCommands(
            { ...spec, metadataFile: pushed?.metadataFile ?? spec.metadataFile },
            engine,
            pushed?.digestFiles,
          )
        : [buildCommand(spec, engine)];
  if (!commands.length) throw new BuildSpecError('tags', 'Nothing to push: give at least one tag.');
  if (request.action !== 'push') await checkBuilderFeatures(spec, engine, builder);
  const model = dockerfileUri && readModel(core, dockerfileUri);
  return {
    name: buildName(spec),
    action: request.action,
    commands: commands.map((c) =>
      builder && c.args[0] === 'buildx'
        ? onBuilder(c, builder)
        : pushed && c.args[0] === 'push'
          ? { ...c, pushes: c.args[c.args.length - 1] }
          : c,
    ),
    // every path is absolute by now; a remote context is no folder to run in
    cwd: remote ? undefined : spec.context,
    model,
    dockerfile: dockerfileUri,
    tag: spec.tags?.[0],
    pushed,
    marks: (result) => {
      if (!dockerfileUri) return [];
      const { failure } = result; // only a build that failed has one
      return [
        {
          uri: dockerfileUri,
          notes: core.stepNotes(result.progress.instructionSteps),
          failure: failure && { line: failure.line, message: failureMessage(failure) },
          lineCount: model?.lines.length,
        },
      ];
    },
  };
}

/** Runs a plan's commands one after another; resolves to the first failing exit code, or 0. */
async function runPlan(
  plan: BuildPlan,
  services: BuildServices,
  write: (text: string) => void,
  signal: AbortSignal,
): Promise<number> {
  const { buildSummary, CommandStartError, runCommand } = await services.loadCore();
  const { name } = plan;
  services.statusBar.start(name);
  try {
    return await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Dockwright: ${plan.action === 'push' ? 'pushing' : 'building'} ${name}`,
        cancellable: true,
      },
      async (progress, token) => {
        const cancel = new AbortController();
        token.onCancellationRequested(() => cancel.abort());
        // a stop since the check above: a listener added now would never hear of it
        if (signal.aborted) cancel.abort();
        else signal.addEventListener('abort', () => cancel.abort(), { once: true });
        for (const command of plan.commands) {
          // the arguments hold tasks.json's values and stage names: shown, not acted on
          write(toTerminal(`\x1b[2m> ${printable([command.command, ...command.args].join(' '))}\x1b[0m\n`));
          const result = await runCommand(command, {
            signal: cancel.signal,
            dockerfile: command.progress ? plan.model : undefined,
            cwd: plan.cwd,
            onOutput: (chunk) => {
              write(toTerminal(chunk.text));
              if (command.pushes && plan.pushed) recordPushOutput(plan.pushed, command.pushes, chunk.text);
            },
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
          if (command.progress && !result.cancelled) {
            for (const marks of plan.marks(result)) {
              services.notes.set(marks.uri, marks.notes);
              reportFailure(services.diagnostics, marks.uri, marks.failure, marks.lineCount);
            }
          }
          if (result.cancelled) {
            write(toTerminal('\n\x1b[33mBuild cancelled.\x1b[0m\n'));
            return result.exitCode || 130;
          }
          if (command.progress) {
            const summary = buildSummary({ ...result, tag: plan.tag });
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

/** The Dockerfile's model as the editor has it (open, or read as the CLI reads it), for the
 * runner to map steps to its lines; undefined when it cannot be read. */
export function readModel({ parseDockerfile }: CoreBundle, uri: vscode.Uri): DockerfileModel | undefined {
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
