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

function toJsonFindings(reports: readonly FileReport[], cwd: string): JsonFinding[] {
  return reports.flatMap((r) =>
    r.diagnostics.map((d) => ({
      file: displayPath(r.file, cwd),
      rule: d.rule,
      severity: d.severity,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      message: d.message,
      fixes: d.fixes.map((f) => ({ title: f.title, safe: f.safe })),
    })),
  );
}

export function formatJson(reports: readonly FileReport[], cwd: string): string {
  return printableJson(JSON.stringify(toJsonFindings(reports, cwd), null, 2)) + '\n';
}
