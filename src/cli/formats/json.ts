// `--format json`: a plain array of findings, 1-based lines and columns (end column exclusive).
import { printableJson } from '../../core/printable';
import type { FileReport } from '../lintFile';
import { displayPath } from './paths';

export interface JsonFinding {
  file: string;
  rule: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fixes: { title: string; safe: boolean }[];
}

function toJsonFindings(r: FileReport, cwd: string): JsonFinding[] {
  return r.diagnostics.map((d) => ({
    file: displayPath(r.file, cwd),
    rule: d.rule,
    severity: d.severity,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    message: d.message,
    fixes: d.fixes.map((f) => ({ title: f.title, safe: f.safe })),
  }));
}

/** Text gathered before it is written: a write each, not one string of every finding at once. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The findings as one JSON array, the text `JSON.stringify(findings, null, 2)` would make, in
 * pieces of about 64 KB: 5,000 files' findings are never one string and its copy in memory.
 */
export function* formatJson(reports: readonly FileReport[], cwd: string): Generator<string> {
  let chunk = '';
  let empty = true;
  for (const report of reports)
    for (const finding of toJsonFindings(report, cwd)) {
      // an element of an array indented by 2: its own lines one level in (strings hold no raw newline)
      chunk += (empty ? '[\n  ' : ',\n  ') + JSON.stringify(finding, null, 2).replace(/\n/g, '\n  ');
      empty = false;
      if (chunk.length < CHUNK_CHARS) continue;
      yield printableJson(chunk);
      chunk = '';
    }
  yield printableJson(empty ? '[]\n' : `${chunk}\n]\n`);
}
