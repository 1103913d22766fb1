// Parser directives as BuildKit reads them: `# key=value` lines at the very top of the file. The
// first line that is not one (a blank line, another comment, an instruction, an unknown key, a key
// seen before) ends them, and a `# check=…` below that point is an ordinary comment.
import type { Range } from '../types';

/** The directives BuildKit knows; any other key ends the directives. */
const KNOWN = new Set(['syntax', 'escape', 'check']);
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

export interface TopDirective {
  /** Lower-cased, as BuildKit matches it. */
  name: string;
  value: string;
  range: Range;
}

/** The directives at the top of a Dockerfile; a `#!` first line is passed over, as BuildKit does. */
export function topDirectives(lines: readonly string[]): TopDirective[] {
  const found: TopDirective[] = [];
  for (let line = lines[0]?.startsWith('#!') ? 1 : 0; line < lines.length; line++) {
    // from the line's first character: BuildKit reads `syntax` and `check` from the raw lines
    const m = DIRECTIVE.exec(lines[line]);
    const name = m?.[1].toLowerCase();
    if (!m || !name || !KNOWN.has(name) || found.some((d) => d.name === name)) break;
    found.push({
      name,
      value: m[2],
      range: { start: { line, character: 0 }, end: { line, character: lines[line].length } },
    });
  }
  return found;
}

/**
 * The checks `# check=skip=…` names, as written (`all` included); its other options (`error=true`,
 * `experimental=…`) are separated by `;`.
 */
export function checkSkips(directives: readonly TopDirective[]): string[] {
  const check = directives.find((d) => d.name === 'check');
  const skip = check?.value
    .split(';')
    .map((option) => /^\s*skip\s*=(.*)$/i.exec(option)?.[1])
    .find((value) => value !== undefined);
  return skip ? skip.split(',').map((name) => name.trim()) : [];
}
