import assert from 'node:assert/strict';
import { parseIgnoreFile } from '../../../src/core/rules/support/dockerignore';
import { findings } from '../../support/ruleHarness';
import { memoryContext } from '../../support/memoryContext';
import { ruleTester } from '../../support/ruleTester';

const text = 'FROM node:20-slim\nCOPY . .\n';
const files = { '.git/HEAD': '', 'node_modules/x/i.js': '', 'web/node_modules/y/i.js': '', '.env': '', 'src/a.js': '' };

ruleTester.run('dockerignore-incomplete', {
  valid: [
    { name: 'without a context', code: text },
    { name: 'without a .dockerignore (dockerignore-missing reports that)', code: text, context: { '.git/HEAD': '' } },
    ...['.git\n**/node_modules\n.env*\n', '.git/\nnode_modules/*\nweb/node_modules\n.env\n', '*\n!src\n'].map(
      (ignore) => ({
        name: `Docker's matching already excludes them (folder patterns, **, contents-only, allowlists): ${JSON.stringify(ignore)}`,
        code: text,
        context: { ...files, '.dockerignore': ignore },
      }),
    ),
    {
      name: 'files the Dockerfile copies by wildcard, or reads through a bind mount of the context',
      code: 'FROM alpine\nCOPY .env* /app/\nCOPY certs/*.pem /etc/ssl/\nRUN --mount=type=bind,source=keys/id_rsa,target=/k true\n',
      context: { '.dockerignore': '.git\n', '.env': '', '.env.local': '', 'certs/server.pem': '', 'keys/id_rsa': '' },
    },
    {
      name: 'example env files, and a file the Dockerfile copies by name',
      code: 'FROM alpine\nCOPY .env /app/.env\n',
      context: { '.dockerignore': '.git\n', '.env.example': '', '.env': '' },
    },
  ],
  invalid: [
    {
      name: '.git, .env files, node_modules or private keys exist and are not excluded',
      code: text,
      context: {
        '.dockerignore': '*.log\n',
        '.git/HEAD': '',
        '.env': 'A=1',
        '.env.local': '',
        'node_modules/x/i.js': '',
        'certs/server.key': '',
        'package.json': '{}',
      },
      severity: 'info',
      message: /\.git, node_modules, \.env, \.env\.local, certs\/server\.key/,
    },
    {
      name: 'a private key whose name differs in case from a pattern: Docker matches case-sensitively',
      code: text,
      context: { '.dockerignore': 'id_rsa\n', ID_RSA: '' },
      output: text,
      outputContext: { '.dockerignore': 'id_rsa\nID_RSA\n' },
    },
    {
      name: 'bin/obj next to a .NET project',
      code: text,
      context: {
        '.dockerignore': '.git\n',
        'src/Api/Api.csproj': '',
        'src/Api/bin/Debug/a.dll': '',
        'src/Api/obj/project.assets.json': '',
      },
      message: /src\/Api\/bin, src\/Api\/obj/,
    },
    {
      name: 'appends the missing paths, after a last line with no line break, keeping CRLF',
      code: text,
      context: { '.dockerignore': '*.log\r\ndist', '.git/HEAD': '', '.env': '' },
      safe: true,
      output: text,
      outputContext: { '.dockerignore': '*.log\r\ndist\r\n.git\r\n.env\r\n' },
    },
    {
      name: 'is not safe when a source is a variable, which may name what it adds',
      code: 'FROM alpine\nARG CONFIG=.env\nCOPY ${CONFIG} /app/\n',
      context: { '.dockerignore': '.git\n', '.env': '' },
      safe: false,
      note: /\$\{CONFIG\}/,
    },
    {
      name: 'edits <Dockerfile>.dockerignore when that is the file that applies',
      code: text,
      context: memoryContext(
        { '.dockerignore': '.git\n.env\n', 'app.Dockerfile.dockerignore': 'dist\n', '.git/HEAD': '', '.env': '' },
        'app.Dockerfile',
      ),
      output: text,
      outputContext: { '.dockerignore': '.git\n.env\n', 'app.Dockerfile.dockerignore': 'dist\n.git\n.env\n' },
    },
  ],
});

describe('dockerignore-incomplete: names that are not plain patterns', () => {
  // Each is a private key or an env file by its name; .dockerignore reads `[*?\\` as wildcards and
  // escapes, `#` and `!` first on a line as a comment and an exception, and trims white space.
  const names = [
    'a[1].key',
    '*.key',
    'we?rd.key',
    '$(whoami).key',
    '!important.key',
    '#hash.key',
    ' leading.key',
    '.env.local ',
    'a+b (c) {d} e|f ^g.key',
    '[app]/node_modules',
    'caf\u00e9 \ufffd.key',
  ];
  for (const name of names) {
    it(`${JSON.stringify(name)}: after the fix .dockerignore excludes it, and a second fix adds nothing`, () => {
      const files = {
        '.dockerignore': '.git\n',
        'package.json': '{}',
        [name.endsWith('node_modules') ? `${name}/x/i.js` : name]: '',
      };
      let context = memoryContext(files);
      const [finding] = findings(text, 'dockerignore-incomplete', { context });
      assert.ok(finding, 'reported');
      const fix = finding.fixes[0];
      assert.equal(fix.safe, true);
      context = context.withEdits(fix.contextEdits!);
      const ignoreFile = parseIgnoreFile('.dockerignore', context.readFile('.dockerignore')!);
      assert.equal(ignoreFile.excludes(name), true, `not excluded by:\n${ignoreFile.text}`);
      // the name with its special characters replaced: a wildcard would match it, the name does not
      const decoy = name.replace(/[^\w./ ]/g, 'x');
      for (const other of ['package.json', ...(decoy !== name ? [decoy] : [])])
        assert.equal(ignoreFile.excludes(other), false, `${other} excluded too by:\n${ignoreFile.text}`);
      assert.deepEqual(findings(text, 'dockerignore-incomplete', { context }), [], 'found again');
    });
  }
});
