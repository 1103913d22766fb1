// Maps the core's LSP-shaped data to VS Code objects and back. Knows nothing of what a rule means.
import * as vscode from 'vscode';
import type { ContextFileEdit, Diagnostic, Fix, Range, Severity } from '../../core/types';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** How info-level findings show (`dockwright.lint.infoSeverity`): dots (hint), or underlined and in Problems. */
export type InfoSeverity = 'hint' | 'information';

function severity(level: Severity, info: InfoSeverity): vscode.DiagnosticSeverity {
  if (level === 'error') return vscode.DiagnosticSeverity.Error;
  if (level === 'warning') return vscode.DiagnosticSeverity.Warning;
  return info === 'hint' ? vscode.DiagnosticSeverity.Hint : vscode.DiagnosticSeverity.Information;
}

const DIAGNOSTIC_SOURCE = 'dockwright';

export function toDiagnostic(
  d: Diagnostic,
  uri: vscode.Uri,
  docUrl: (id: string) => string,
  info: InfoSeverity,
): vscode.Diagnostic {
  const out = new vscode.Diagnostic(toRange(d.range), d.message, severity(d.severity, info));
  out.source = DIAGNOSTIC_SOURCE;
  out.code = { value: d.rule, target: vscode.Uri.parse(docUrl(d.rule)) };
  if (d.related?.length) {
    out.relatedInformation = d.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message),
    );
  }
  return out;
}

/** The rule id of one of our diagnostics, or undefined for another extension's. */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function sameRange(a: vscode.Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/**
 * One WorkspaceEdit for a fix: the Dockerfile's edits and the edits to other files of the build
 * context (created when missing). Undefined when the fix needs a context the editor doesn't have.
 */
export function toWorkspaceEdit(
  uri: vscode.Uri,
  fix: Fix,
  contextFolder: vscode.Uri | undefined,
): vscode.WorkspaceEdit | undefined {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(uri, toRange(e.range), e.newText);
  return addContextEdits(edit, fix.contextEdits ?? [], contextFolder) ? edit : undefined;
}

/** Adds edits of build-context files to `edit`; false when there are some but no context folder. */
export function addContextEdits(
  edit: vscode.WorkspaceEdit,
  files: readonly ContextFileEdit[],
  contextFolder: vscode.Uri | undefined,
): boolean {
  if (files.length && !contextFolder) return false;
  for (const file of files) {
    const target = contextUri(contextFolder!, file);
    if (file.create) {
      // Written straight to disk; if the file appeared meanwhile it is left alone, not prepended to.
      edit.createFile(target, {
        ignoreIfExists: true,
        contents: new TextEncoder().encode(file.edits.map((e) => e.newText).join('')),
      });
    } else {
      for (const e of file.edits) edit.replace(target, toRange(e.range), e.newText);
    }
  }
  return true;
}

/** Where a context file edit writes. */
export function contextUri(contextFolder: vscode.Uri, file: ContextFileEdit): vscode.Uri {
  return vscode.Uri.joinPath(contextFolder, ...file.path.split('/'));
}

/** The smallest single replacement that turns `before` into `after` (keeps the cursor and undo tidy). */
export function minimalReplacement(doc: vscode.TextDocument, after: string): vscode.TextEdit | undefined {
  const before = doc.getText();
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  const range = new vscode.Range(doc.positionAt(start), doc.positionAt(before.length - end));
  return new vscode.TextEdit(range, after.slice(start, after.length - end));
}
