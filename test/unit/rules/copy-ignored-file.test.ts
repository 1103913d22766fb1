import { memoryContext } from '../../support/memoryContext';
import { ruleTester } from '../../support/ruleTester';

const context = {
  '.dockerignore': 'dist\n*.md\n!README.md\nconfig/*\n!config/app.yaml\n',
  'dist/a.js': '',
  'README.md': '',
  'CHANGES.md': '',
  'NOTES.md': '',
  'config/app.yaml': '',
  'config/dev.yaml': '',
  'src/a.js': '',
};

ruleTester.run('copy-ignored-file', {
  valid: [
    {
      name: 're-included files, partly excluded wildcards and folders with exceptions',
      code: 'FROM alpine\nCOPY README.md config/app.yaml /app/\nCOPY *.md /docs/\nCOPY config /app/config\n',
      context,
    },
    {
      name: 'COPY --from, URLs, variables, heredocs and the whole context',
      code: 'FROM alpine AS b\nFROM alpine\nCOPY --from=b dist /d\nADD https://example.com/dist /d\nCOPY $SRC /d\nCOPY . /app\n',
      context,
    },
    {
      name: 'a source with a [ that is never closed (a broken JSON form): no throw',
      code: 'FROM alpine\nCOPY \ufffd["a[b", "/d/"]\nCOPY a[b /d/\n',
      context,
    },
    {
      name: 'the whole context when an exception keeps part of it (*, !src)',
      code: 'FROM alpine\nCOPY . /app/\n',
      context: { '.dockerignore': '*\n!src/a.js\n', 'src/a.js': '', 'b.js': '' },
    },
    {
      name: 'the whole context when it holds nothing but the build’s own files (Dockerfiles, .dockerignore)',
      code: 'FROM alpine\nCOPY . /app\n',
      context: { '.dockerignore': 'Dockerfile*\n.dockerignore\n', Dockerfile: '', 'Dockerfile.alpine': '' },
    },
    { name: 'without a context', code: 'FROM alpine\nCOPY dist /d\n' },
    { name: 'without a .dockerignore', code: 'FROM alpine\nCOPY dist /d\n', context: { 'dist/a.js': '' } },
  ],
  invalid: [
    ...['.', './', '/'].map((source) => ({
      name: `the whole context when .dockerignore leaves nothing in it (*): COPY ${source} copies nothing`,
      code: `FROM alpine\nCOPY ${source} /app/\n`,
      context: { '.dockerignore': '*\n', Dockerfile: '', 'src/a.js': '', 'package.json': '' },
      line: 2,
      message: `The .dockerignore (*) leaves nothing of the build context: COPY ${source} copies nothing.`,
    })),
    {
      name: 'the whole context when every entry at its top is excluded',
      code: 'FROM alpine\nCOPY . /app/\n',
      context: { '.dockerignore': 'src\n.dockerignore\nDockerfile\n', Dockerfile: '', 'src/a.js': '' },
      line: 2,
    },
    {
      name: 'a COPY or ADD source that .dockerignore excludes, on the source, naming the pattern',
      code: 'FROM alpine\nCOPY src /app/src\nCOPY dist /app/dist\nADD CHANGES.md config/dev.yaml /app/\n',
      context,
      findings: [
        { line: 3, column: 6, message: /excluded by \.dockerignore \(dist\)/, severity: 'warning' },
        { line: 4, column: 5 },
        { line: 4, column: 16 },
      ],
      output: null,
    },
    {
      name: 'a wildcard source when everything it matches is excluded',
      code: 'FROM alpine\nCOPY C*.md /docs/\n',
      context,
      count: 1,
    },
    {
      name: 'reads <Dockerfile>.dockerignore before .dockerignore, with paths as ./ or absolute written',
      code: 'FROM alpine\nCOPY ./dist /d\nCOPY /secrets /s\n',
      context: memoryContext(
        {
          '.dockerignore': 'dist\n',
          'build/api.Dockerfile.dockerignore': 'secrets\n',
          'dist/a.js': '',
          'secrets/k': '',
        },
        'build/api.Dockerfile',
      ),
      lines: [3],
      message: /build\/api\.Dockerfile\.dockerignore/,
    },
  ],
});
