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
 * The checks one option of `# check=…` names, as written (`all` included): `skip=…`, or
 * `experimental=…`; the options are separated by `;` (`skip=all;error=true`).
 */
export function checkOption(directives: readonly TopDirective[], key: 'skip' | 'experimental'): string[] {
  const check = directives.find((d) => d.name === 'check');
  const value = check?.value
    .split(';')
    .map((option) => new RegExp(`^\\s*${key}\\s*=(.*)$`, 'i').exec(option)?.[1])
    .find((v) => v !== undefined);
  return value ? value.split(',').map((name) => name.trim()) : [];
}
