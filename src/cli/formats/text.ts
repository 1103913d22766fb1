// `--format text`: findings grouped by file, coloured only for a terminal. File names and messages
// come from the repository: their control characters are shown as `\u001b` (see core/printable.ts).
import { printable } from '../../core/printable';
import type { Severity } from '../../core/types';
import type { FileReport } from '../lintFile';
import { displayPath } from './paths';

const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 } as const;
type Colour = keyof typeof CODES;
const SEVERITY_COLOUR: Record<Severity, Colour> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** Colour when stdout is a terminal and NO_COLOR is unset or empty (no-color.org). */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return !!stream.isTTY && !env.NO_COLOR;
}

export function formatText(reports: readonly FileReport[], cwd: string, colour: boolean): string {
  const paint = (c: Colour, s: string) => (colour ? `\x1b[${CODES[c]}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let fixed = 0;
  for (const report of reports) {
    fixed += report.fixed;
    if (!report.diagnostics.length) continue;
    lines.push(paint('bold', printable(displayPath(report.file, cwd))));
    const width = Math.max(
      ...report.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`.length),
    );
    for (const d of report.diagnostics) {
      counts[d.severity]++;
      const at = `${d.range.start.line + 1}:${d.range.start.character + 1}`.padEnd(width);
      const fixable = d.fixes.some((f) => f.safe) ? paint('dim', ' (fixable)') : '';
      lines.push(
        `  ${paint('dim', at)}  ${paint(SEVERITY_COLOUR[d.severity], d.severity.padEnd(7))}  ${printable(d.message)}  ${paint('dim', printable(d.rule))}${fixable}`,
      );
    }
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.info;
  const files = reports.filter((r) => !r.error).length;
  // nothing linted: stderr says why, and "No problems in 0 files" would read as a clean run
  if (!files) return '';
  const summary = total
    ? `${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info) in ${files} file${files === 1 ? '' : 's'}`
    : `No problems in ${files} file${files === 1 ? '' : 's'}`;
  lines.push(paint(total ? (counts.error ? 'red' : counts.warning ? 'yellow' : 'cyan') : 'green', summary));
  if (fixed) lines.push(paint('green', `${fixed} fix${fixed === 1 ? '' : 'es'} applied`));
  return lines.join('\n') + '\n';
}
