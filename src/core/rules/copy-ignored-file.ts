import type { ContextView, Rule } from '../rule';
import type { Finding } from '../types';
import { isDockerfileName } from '../dockerfile/names';
import { globToRegExp, hasWildcard } from './support/glob';
import {
  cleanPath,
  copySources,
  excludesFolder,
  readIgnoreFile,
  type ContextSource,
  type IgnoreFile,
} from './support/dockerignore';

export const copyIgnoredFile: Rule = {
  id: 'copy-ignored-file',
  aliases: { buildkit: ['CopyIgnoredFile'] },
  defaultLevel: 'warning',
  title: 'COPY/ADD of a source that .dockerignore excludes',
  check({ dockerfile, context }) {
    if (!context) return [];
    const file = readIgnoreFile(context);
    if (!file) return [];
    const findings: Finding[] = [];
    for (const source of copySources(dockerfile)) {
      const path = cleanPath(source.path);
      if (!path) {
        const finding = wholeContext(file, context, source);
        if (finding) findings.push(finding);
        continue;
      }
      if (!isExcluded(file, context, path)) continue;
      const pattern = file.patternFor(hasWildcard(path) ? expand(context, path)[0] : path);
      findings.push({
        range: source.range,
        message: `${source.path} is excluded by ${file.path}${pattern ? ` (${pattern})` : ''}: the builder never receives it, so this copy fails or copies nothing.`,
      });
    }
    return findings;
  },
};

/** `COPY . .` copies nothing when .dockerignore leaves out everything at the top of the context (`*`). */
function wholeContext(file: IgnoreFile, context: ContextView, source: ContextSource): Finding | undefined {
  const top = context.list('');
  // a context of nothing but the build's own files loses nothing a COPY wants by ignoring them
  if (top.every(isBuildFile) || !excludesFolder(file, context, '')) return undefined;
  const patterns = new Set(top.map((name) => file.patternFor(name)));
  const pattern = patterns.size === 1 ? ` (${[...patterns][0]})` : '';
  return {
    range: source.range,
    message: `The ${file.path}${pattern} leaves nothing of the build context: ${source.keyword} ${source.path} copies nothing.`,
  };
}

/** The Dockerfiles and .dockerignore files of the build itself. */
const isBuildFile = (name: string) => isDockerfileName(name) || /(^|\.)dockerignore$/.test(name);

/** A literal path is excluded when Docker leaves it out; a wildcard when everything it matches is left out. */
function isExcluded(file: IgnoreFile, context: ContextView, path: string): boolean {
  if (!hasWildcard(path)) return file.excludes(path);
  const matches = expand(context, path);
  return matches.length > 0 && matches.every((m) => file.excludes(m));
}

/** The context paths a wildcard source matches (wildcards in the last component only; else none). */
function expand(context: ContextView, path: string): string[] {
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  if (hasWildcard(dir)) return [];
  const glob = globToRegExp(path.slice(slash + 1));
  return context
    .list(dir)
    .filter((name) => glob.test(name))
    .map((name) => (dir ? `${dir}/${name}` : name));
}
