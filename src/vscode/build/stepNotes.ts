// After a build, each instruction shows how long it took or that it came from cache, at the end
// of its line. Editing a line clears its note: the number no longer describes that text.
import * as vscode from 'vscode';
import type { BuildStep } from '../../core/build';

export interface StepNote {
  line: number;
  text: string;
}

/** `cached`, or the duration, e.g. `1.2 s`; nothing for steps that never finished. */
export function noteFor(step: BuildStep): string | undefined {
  if (step.state === 'cached') return 'cached';
  if (step.state === 'error') return 'failed';
  if (step.state !== 'done' || step.durationMs === undefined) return undefined;
  return step.durationMs < 1000 ? `${step.durationMs} ms` : `${(step.durationMs / 1000).toFixed(1)} s`;
}

export class StepNotes implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    isWholeLine: false,
  });
  private readonly notes = new Map<string, StepNote[]>();
  private readonly listeners = [
    vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)),
    vscode.window.onDidChangeVisibleTextEditors(() => this.paintAll()),
  ];

  /** Replaces a Dockerfile's notes with those of the build that just ended. */
  set(uri: vscode.Uri, steps: readonly BuildStep[]): void {
    const byLine = new Map<number, string>();
    for (const step of steps) {
      const text = !step.internal && step.line !== undefined ? noteFor(step) : undefined;
      if (text && step.line !== undefined) byLine.set(step.line, text);
    }
    this.notes.set(uri.toString(), [...byLine].map(([line, text]) => ({ line, text })));
    this.paintAll();
  }

  /** The notes of a Dockerfile now shown, for tests. */
  get(uri: vscode.Uri): readonly StepNote[] {
    return this.notes.get(uri.toString()) ?? [];
  }

  private edited(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    let notes = this.notes.get(key);
    if (!notes || !e.contentChanges.length) return;
    for (const change of e.contentChanges) {
      const first = change.range.start.line;
      const last = change.range.end.line;
      const added = change.text.split('\n').length - 1 - (last - first);
      notes = notes.filter((n) => n.line < first || n.line > last).map((n) => (n.line > last ? { ...n, line: n.line + added } : n));
    }
    this.notes.set(key, notes);
    this.paintAll();
  }

  private paintAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const notes = this.notes.get(editor.document.uri.toString()) ?? [];
      editor.setDecorations(
        this.decoration,
        notes
          .filter((n) => n.line < editor.document.lineCount)
          .map((n) => {
            const end = editor.document.lineAt(n.line).range.end;
            return { range: new vscode.Range(end, end), renderOptions: { after: { contentText: `⏱ ${n.text}` } } };
          }),
      );
    }
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.decoration.dispose();
  }
}
