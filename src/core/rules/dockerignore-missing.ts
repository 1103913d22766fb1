import type { DockerfileModel } from '../dockerfile/model';
import { lazyFix } from '../lint/lazyFix';
import type { ContextView, Rule } from '../rule';
import type { Range } from '../types';
import { scanContext } from './support/contextScan';
import { copySources, ignoreFilePaths, parseIgnoreFile, type IgnoreFile } from './support/dockerignore';

export const dockerignoreMissing: Rule = {
  id: 'dockerignore-missing',
  aliases: {},
  defaultLevel: 'warning',
  title: 'build context has no .dockerignore',
  check({ dockerfile, context }) {
    if (!context || ignoreFilePaths(context).some((p) => context.readFile(p) !== undefined)) return [];
    return [
      {
        range: topOf(dockerfile),
        message:
          'The build context has no .dockerignore: everything in it, .git and local secrets included, is sent to the builder and can end up in the image.',
        fixes: [
          lazyFix('Create a .dockerignore for this project', true, () => ({
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
  patterns.push(...facts.secrets.filter((p) => !patterns.some((pattern) => matcherOf(pattern).excludes(p))));
  const sources = copySources(model).map((s) => s.path);
  const kept = patterns.filter((pattern) => {
    const file = matcherOf(pattern);
    return !sources.some((s) => file.excludes(s));
  });
  return kept.map((p) => p + model.eol).join('');
}
