// Keeps the diagnostics of open Dockerfiles current: lint on open, on change after a short idle,
// on settings and context changes; a result for an old version of a document is dropped.
import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/types';
import type { BuildContexts } from './buildContext';
import { ruleOf, sameRange, toDiagnostic, type InfoSeverity } from './convert';
import { DOCKERFILE_GLOB, isDockerfile } from '../documents';
import type { CoreBundle, LintOptions } from '../coreBundle';
import type { Log } from '../log';
import type { SettingsReader } from './settings';
import { overSizeLimit, sizeLimitMessage, SizeNotices } from './sizeLimit';

const CHANGE_DEBOUNCE_MS = 150;

/** What the code actions need of a lint: the findings with their fixes, for one document version. */
export interface LintResult {
  version: number;
  text: string;
  diagnostics: Diagnostic[];
  options: LintOptions;
  contextFolder?: vscode.Uri;
}

/** Everything needed to lint a document now, or undefined when linting is off for it. */
export interface Prepared {
  core: CoreBundle;
  options: LintOptions;
  infoSeverity: InfoSeverity;
  contextFolder?: vscode.Uri;
}

export interface LinterDeps {
  loadCore: () => Promise<CoreBundle>;
  settings: SettingsReader;
  contexts: BuildContexts;
  log: Log;
}

export class DockerfileLinter implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('dockwright');
  private readonly results = new Map<string, LintResult>();
  /** Each open document's lint session: an edit parses again only the instructions it touched. */
  private readonly sessions = new Map<string, InstanceType<CoreBundle['LintSession']>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The newest lint started for each document: an older one finishing later must not win. */
  private readonly latestRun = new Map<string, number>();
  private runs = 0;
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private watching = false;
  /**
   * The build contexts' files as last read, for contexts inside the workspace: a file watcher
   * clears them on any change there, so typing in a Dockerfile asks the disk nothing.
   */
  private contextReads?: InstanceType<CoreBundle['ContextReads']>;
  /** Documents over the size limit, told about once. */
  private readonly sizeNotices = new SizeNotices();

  constructor(private readonly deps: LinterDeps) {}

  /** Subscribes to the editor's events and lints the Dockerfiles already open. */
  start(): void {
    const w = vscode.workspace;
    this.disposables.push(
      w.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      w.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document, CHANGE_DEBOUNCE_MS)),
      w.onDidCloseTextDocument((doc) => {
        this.clear(doc.uri);
        this.sizeNotices.forget(doc.uri.toString());
      }),
      w.onDidDeleteFiles((e) => e.files.forEach((uri) => this.clearUnder(uri))),
      w.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('dockwright')) return;
        this.deps.settings.invalidate();
        this.relintOpen();
      }),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.onTabsChanged(e)),
      this.deps.contexts.onDidChange(() => this.relintOpen()),
    );
    for (const doc of w.textDocuments) this.schedule(doc, 0);
  }

  /** Lints after `delayMs` of quiet; a newer call for the same document replaces it. */
  schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!isDockerfile(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.lintNow(doc).catch((error) => this.deps.log.error(`lint of ${doc.uri.fsPath} failed`, error));
      }, delayMs),
    );
  }

  /** The result for the document as it is now, linting it if needed; undefined when linting is off. */
  async current(doc: vscode.TextDocument): Promise<LintResult | undefined> {
    const hit = this.results.get(doc.uri.toString());
    return hit && hit.version === doc.version ? hit : this.lintNow(doc);
  }

  async lintNow(doc: vscode.TextDocument): Promise<LintResult | undefined> {
    const key = doc.uri.toString();
    const run = ++this.runs;
    this.latestRun.set(key, run);
    const version = doc.version;
    const prepared = await this.prepare(doc);
    // While the core bundle loaded, the document may have changed, closed, or a newer lint started.
    if (this.latestRun.get(key) !== run || doc.isClosed || doc.version !== version) return undefined;
    if (!prepared) {
      this.clear(doc.uri);
      return undefined;
    }
    const text = doc.getText();
    let session = this.sessions.get(key);
    if (!session) this.sessions.set(key, (session = new prepared.core.LintSession()));
    const diagnostics = session.lint(text, prepared.options);
    const result: LintResult = {
      version,
      text,
      diagnostics,
      options: prepared.options,
      contextFolder: prepared.contextFolder,
    };
    this.results.set(key, result);
    this.collection.set(
      doc.uri,
      diagnostics.map((d) => toDiagnostic(d, doc.uri, prepared.core.ruleDocUrl, prepared.infoSeverity)),
    );
    return result;
  }

  /** The core bundle and the options for linting this document, or undefined when linting is off
   * (by the settings, or for a document over the size limit). */
  async prepare(doc: vscode.TextDocument): Promise<Prepared | undefined> {
    const core = await this.deps.loadCore();
    this.watchFiles();
    const settings = this.deps.settings.read(doc.uri, core);
    if (!settings.enabled) return undefined;
    if (this.tooLarge(doc)) return undefined;
    const location = this.deps.contexts.locate(doc.uri);
    const contextFolder = location?.folder.scheme === 'file' ? location.folder : undefined;
    this.contextReads ??= new core.ContextReads();
    const watched = contextFolder && vscode.workspace.getWorkspaceFolder(contextFolder) ? this.contextReads : undefined;
    const options: LintOptions = {
      rules: settings.rules,
      hadolintLevels: settings.hadolintLevels,
      trustedRegistries: settings.trustedRegistries,
      target: location?.target,
      context:
        contextFolder &&
        core.folderContext(contextFolder.fsPath, doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined, watched),
      onRuleError: (rule, error) => this.deps.log.error(`rule ${rule.id} failed on ${doc.uri.fsPath}`, error),
    };
    return { core, options, contextFolder, infoSeverity: settings.infoSeverity };
  }

  /**
   * Adds a line to a finding's related information (its hover and its entry in Problems), until
   * the next lint: why it has no fix. Nothing when the document moved on since `result`.
   */
  explain(doc: vscode.TextDocument, result: LintResult, finding: Diagnostic, why: string): void {
    if (this.results.get(doc.uri.toString()) !== result || doc.version !== result.version) return;
    const shown = this.collection.get(doc.uri) ?? [];
    const at = shown.findIndex((d) => ruleOf(d) === finding.rule && sameRange(d.range, finding.range));
    if (at < 0 || shown[at].relatedInformation?.some((r) => r.message === why)) return;
    const old = shown[at];
    const explained = new vscode.Diagnostic(old.range, old.message, old.severity);
    explained.source = old.source;
    explained.code = old.code;
    explained.relatedInformation = [
      ...(old.relatedInformation ?? []),
      new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, old.range), why),
    ];
    this.collection.set(
      doc.uri,
      shown.map((d, i) => (i === at ? explained : d)),
    );
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.latestRun.delete(key);
    this.results.delete(key);
    this.sessions.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  /** Over the size limit dockwright lint has too (MAX_DOCKERFILE_BYTES): said once, in the log and a message. */
  private tooLarge(doc: vscode.TextDocument): boolean {
    const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    const tooLarge = overSizeLimit(length, () => doc.getText());
    if (this.sizeNotices.shouldTell(doc.uri.toString(), tooLarge)) {
      const message = sizeLimitMessage(vscode.workspace.asRelativePath(doc.uri));
      this.deps.log.info(message);
      void vscode.window.showInformationMessage(`Dockwright: ${message}`);
    }
    return tooLarge;
  }

  private relintOpen(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /** A deleted folder takes the diagnostics of every Dockerfile under it along. */
  private clearUnder(deleted: vscode.Uri): void {
    const prefix = deleted.toString().replace(/\/?$/, '/');
    this.collection.forEach((uri) => {
      if (uri.toString() === deleted.toString() || uri.toString().startsWith(prefix)) this.clear(uri);
    });
  }

  private onTabsChanged(e: vscode.TabChangeEvent): void {
    for (const tab of e.closed) {
      const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
      if (uri && !isShownInTab(uri)) this.clear(uri);
    }
    for (const tab of e.opened) {
      const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
      const doc = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      // A document kept in memory after its tab closed comes back without an open event.
      if (doc && !this.results.has(doc.uri.toString())) this.schedule(doc, 0);
    }
  }

  /** Created on the first lint, not at activation: .dockerignore and .hadolint.yaml feed the rules. */
  private watchFiles(): void {
    if (this.watching) return;
    this.watching = true;
    const inputs = vscode.workspace.createFileSystemWatcher(
      '**/{.dockerignore,*.dockerignore,.hadolint.yaml,.hadolint.yml}',
    );
    const changed = () => {
      this.contextReads?.clear();
      this.deps.settings.invalidate();
      this.relintOpen();
    };
    const dockerfiles = vscode.workspace.createFileSystemWatcher(DOCKERFILE_GLOB, true, true, false);
    const anyFile = vscode.workspace.createFileSystemWatcher('**/*');
    const forget = () => this.contextReads?.clear();
    this.disposables.push(
      inputs,
      inputs.onDidCreate(changed),
      inputs.onDidChange(changed),
      inputs.onDidDelete(changed),
      dockerfiles,
      dockerfiles.onDidDelete((uri) => this.clear(uri)),
      anyFile,
      anyFile.onDidCreate(forget),
      anyFile.onDidChange(forget),
      anyFile.onDidDelete(forget),
    );
  }
}

/** Whether a text or diff tab still shows the file. */
function isShownInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some(
      ({ input }) =>
        (input instanceof vscode.TabInputText && input.uri.toString() === key) ||
        (input instanceof vscode.TabInputTextDiff && input.modified.toString() === key),
    ),
  );
}
