// One path component's wildcard (`*.csproj`, `package*.json`) as Go's filepath.Match reads it,
// which is what COPY sources use.

export function hasWildcard(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/**
 * `*` and `?` never match `/`; `[…]` classes as filepath.Match reads them, `\\` escapes. A `[`
 * that is never closed (filepath.Match's bad pattern) matches itself, not everything after it.
 */
export function globToRegExp(component: string): RegExp {
  const literal = (code: number) => `\\u{${code.toString(16)}}`;
  const body = tokensOf(component)
    .map((t) => {
      switch (t.kind) {
        case 'char':
          return literal(t.code);
        case 'any':
          return '[^/]';
        case 'star':
          return '[^/]*';
        case 'class':
          return `[${t.negated ? '^/' : ''}${t.ranges.map(([lo, hi]) => (lo === hi ? literal(lo) : `${literal(lo)}-${literal(hi)}`)).join('')}]`;
      }
    })
    .join('');
  return new RegExp(`^${body}$`, 'u');
}

// Whole paths of wildcards: COPY sources (filepath.Match in each component) and .dockerignore
// patterns (the same, plus `**` for any number of components), compared as Docker reads them.

type Token =
  | { kind: 'char'; code: number }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; negated: boolean; ranges: [number, number][] };

const SLASH = 0x2f;

/** One component in filepath.Match syntax: `\` escapes, `[…]` (`[^…]` negated); an unclosed `[` is literal. */
function tokensOf(component: string): Token[] {
  const chars = [...component].map((c) => c.codePointAt(0)!);
  const out: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === 0x2a) {
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === 0x3f) out.push({ kind: 'any' });
    else if (c === 0x5c && i + 1 < chars.length) out.push({ kind: 'char', code: chars[++i] });
    else if (c === 0x5b) {
      const cls = classAt(chars, i);
      if (cls) {
        out.push(cls.token);
        i = cls.end;
      } else out.push({ kind: 'char', code: c });
    } else out.push({ kind: 'char', code: c });
  }
  return out;
}

function classAt(chars: number[], start: number): { token: Token; end: number } | undefined {
  let i = start + 1;
  const negated = chars[i] === 0x5e;
  if (negated) i++;
  const ranges: [number, number][] = [];
  const read = () => (chars[i] === 0x5c ? chars[++i] : chars[i]);
  for (let first = true; i < chars.length; first = false) {
    if (chars[i] === 0x5d && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    const lo = read();
    i++;
    if (chars[i] === 0x2d && chars[i + 1] !== undefined && chars[i + 1] !== 0x5d) {
      i++;
      const hi = read();
      i++;
      ranges.push([lo, hi]);
    } else ranges.push([lo, lo]);
  }
  return undefined;
}

function accepts(token: Token, code: number): boolean {
  if (code === SLASH) return false;
  switch (token.kind) {
    case 'char':
      return token.code === code;
    case 'any':
    case 'star':
      return true;
    case 'class':
      return token.ranges.some(([lo, hi]) => lo <= code && code <= hi) !== token.negated;
  }
}

/**
 * Characters that stand for every character in the comparison: where a token's answer can change
 * (each literal and range bound, and the one after), and a few ordinary ones.
 */
function representatives(...lists: Token[][]): number[] {
  const codes = new Set<number>([0x61, 0x5a, 0x30, 0x2e, 0x2d, 0x20, 0xe9, 0x4e00]);
  for (const token of lists.flat()) {
    const bounds = token.kind === 'char' ? [[token.code, token.code]] : token.kind === 'class' ? token.ranges : [];
    for (const [lo, hi] of bounds) for (const c of [lo - 1, lo, hi, hi + 1]) if (c >= 0 && c !== SLASH) codes.add(c);
  }
  return [...codes];
}

/** Whether some name matches both components (a search over the pair of their automata). */
function componentsMeet(a: Token[], b: Token[]): boolean {
  const alphabet = representatives(a, b);
  const seen = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  const key = (i: number, j: number) => i * (b.length + 1) + j;
  while (stack.length) {
    const [i, j] = stack.pop()!;
    if (seen.has(key(i, j))) continue;
    seen.add(key(i, j));
    if (i === a.length && j === b.length) return true;
    // a star may match nothing
    if (a[i]?.kind === 'star') stack.push([i + 1, j]);
    if (b[j]?.kind === 'star') stack.push([i, j + 1]);
    if (i === a.length || j === b.length) continue;
    for (const c of alphabet) {
      if (!accepts(a[i], c) || !accepts(b[j], c)) continue;
      stack.push([a[i].kind === 'star' ? i : i + 1, b[j].kind === 'star' ? j : j + 1]);
    }
  }
  return false;
}

/** A path pattern's components, `.` and empty ones dropped. */
export function componentsOf(pattern: string): string[] {
  return pattern.split('/').filter((c) => c && c !== '.');
}

/** Whether a component is a plain name: no wildcard, class or escape. */
export function isLiteral(component: string): boolean {
  return !/[*?[\\]/.test(component);
}

/**
 * Whether the .dockerignore pattern (no `!`) leaves out something the source matches: the source's
 * match itself or a folder above it, as Docker's parent matching does. Both are split in components.
 */
export function patternReaches(pattern: string[], source: string[]): boolean {
  const tokens = source.map(tokensOf);
  const memo = new Map<string, boolean>();
  // pattern[p…] against source[s…]: true once the pattern is used up on at least one component
  const meets = (p: number, s: number): boolean => {
    const key = `${p},${s}`;
    let result = memo.get(key);
    if (result !== undefined) return result;
    if (p === pattern.length) result = s > 0;
    else if (pattern[p] === '**') result = meets(p + 1, s) || (s < source.length && meets(p, s + 1));
    else result = s < source.length && componentsMeet(tokensOf(pattern[p]), tokens[s]) && meets(p + 1, s + 1);
    memo.set(key, result);
    return result;
  };
  return meets(0, 0);
}

/** Whether the source matches this path exactly (component by component, in filepath.Match syntax). */
export function sourceMatches(source: string[], path: string[]): boolean {
  return (
    source.length === path.length &&
    source.every((component, i) => componentsMeet(tokensOf(component), tokensOf(escapeGlob(path[i]))))
  );
}

/** A name written so that filepath.Match matches only that name. */
export function escapeGlob(name: string): string {
  return name.replace(/[*?[\]\\]/g, '\\$&');
}
