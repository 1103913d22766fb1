// Plain, LSP-shaped data: positions are 0-based, like VS Code's, so adapters map them one to one.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'info';
export type Level = Severity | 'off';

/** An edit to a file other than the Dockerfile, e.g. `.dockerignore`, relative to the build context. */
export interface ContextFileEdit {
  /** Path relative to the build context, with `/` separators. */
  path: string;
  /** Set when the file does not exist yet: it is created with `newText` of the single edit. */
  create?: boolean;
  edits: TextEdit[];
}

export interface Fix {
  title: string;
  /** Safe fixes need no choice from the user: fix-all and `--fix` apply only these. */
  safe: boolean;
  /** Edits to the Dockerfile itself. */
  edits: TextEdit[];
  /** Edits to other files in the build context. */
  contextEdits?: ContextFileEdit[];
  /** Something the user must know after applying it, e.g. the `--secret` flag a build now needs. */
  note?: string;
  /** Build secrets the fixed Dockerfile now expects, for the editor to offer adding them to a task. */
  secrets?: { id: string; env?: string; src?: string }[];
}

export interface RelatedInfo {
  range: Range;
  message: string;
}

/** What a rule's check() reports; lint() adds the rule id and the effective severity. */
export interface Finding {
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
}

export interface Diagnostic extends Finding {
  rule: string;
  severity: Severity;
  fixes: Fix[];
}
