// A prefilter for rules that look for commands by program name: a RUN whose text cannot hold
// the name is never handed to the shell parser. It must never drop a RUN that runs the program,
// so it reads the text the way the shell may see the name: continuations joined (with or without
// the comment lines Docker drops inside them; a heredoc keeps them), quotes and escapes taken out
// (`"go"` and `g\o` both run go).
import type { Instr } from '../../dockerfile/model';

const CONTINUATION = /[\\`][ \t]*\r?\n/g;
const CONTINUATION_AND_COMMENTS = /[\\`][ \t]*\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*/g;
const QUOTING = /["'\\`]/g;

/** False only when no shell word of the RUN can be one of `programs` (also as the end of a path). */
export function mayRunProgram(instr: Instr, programs: readonly string[]): boolean {
  if (instr.keyword !== 'RUN' || instr.jsonForm || !programs.length) return false;
  const mentions = (text: string) => programs.some((p) => text.replace(QUOTING, '').includes(p));
  return mentions(instr.argsText.replace(CONTINUATION, '')) || mentions(instr.argsText.replace(CONTINUATION_AND_COMMENTS, ''));
}
