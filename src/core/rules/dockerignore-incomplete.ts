import type { Rule } from '../rule';
import type { TextEdit } from '../types';
import { scanContext } from './support/contextScan';
import { contextSources, escapePattern, excludesFolder, readIgnoreFile, sourceNames } from './support/dockerignore';
import { topOf } from './dockerignore-missing';

export const dockerignoreIncomplete: Rule = {
  id: 'dockerignore-incomplete',
  aliases: {},
  defaultLevel: 'info',
  title: '.dockerignore does not exclude a path that should never be sent',
  check({ dockerfile, context }) {
    if (!context) return [];
    const file = readIgnoreFile(context);
    if (!file) return [];
    const facts = scanContext(context);
    const folders = [
      ...(context.exists('.git') ? ['.git'] : []),
      ...facts.nodeModules,
      ...facts.dotnetDirs.flatMap((dir) =>
        ['bin', 'obj'].map((o) => (dir ? `${dir}/${o}` : o)).filter((p) => context.exists(p)),
      ),
    ];
    // a file the Dockerfile copies by name or wildcard (or mounts) is wanted: secret-file-copy
    // judges copying it; what lies in a folder the Dockerfile copies is not
    const all = contextSources(dockerfile);
    const sources = all.filter((s) => !s.variable);
    const variables = all.filter((s) => s.variable);
    const wanted = (p: string) => sources.some((s) => sourceNames(s.path, p));
    const missing = [
      ...folders.filter((p) => !excludesFolder(file, context, p)),
      ...facts.secrets.filter((p) => !file.excludes(p)),
    ].filter((p) => !wanted(p));
    if (!missing.length) return [];
    // each written so that it matches that path only (a name may hold wildcards, `#` or spaces)
    const patterns = missing.map(escapePattern).filter((p) => p !== undefined);
    const lineEnding = file.text.includes('\r\n') ? '\r\n' : '\n';
    const lines = file.text.split(/\r?\n|\r/);
    const last = lines.length - 1;
    const end = { line: last, character: lines[last].length };
    const prefix = lines[last] === '' ? '' : lineEnding;
    const edit: TextEdit = {
      range: { start: end, end },
      newText: prefix + patterns.map((p) => p + lineEnding).join(''),
    };
    return [
      {
        range: topOf(dockerfile),
        message: `${file.path} does not exclude ${missing.join(', ')}: ${missing.length === 1 ? 'it is' : 'they are'} sent to the builder with every build and can end up in the image.`,
        fixes: patterns.length
          ? [
              {
                title: `Add ${missing.join(', ')} to ${file.path}`,
                // a source written with a variable may name one of them
                safe: variables.length === 0,
                edits: [],
                contextEdits: [{ path: file.path, edits: [edit] }],
                ...(variables.length && {
                  note: `${variables.map((s) => s.path).join(', ')} ${variables.length === 1 ? 'is' : 'are'} known only when the build runs: check that ${file.path} does not now leave out what ${variables.length === 1 ? 'it names' : 'they name'}.`,
                }),
              },
            ]
          : [],
      },
    ];
  },
};
