// Shell words as the shell passes them: quotes and escapes removed, or undefined when they expand.

/** A word's value with quotes and escapes removed, as the shell passes it; undefined when it expands. */
export function literalWord(raw: string): string | undefined {
  let out = '';
  for (let i = 0; i < raw.length;) {
    const c = raw[i];
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      if (close < 0) return undefined;
      out += raw.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      for (i++; i < raw.length && raw[i] !== '"';) {
        if (raw[i] === '\\' && i + 1 < raw.length && '$`"\\\n'.includes(raw[i + 1])) {
          if (raw[i + 1] !== '\n') out += raw[i + 1];
          i += 2;
        } else if (expands(raw, i)) return undefined;
        else out += raw[i++];
      }
      if (i >= raw.length) return undefined;
      i++;
    } else if (c === '\\') {
      if (raw[i + 1] !== '\n') out += raw[i + 1] ?? '';
      i += 2;
    } else if (expands(raw, i)) return undefined;
    else out += raw[i++];
  }
  return out;
}

/** A backtick, or a `$` that starts an expansion (a lone `$`, as in `grep 'x$'` unquoted, is literal). */
function expands(raw: string, i: number): boolean {
  if (raw[i] === '`') return true;
  return raw[i] === '$' && /[\w{(@*#?$!'"-]/.test(raw[i + 1] ?? '');
}
