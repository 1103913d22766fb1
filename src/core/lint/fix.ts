// Applies text edits to a string: the same edits the VS Code adapter hands to a WorkspaceEdit.
import { lineStarts, offsetAt } from '../text';
import type { TextEdit } from '../types';

/** Applies non-overlapping edits; they may come in any order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits
    .map((e) => ({
      start: offsetAt(text, starts, e.range.start),
      end: offsetAt(text, starts, e.range.end),
      text: e.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const span of spans) {
    if (span.end > limit) throw new Error('Fix edits overlap.');
    out = out.slice(0, span.start) + span.text + out.slice(span.end);
    limit = span.start;
  }
  return out;
}
