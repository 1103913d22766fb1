// The .dockerignore that applies to a build, read with Docker's own matching rules
// (@balena/dockerignore is a port of moby's). `<Dockerfile>.dockerignore` wins over `.dockerignore`.
import ignore from '@balena/dockerignore';
import type { DockerfileModel, Instr } from '../../dockerfile/model';
import { memoOn } from '../../memo';
import type { ContextView } from '../../rule';
import type { Range } from '../../types';
import { contextBindSources } from '../../dockerfile/mounts';
import { componentsOf, sourceMatches } from './glob';

export interface IgnoreFile {
  /** Its path in the context. */
  path: string;
  text: string;
  patterns: string[];
  /** Whether Docker leaves the path (a file, or a folder and everything in it) out of the context. */
  excludes(path: string): boolean;
  /** The pattern that decides that the path is left out, for messages. */
  patternFor(path: string): string | undefined;
}

/** The candidates BuildKit looks for, in its order. */
export function ignoreFilePaths(context: ContextView): string[] {
  return [...(context.dockerfilePath ? [`${context.dockerfilePath}.dockerignore`] : []), '.dockerignore'];
}

export function readIgnoreFile(context: ContextView): IgnoreFile | undefined {
  for (const path of ignoreFilePaths(context)) {
    const text = context.readFile(path);
    if (text !== undefined) return parseIgnoreFile(path, text);
  }
  return undefined;
}

export function parseIgnoreFile(path: string, text: string): IgnoreFile {
  // As Docker's ignorefile.ReadAll: a BOM dropped, `#` a comment only as a line's first character
  // (` #x` is the pattern `#x`), white space around a pattern trimmed. @balena/dockerignore takes
  // the lines untrimmed to tell the two apart, and matches case-sensitively only when told, as
  // Docker always does.
  const lines = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .filter((l) => !l.startsWith('#') && l.trim());
  const patterns = lines.map((l) => l.trim());
  const matcher = ignore({ ignorecase: false }).add(lines);
  const negations = patterns.filter((p) => p.startsWith('!')).map((p) => cleanPath(p.slice(1)));
  const excludes = (p: string) => {
    const clean = cleanPath(p);
    if (!clean) return false;
    // a folder with a `!` exception inside it is still partly sent
    if (matcher.ignores(clean)) return !negations.some((n) => n.startsWith(`${clean}/`));
    return false;
  };
  return {
    path,
    text,
    patterns,
    excludes,
    patternFor(p) {
      const clean = cleanPath(p);
      for (let at = lines.length - 1; at >= 0; at--)
        if (!patterns[at].startsWith('!') && ignore({ ignorecase: false }).add(lines[at]).ignores(clean))
          return patterns[at];
      return undefined;
    },
  };
}

/**
 * A .dockerignore line that matches exactly this context path, undefined when no line can (a line
 * break in a name). Docker reads `*`, `?`, `[` and `\\` as wildcards and escapes, passes more
 * characters to a regular expression (`^`, and for @balena/dockerignore `+(){}|` too), takes a
 * line starting with `#` as a comment and one starting with `!` as an exception, and trims white
 * space around a line. `*`, `?` and `\\` are escaped with `\\` (Docker's matching sees `*` and `?`
 * even inside `[…]`; Windows allows none of the three in a name); the others are written as a
 * class of their own (`[[]`, `[#]`, `[ ]`), which readers on every platform take literally.
 */
export function escapePattern(path: string): string | undefined {
  if (/[\r\n]/.test(path)) return undefined;
  const chars = [...path];
  const space = (c: string) => /\s/.test(c);
  const atEdge = (i: number) => chars.slice(0, i + 1).every(space) || chars.slice(i).every(space);
  return chars
    .map((c, i) => {
      if (c === '*' || c === '?' || c === '\\') return `\\${c}`;
      if (c === '^') return '[\\^]';
      if (/[[+(){}|$]/.test(c) || (i === 0 && (c === '#' || c === '!')) || (space(c) && atEdge(i))) return `[${c}]`;
      return c;
    })
    .join('');
}

/** A folder counts as left out when it is, or when everything directly in it is (`node_modules/*`). */
export function excludesFolder(file: IgnoreFile, context: ContextView, dir: string): boolean {
  if (file.excludes(dir)) return true;
  const children = context.list(dir);
  return children.length > 0 && children.every((c) => file.excludes(`${dir}/${c}`));
}

/** A context path as Docker matches it: no `./`, no leading or trailing `/`. */
export function cleanPath(p: string): string {
  return p
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part && part !== '.')
    .join('/');
}

/** The literal local sources of the Dockerfile's COPY and ADD instructions (no --from, URL, variable or heredoc). */
export function copySources(model: DockerfileModel): ContextSource[] {
  return localSources(model).filter((s) => !s.variable);
}

export interface ContextSource {
  path: string;
  range: Range;
  /** Written with a variable: what it names is known only when the build runs. */
  variable: boolean;
  /** COPY, ADD, or RUN for a bind mount. */
  keyword: string;
}

/** The COPY and ADD sources from the build context (no --from, URL or heredoc), variables included. */
function localSources(model: DockerfileModel): ContextSource[] {
  return model.instructions.flatMap((i) => (i.keyword === 'COPY' || i.keyword === 'ADD' ? sourcesOf(i) : []));
}

/** Everything the build reads from the context: COPY and ADD sources, and RUN bind mounts of the context. */
export function contextSources(model: DockerfileModel): ContextSource[] {
  return [...localSources(model), ...model.instructions.flatMap((i) => (i.keyword === 'RUN' ? sourcesOf(i) : []))];
}

const SOURCES = Symbol('dockwright.contextSources');

/** A COPY's, ADD's or RUN's sources: the instruction alone decides them, so they are kept on it. */
function sourcesOf(i: Instr): readonly ContextSource[] {
  return memoOn(i, SOURCES, () => {
    if (i.keyword === 'RUN')
      return contextBindSources(i).map((path) => ({
        path,
        range: i.keywordRange,
        variable: path.includes('$'),
        keyword: i.keyword,
      }));
    if (i.flags.some((f) => f.name === 'from') || i.args.length < 2 || i.args[0].value.startsWith('<<')) return [];
    const out: ContextSource[] = [];
    for (const a of i.args.slice(0, -1)) {
      const value = a.value.replace(/^\[?\s*"|",?\s*$|^"|"$/g, '');
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^git@/.test(value)) continue;
      out.push({ path: value, range: a.range, variable: value.includes('$'), keyword: i.keyword });
    }
    return out;
  });
}

/**
 * A source's path components, as far as they name what the build needs: a last `*` (`COPY * ./`,
 * `COPY src/* ./src/`) copies the folder's contents, like `COPY . .` or `COPY src/ ./src/`, and
 * leaves it to .dockerignore to say what in there is not sent.
 */
export function neededComponents(source: string): string[] {
  const components = componentsOf(cleanPath(source));
  while (components.length && /^\*+$/.test(components[components.length - 1])) components.pop();
  return components;
}

/** Whether a source matches the path itself (by name or by wildcard), not a folder above it. */
export function sourceNames(source: string, path: string): boolean {
  const components = neededComponents(source);
  return components.length > 0 && sourceMatches(components, componentsOf(path));
}
