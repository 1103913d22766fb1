import type { DockerfileModel } from '../dockerfile/model';
import { lazyFix } from '../lint/lazyFix';
import type { ContextView, Rule } from '../rule';
import type { Range } from '../types';
import { scanContext } from './support/contextScan';
import {
  contextSources,
  escapePattern,
  ignoreFilePaths,
  neededComponents,
  parseIgnoreFile,
  type IgnoreFile,
} from './support/dockerignore';
import { componentsOf, isLiteral, patternReaches, sourceMatches } from './support/glob';

export const dockerignoreMissing: Rule = {
  id: 'dockerignore-missing',
  aliases: {},
  defaultLevel: 'warning',
  title: 'build context has no .dockerignore',
  check({ dockerfile, context }) {
    if (!context || ignoreFilePaths(context).some((p) => context.readFile(p) !== undefined)) return [];
    // a source written with a variable may name anything: the user checks the new file against it
    const variables = contextSources(dockerfile).filter((s) => s.variable);
    return [
      {
        range: topOf(dockerfile),
        message:
          'The build context has no .dockerignore: everything in it, .git and local secrets included, is sent to the builder and can end up in the image.',
        fixes: [
          lazyFix('Create a .dockerignore for this project', variables.length === 0, () => ({
            edits: [],
            contextEdits: [
              {
                path: '.dockerignore',
                create: true,
                edits: [
                  {
                    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                    newText: ignoreFileFor(dockerfile, context),
                  },
                ],
              },
            ],
            ...(variables.length && {
              note: `${variables.map((s) => s.path).join(', ')} ${variables.length === 1 ? 'is' : 'are'} known only when the build runs: check that the new .dockerignore does not leave out what ${variables.length === 1 ? 'it names' : 'they name'}.`,
            }),
          })),
        ],
      },
    ];
  },
};

/** Where a whole-file finding sits: the first instruction's keyword. */
export function topOf(model: DockerfileModel): Range {
  return model.instructions[0]?.keywordRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

// The patterns a new .dockerignore holds, each made into a matcher once: the same dozen come back
// for every context (the secrets' paths, which vary, are few and let go of now and then).
const matchers = new Map<string, IgnoreFile>();
function matcherOf(pattern: string): IgnoreFile {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    if (matchers.size >= 500) matchers.clear();
    matchers.set(pattern, (matcher = parseIgnoreFile('', pattern)));
  }
  return matcher;
}

/** The patterns for what the context holds, without any that would hide a file the Dockerfile copies. */
function ignoreFileFor(model: DockerfileModel, context: ContextView): string {
  const facts = scanContext(context);
  const patterns = [
    '.git',
    ...['.vscode', '.idea'].filter((p) => context.exists(p)),
    '**/*.log',
    '.env',
    '.env.*',
    'Dockerfile*',
    '.dockerignore',
  ];
  if (facts.node) patterns.push('**/node_modules', 'dist', 'coverage');
  if (facts.dotnetDirs.length) patterns.push('**/bin', '**/obj');
  if (facts.python) patterns.push('**/__pycache__', '**/*.py[cod]', '.venv', 'venv', '.pytest_cache');
  if (facts.maven || facts.rust) patterns.push('target');
  if (facts.gradle) patterns.push('.gradle', 'build');
  patterns.push(
    ...facts.secrets
      .filter((p) => !patterns.some((pattern) => matcherOf(pattern).excludes(p)))
      .map(escapePattern)
      .filter((p) => p !== undefined),
  );
  // A pattern that leaves out a source, or the folder it is in, goes; one that leaves out only some
  // of what a wildcard source matches stays, and the source is sent anyway by an exception after it.
  const sources = contextSources(model)
    .filter((s) => !s.variable)
    .map((s) => neededComponents(s.path))
    .filter((s) => s.length > 0);
  const exceptions = new Set<string>();
  const kept = patterns.filter((pattern) => {
    const components = componentsOf(pattern);
    const reached: string[] = [];
    for (const source of sources) {
      const wildcard = source.findIndex((c) => !isLiteral(c));
      const literal = wildcard < 0 ? source : source.slice(0, wildcard);
      if (literal.length && patternReaches(components, literal)) return false;
      if (!patternReaches(components, source)) continue;
      if (components.every(isLiteral) && sourceMatches(source, components)) return false;
      reached.push(source.join('/').replace(/(?<!\\)\*{2,}/g, '*'));
    }
    reached.forEach((s) => exceptions.add(`!${s}`));
    return true;
  });
  const lines = exceptions.size
    ? [...kept, '# sent all the same: the Dockerfile copies what these match', ...exceptions]
    : kept;
  return lines.map((p) => p + model.eol).join('');
}
