import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';
import { memoryContext } from '../../support/memoryContext';

const text = 'FROM node:20-slim\nCOPY . .\n';

describe('dockerignore-incomplete (unit)', () => {
  it('fires when .git, .env files, node_modules or private keys exist and are not excluded', () => {
    const context = memoryContext({ '.dockerignore': '*.log\n', '.git/HEAD': '', '.env': 'A=1', '.env.local': '', 'node_modules/x/i.js': '', 'certs/server.key': '', 'package.json': '{}' });
    const [found] = findings(text, 'dockerignore-incomplete', { context });
    assert.equal(found.severity, 'info');
    assert.match(found.message, /\.git, node_modules, \.env, \.env\.local, certs\/server\.key/);
  });

  it('fires on bin/obj next to a .NET project', () => {
    const context = memoryContext({ '.dockerignore': '.git\n', 'src/Api/Api.csproj': '', 'src/Api/bin/Debug/a.dll': '', 'src/Api/obj/project.assets.json': '' });
    assert.match(findings(text, 'dockerignore-incomplete', { context })[0].message, /src\/Api\/bin, src\/Api\/obj/);
  });

  it('is silent without a context, or without a .dockerignore (dockerignore-missing reports that)', () => {
    assert.deepEqual(findings(text, 'dockerignore-incomplete'), []);
    assert.deepEqual(findings(text, 'dockerignore-incomplete', { context: memoryContext({ '.git/HEAD': '' }) }), []);
  });

  it('is silent when Docker\'s matching already excludes them (folder patterns, **, contents-only, allowlists)', () => {
    const files = { '.git/HEAD': '', 'node_modules/x/i.js': '', 'web/node_modules/y/i.js': '', '.env': '', 'src/a.js': '' };
    for (const ignore of ['.git\n**/node_modules\n.env*\n', '.git/\nnode_modules/*\nweb/node_modules\n.env\n', '*\n!src\n']) {
      assert.deepEqual(findings(text, 'dockerignore-incomplete', { context: memoryContext({ ...files, '.dockerignore': ignore }) }), [], ignore);
    }
  });

  it('is silent on example env files and on a file the Dockerfile copies by name', () => {
    const context = memoryContext({ '.dockerignore': '.git\n', '.env.example': '', '.env': '' });
    assert.deepEqual(findings('FROM alpine\nCOPY .env /app/.env\n', 'dockerignore-incomplete', { context }), []);
  });

  it('appends the missing paths, after a last line with no line break, keeping CRLF', () => {
    const context = memoryContext({ '.dockerignore': '*.log\r\ndist', '.git/HEAD': '', '.env': '' });
    const fix = findings(text, 'dockerignore-incomplete', { context })[0].fixes[0];
    assert.equal(fix.safe, true);
    assert.deepEqual(fix.contextEdits!.map((e) => [e.path, e.create, e.edits[0].newText]), [['.dockerignore', undefined, '\r\n.git\r\n.env\r\n']]);
    roundTrip(text, 'dockerignore-incomplete', undefined, { context });
  });

  it('edits <Dockerfile>.dockerignore when that is the file that applies', () => {
    const context = memoryContext({ '.dockerignore': '.git\n.env\n', 'app.Dockerfile.dockerignore': 'dist\n', '.git/HEAD': '', '.env': '' }, 'app.Dockerfile');
    const fix = findings(text, 'dockerignore-incomplete', { context })[0].fixes[0];
    assert.equal(fix.contextEdits![0].path, 'app.Dockerfile.dockerignore');
    roundTrip(text, 'dockerignore-incomplete', undefined, { context });
  });
});
