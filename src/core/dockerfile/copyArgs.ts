// The sources and destination of a COPY or ADD, in either form: `COPY a b /dest/` or
// `COPY ["a", "b", "/dest/"]`.
import type { Instr } from './model';
import { unquote } from './variables';

export interface CopyArgs {
  sources: string[];
  dest: string;
  /** `COPY <<EOF`: the sources are written in the Dockerfile itself. */
  heredoc: boolean;
}

/** Undefined when the instruction has no destination or its JSON form does not parse. */
export function copyArgs(instr: Instr): CopyArgs | undefined {
  let words: string[];
  if (instr.argsText.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(instr.argsText.replace(/[\\`][ \t]*\r?\n/g, ''));
      if (!Array.isArray(parsed) || !parsed.every((w) => typeof w === 'string')) return undefined;
      words = parsed;
    } catch {
      return undefined;
    }
  } else {
    words = instr.args.map((a) => unquote(a.value));
  }
  if (words.length < 2) return undefined;
  const heredoc = words.some((w) => /^<<-?["']?[A-Za-z_]/.test(w));
  return { sources: words.slice(0, -1), dest: words[words.length - 1], heredoc };
}
