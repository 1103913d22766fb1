// After a build, each instruction shows how long it took or that it came from cache, at the end
// of its first line. Editing any line of the instruction clears its note: the number no longer
// describes that text.
import * as vscode from 'vscode';
import type { StepNote } from '../../core/builds';

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
  set(uri: vscode.Uri, notes: StepNote[]): void {
    this.notes.set(uri.toString(), notes);
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
      notes = notes
        .filter((n) => n.endLine < first || n.line > last)
        .map((n) => (n.line > last ? { ...n, line: n.line + added, endLine: n.endLine + added } : n));
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
