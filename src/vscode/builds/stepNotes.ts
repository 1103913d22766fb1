// After a build, each instruction shows how long it took or that it came from cache, at the end
// of its first line; once the image is read, the bytes its layer added join the timing
// (`+84.2 MB · 12.3 s`). Editing any line of the instruction clears its note: the number no longer
// describes that text.
import * as vscode from 'vscode';
import type { BuildSpec, StepNote } from '../../core/builds';
import { joinNotes, type SizeNote } from '../images/sizeNotes';

/** Follows one build's output, and hears its end. */
export interface BuildFollower {
  output(text: string): void;
  ended(exitCode: number): void;
}

/** Reads the sizes of the image a build wrote, and draws them through `notes.setSizes`. */
export interface SizeSource {
  follow(spec: BuildSpec, notes: StepNotes): BuildFollower | undefined;
}

/** The notes with the lines of one change applied: those it touched go, those below it move. */
function afterChange<T extends StepNote>(notes: T[], change: vscode.TextDocumentContentChangeEvent): T[] {
  const first = change.range.start.line;
  const last = change.range.end.line;
  const added = change.text.split('\n').length - 1 - (last - first);
  return notes
    .filter((n) => n.endLine < first || n.line > last)
    .map((n) => (n.line > last ? { ...n, line: n.line + added, endLine: n.endLine + added } : n));
}

export class StepNotes implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    isWholeLine: false,
  });
  private readonly timings = new Map<string, StepNote[]>();
  private readonly sizes = new Map<string, SizeNote[]>();
  /** Bumped by each build's notes and each edit: sizes read for an older version are dropped. */
  private readonly versions = new Map<string, number>();
  private readonly listeners = [
    vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)),
    vscode.window.onDidChangeVisibleTextEditors(() => this.paintAll()),
  ];

  constructor(private readonly sizeSource?: SizeSource) {}

  /** Replaces a Dockerfile's notes with those of the build that just ended; its sizes come later. */
  set(uri: vscode.Uri, notes: StepNote[]): void {
    const key = uri.toString();
    this.timings.set(key, notes);
    this.sizes.delete(key);
    this.bump(key);
    this.paintAll();
  }

  /** The Dockerfile's notes' version now, to hand to setSizes once the image is read. */
  version(uri: vscode.Uri): number {
    return this.versions.get(uri.toString()) ?? 0;
  }

  /**
   * Draws the bytes each instruction added beside its timing; dropped (false) when a build or an
   * edit came since `version`, since the lines may no longer be those the sizes were mapped to.
   */
  setSizes(uri: vscode.Uri, sizes: SizeNote[], version = this.version(uri)): boolean {
    const key = uri.toString();
    if (version !== this.version(uri)) return false;
    this.sizes.set(key, sizes);
    this.paintAll();
    return true;
  }

  /** Follows a build, for the sizes of the image it writes (nothing follows a push). */
  followBuild(spec: BuildSpec): BuildFollower | undefined {
    return this.sizeSource?.follow(spec, this);
  }

  /** The build's timing notes of a Dockerfile now shown, for tests. */
  get(uri: vscode.Uri): readonly StepNote[] {
    return this.timings.get(uri.toString()) ?? [];
  }

  /** What is drawn on each line: size and timing joined, for tests. */
  painted(uri: vscode.Uri): StepNote[] {
    const key = uri.toString();
    return joinNotes(this.timings.get(key) ?? [], this.sizes.get(key) ?? []);
  }

  private bump(key: string): void {
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
  }

  private edited(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    if (!e.contentChanges.length || !(this.timings.has(key) || this.sizes.has(key))) return;
    for (const map of [this.timings, this.sizes]) {
      let notes = map.get(key);
      if (!notes) continue;
      for (const change of e.contentChanges) notes = afterChange(notes, change);
      map.set(key, notes);
    }
    this.bump(key);
    this.paintAll();
  }

  private paintAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const notes = this.painted(editor.document.uri);
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
