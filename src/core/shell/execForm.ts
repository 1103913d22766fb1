// An exec-form RUN (`RUN ["apt-get", "install", "x"]`) as BuildKit reads it: the arguments after
// the Dockerfile joins its continuation lines, decoded from JSON, each mapped back to the document
// character by character, so that rules can read `sh -c` scripts and point into them.
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { memoOn } from '../memo';
import type { Range } from '../types';
import type { Source } from './sourceMap';

export interface ExecArgument {
  value: string;
  /** The text between the quotes. */
  range: Range;
  /** The value as shell text, mapped to the document (JSON escapes take more characters there). */
  source: Source;
}

export interface ExecForm {
  argv: ExecArgument[];
  /** The argument a POSIX shell runs as its script (`["sh", "-c", "…"]`); undefined when argv[0] runs directly. */
  script?: number;
}

/** Shells that read POSIX sh syntax: `&&`, `set -e`, `$(…)`. */
const POSIX_SHELLS = /^(sh|bash|ash|dash|zsh|ksh|mksh|yash)$/;

/** A program word names a POSIX shell: `bash`, `/bin/sh`. */
export const isPosixShell = (word: string) => POSIX_SHELLS.test(word.replace(/^.*\//, ''));

const FORM = Symbol('dockwright.execForm');

/** The RUN's exec form; undefined for shell form, and for text that is not a JSON array of strings (BuildKit runs that in a shell). */
export function execForm(model: DockerfileModel, instr: Instr): ExecForm | undefined {
  if (instr.keyword !== 'RUN' || !instr.jsonForm) return undefined;
  return memoOn(instr, FORM, () => readExecForm(model, instr)) ?? undefined;
}

function readExecForm(model: DockerfileModel, instr: Instr): ExecForm | null {
  const joined = joinLines(model, instr);
  const argv = readArray(model, joined);
  if (!argv) return null;
  return { argv, script: isPosixShell(argv[0]?.value ?? '') ? scriptIndex(argv) : undefined };
}

/** `sh -c script`, `bash -o pipefail -c script`, `sh -ec script`: the index of the script. */
function scriptIndex(argv: readonly ExecArgument[]): number | undefined {
  for (let k = 1; k < argv.length; k++) {
    const word = argv[k].value;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(word)) return k + 1 < argv.length ? k + 1 : undefined;
    if (word === '-o' || word === '+o') k++;
    else if (!/^([-+][a-zA-Z]+|--[a-z-]+)$/.test(word)) return undefined; // a script file: not read here
  }
  return undefined;
}

interface Joined {
  text: string;
  /** The document offset of each character of text, and of its end. */
  offsets: number[];
}

/** The arguments' text as BuildKit parses it: escape-newline removed, comment lines inside continuations dropped. */
function joinLines(model: DockerfileModel, instr: Instr): Joined {
  const escape = model.escapeChar === '`' ? '`' : '\\\\';
  const continuation = new RegExp(`${escape}[ \\t]*\\r?$`);
  const start = model.offsetAt(instr.argsStart);
  const end = model.offsetAt(instr.range.end);
  let text = '';
  const offsets: number[] = [];
  for (let pos = start, first = true; pos < end; first = false) {
    let lineEnd = model.text.indexOf('\n', pos);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = model.text.slice(pos, lineEnd);
    const trimmed = line.trim();
    if (first || (trimmed !== '' && !trimmed.startsWith('#'))) {
      const cont = continuation.exec(line);
      const kept = (cont ? line.slice(0, cont.index) : line).replace(/\r$/, '');
      for (let i = 0; i < kept.length; i++) offsets.push(pos + i);
      text += kept;
    }
    pos = lineEnd + 1;
  }
  offsets.push(end);
  return { text, offsets };
}

const JSON_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** The strings of a JSON array with where each character came from; undefined when it is anything else. */
function readArray(model: DockerfileModel, { text, offsets }: Joined): ExecArgument[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || !parsed.every((w) => typeof w === 'string')) return undefined;
  } catch {
    return undefined;
  }
  // valid JSON from here: only the strings' characters need reading
  const argv: ExecArgument[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    let value = '';
    const segments: Source['segments'] = [];
    let j = i + 1;
    // a plain character extends the segment before it when the document has it right after
    let extendable = false;
    for (; text[j] !== '"'; j++) {
      const docStart = offsets[j];
      if (text[j] === '\\') {
        const next = text[++j];
        value += next === 'u' ? String.fromCharCode(parseInt(text.slice(j + 1, j + 5), 16)) : JSON_ESCAPES[next];
        if (next === 'u') j += 4;
        segments.push({ shellStart: value.length - 1, docStart, length: 1 });
        extendable = false;
        continue;
      }
      const last = segments[segments.length - 1];
      if (extendable && last.docStart + last.length === docStart) last.length++;
      else segments.push({ shellStart: value.length, docStart, length: 1 });
      extendable = true;
      value += text[j];
    }
    // the end of the value maps to the closing quote, not into an escape before it
    segments.push({ shellStart: value.length, docStart: offsets[j], length: 0 });
    argv.push({
      value,
      range: { start: model.positionAt(offsets[i + 1]), end: model.positionAt(offsets[j]) },
      source: { text: value, segments, heredoc: false },
    });
    i = j;
  }
  return argv;
}
