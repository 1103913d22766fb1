// Code actions over the core's fixes: one QuickFix per fix (preferred when safe), the registry
// fixes when a resolver is there, then one entry to ignore or disable the rules there, and
// source.fixAll.dockwright.
import * as vscode from 'vscode';
import type { ImageResolver } from '../../core/rule';
import type { Diagnostic, Fix } from '../../core/types';
import {
  addContextEdits,
  contextUri,
  minimalReplacement,
  ruleOf,
  sameRange,
  toRange,
  toWorkspaceEdit,
} from './convert';
import { isDockerfile } from '../documents';
import type { DockerfileLinter, LintResult } from './linter';
import type { CoreBundle } from '../coreBundle';
import type { Log } from '../log';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('dockwright');
export const AFTER_FIX_COMMAND = 'dockwright.afterFix';
export const SILENCE_COMMAND = 'dockwright.silence';

/** What the user learns after a fix: its note, the build secrets it needs, the files it created (to open). */
export interface AfterFix {
  note?: string;
  dockerfile: vscode.Uri;
  secrets?: Fix['secrets'];
  created: vscode.Uri[];
}

/** One way to silence a rule, as the silence command's pick list shows it. */
export interface SilenceChoice {
  label: string;
  /** The ignore comment to insert; absent for the settings entry. */
  edit?: vscode.WorkspaceEdit;
  /** The rule to turn off in the settings of this document's folder. */
  disable?: { rule: string; uri: vscode.Uri };
}

export interface CodeActionDeps {
  linter: DockerfileLinter;
  loadCore: () => Promise<CoreBundle>;
  /** The registry client, once one is configured; the fixes that need it are not offered without. */
  resolver: () => ImageResolver | undefined;
  log: Log;
}

export class DockwrightCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly deps: CodeActionDeps) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    if (!isDockerfile(doc)) return [];
    const actions: vscode.CodeAction[] = [];
    // Fix-all lints several times over, so it is computed only when asked for (on save, Source Action…).
    if (context.only?.contains(FIX_ALL_KIND)) {
      const fixAll = await this.fixAllAction(doc);
      if (fixAll) actions.push(fixAll);
    }
    if (!context.only || context.only.contains(vscode.CodeActionKind.QuickFix)) {
      const ours = context.diagnostics.filter((d) => ruleOf(d));
      if (ours.length) actions.push(...(await this.quickFixes(doc, ours, token)));
    }
    return actions;
  }

  /** Every safe fix, applied and linted again until none is left, as one WorkspaceEdit. */
  async fixAllAction(doc: vscode.TextDocument): Promise<vscode.CodeAction | undefined> {
    const prepared = await this.deps.linter.prepare(doc);
    if (!prepared) return undefined;
    const before = doc.getText();
    const result = prepared.core.fixAllSafe(before, prepared.options);
    // Not edit.size, which leaves out the creation of a file: a missing .dockerignore may be all there is.
    const changes = prepared.core.fixAllChanges(before, result, !!prepared.contextFolder);
    if (!changes) return undefined;
    const edit = new vscode.WorkspaceEdit();
    const replacement = changes.text === undefined ? undefined : minimalReplacement(doc, changes.text);
    if (replacement) edit.set(doc.uri, [replacement]);
    addContextEdits(edit, changes.contextEdits, prepared.contextFolder);
    const action = new vscode.CodeAction('Fix all safe Dockwright problems', FIX_ALL_KIND);
    action.edit = edit;
    return action;
  }

  private async quickFixes(
    doc: vscode.TextDocument,
    diagnostics: vscode.Diagnostic[],
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const result = await this.deps.linter.current(doc);
    if (!result || token.isCancellationRequested) return [];
    const core = await this.deps.loadCore();
    // The fixes of every finding here first, then one entry for all the ways to silence them: the
    // menu leads with fixes, and however many rules fire here, silencing takes one line of it.
    const fixes: vscode.CodeAction[] = [];
    const found: [Diagnostic, vscode.Diagnostic][] = [];
    for (const vsDiagnostic of diagnostics) {
      const rule = ruleOf(vsDiagnostic)!;
      const finding = result.diagnostics.find((d) => d.rule === rule && sameRange(vsDiagnostic.range, d.range));
      if (!finding) continue; // from an older version of the text: the next lint replaces it
      found.push([finding, vsDiagnostic]);
      const registry = await this.registryFixes(core, result, finding, token);
      for (const fix of [...finding.fixes, ...registry.fixes]) {
        const action = this.fixAction(doc, fix, vsDiagnostic, result);
        if (action) fixes.push(action);
      }
      // the registry's failure goes on the diagnostic: VS Code hides a disabled action beside enabled ones
      if (registry.failure) this.deps.linter.explain(doc, result, finding, `No registry fix: ${registry.failure}`);
    }
    return found.length ? [...fixes, this.silenceAction(doc, core, result, found)] : fixes;
  }

  private fixAction(
    doc: vscode.TextDocument,
    fix: Fix,
    diagnostic: vscode.Diagnostic,
    result: LintResult,
  ): vscode.CodeAction | undefined {
    const edit = toWorkspaceEdit(doc.uri, fix, result.contextFolder);
    if (!edit) return undefined;
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = edit;
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.safe;
    const created = (fix.contextEdits ?? []).filter((e) => e.create).map((e) => contextUri(result.contextFolder!, e));
    if (fix.note || created.length) {
      const after: AfterFix = { note: fix.note, dockerfile: doc.uri, secrets: fix.secrets, created };
      action.command = { command: AFTER_FIX_COMMAND, title: 'Show what this fix made or needs', arguments: [after] };
    }
    return action;
  }

  /**
   * Fixes that need registry answers (tags, digests), asked for only when the user looks; when
   * there are none because a registry failed, why (the resolver swallows its errors).
   */
  private async registryFixes(
    core: CoreBundle,
    result: LintResult,
    finding: Diagnostic,
    token: vscode.CancellationToken,
  ): Promise<{ fixes: Fix[]; failure?: string }> {
    const resolver = this.deps.resolver();
    const rule = core.rulesById.get(finding.rule);
    if (!resolver || !rule?.resolveFixes) return { fixes: [] };
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    const asked: string[] = [];
    const recording: ImageResolver = {
      listTags: (image, signal) => (asked.push(image), resolver.listTags(image, signal)),
      digest: (image, signal) => (asked.push(image), resolver.digest(image, signal)),
    };
    try {
      const ctx = {
        dockerfile: core.parseDockerfile(result.text),
        context: result.options.context,
        target: result.options.target,
        trustedRegistries: result.options.trustedRegistries,
      };
      const fixes = await rule.resolveFixes(ctx, finding, recording, abort.signal);
      if (fixes.length || abort.signal.aborted) return { fixes };
      return { fixes, failure: asked.map((image) => resolver.failure?.(image)).find(Boolean) };
    } catch (error) {
      if (!abort.signal.aborted)
        this.deps.log.error(`${finding.rule}: the registry fixes could not be resolved`, error);
      return { fixes: [] };
    } finally {
      cancel.dispose();
    }
  }

  /**
   * One entry that opens a pick list: for each rule here, its ignore comment above the instruction
   * (as the core writes it) and turning it off in the settings.
   */
  private silenceAction(
    doc: vscode.TextDocument,
    core: CoreBundle,
    result: LintResult,
    found: [Diagnostic, vscode.Diagnostic][],
  ): vscode.CodeAction {
    const model = core.parseDockerfile(result.text);
    const rules = [...new Map(found.map(([finding]) => [finding.rule, finding])).values()];
    const choices = rules.flatMap((finding): SilenceChoice[] => {
      const comment = core.ignoreCommentEdit(model, finding.rule, finding.range);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, toRange(comment.range), comment.newText);
      return [
        { label: `Ignore ${finding.rule} for this instruction`, edit },
        { label: `Disable ${finding.rule} in settings`, disable: { rule: finding.rule, uri: doc.uri } },
      ];
    });
    const title = rules.length === 1 ? `Ignore or disable ${rules[0].rule}…` : 'Ignore or disable a rule here…';
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.command = { command: SILENCE_COMMAND, title, arguments: [choices] };
    action.diagnostics = found.map(([, d]) => d);
    return action;
  }
}
