import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ContextReads,
  entryExists,
  folderContext,
  normalizeContextPath,
  rememberListing,
} from '../../src/core/context';
import { lint } from '../../src/core/lint/lint';
import { memoryContext } from '../support/memoryContext';

describe('build context views (unit)', () => {
  let root: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'dockwright-context-'));
    mkdirSync(join(root, 'src/api'), { recursive: true });
    mkdirSync(join(root, 'docker'));
    writeFileSync(join(root, 'package.json'), '{}');
    writeFileSync(join(root, 'src/api/index.js'), 'x');
    writeFileSync(join(root, 'docker/app.Dockerfile'), 'FROM node:20-slim\nCOPY src /app\n');
    writeFileSync(join(root, 'docker/app.Dockerfile.dockerignore'), 'src\n');
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads a real folder with context-relative paths', () => {
    const ctx = folderContext(root, join(root, 'docker/app.Dockerfile'));
    assert.equal(ctx.dockerfilePath, 'docker/app.Dockerfile');
    assert.equal(ctx.readFile('package.json'), '{}');
    assert.equal(ctx.readFile('./src/api/index.js'), 'x');
    assert.equal(ctx.readFile('src'), undefined, 'a folder is not a file');
    assert.equal(ctx.readFile('missing.txt'), undefined);
    assert.ok(ctx.exists('src/api') && !ctx.exists('nope'));
    assert.deepEqual([...ctx.list('')].sort(), ['docker', 'package.json', 'src']);
    assert.deepEqual(ctx.list('src'), ['api']);
    assert.deepEqual(ctx.list('package.json'), []);
  });

  it('with ContextReads, asks the file system once per question until cleared', () => {
    const reads = new ContextReads();
    const ctx = folderContext(root, undefined, reads);
    assert.equal(ctx.readFile('notes.txt'), undefined);
    assert.equal(ctx.exists('notes.txt'), false);
    const listed = ctx.list('');
    writeFileSync(join(root, 'notes.txt'), 'new');
    try {
      assert.equal(ctx.readFile('notes.txt'), undefined, 'the first answer is kept');
      assert.equal(ctx.exists('notes.txt'), false);
      assert.deepEqual(ctx.list(''), listed);
      assert.equal(folderContext(root).readFile('notes.txt'), 'new', 'a view without reads sees the change at once');
      reads.clear();
      assert.equal(ctx.readFile('notes.txt'), 'new');
      assert.ok(ctx.exists('notes.txt') && ctx.list('').includes('notes.txt'));
    } finally {
      rmSync(join(root, 'notes.txt'));
    }
  });

  // Linux only: elsewhere a listing cannot answer for a name, which may match in another case.
  (process.platform === 'linux' ? it : it.skip)(
    "answers from a listing read elsewhere in the run (the CLI's search for Dockerfiles), and stats a folder never listed",
    () => {
      const reads = new ContextReads();
      const docker = join(root, 'docker');
      rememberListing(docker, readdirSync(docker, { withFileTypes: true }), reads);
      const ctx = folderContext(docker, undefined, reads);
      writeFileSync(join(docker, 'later.txt'), 'new');
      writeFileSync(join(root, 'src/later.txt'), 'new');
      try {
        const table: { folder: string; name: string; exists: boolean; why: string }[] = [
          { folder: docker, name: 'later.txt', exists: false, why: 'the listing, read before it was made' },
          { folder: docker, name: 'app.Dockerfile', exists: true, why: 'the listing' },
          { folder: join(root, 'src'), name: 'later.txt', exists: true, why: 'a stat: the folder was never listed' },
        ];
        for (const { folder, name, exists, why } of table) assert.equal(entryExists(folder, name, reads), exists, why);
        assert.equal(ctx.exists('later.txt'), false, 'the build context answers from the same listing');
        assert.deepEqual(ctx.list('app.Dockerfile'), [], 'a file in the listing lists nothing, without a readdir');
        assert.equal(reads.peek(`list:${join(root, 'src')}`), undefined, 'a stat does not list the folder');
      } finally {
        rmSync(join(docker, 'later.txt'));
        rmSync(join(root, 'src/later.txt'));
      }
    },
  );

  it('never reads outside the context', () => {
    const ctx = folderContext(join(root, 'src'));
    assert.equal(ctx.readFile('../package.json'), undefined);
    assert.equal(ctx.exists('../package.json'), false);
    assert.deepEqual(ctx.list('..'), []);
    assert.equal(normalizeContextPath('a/../../b'), undefined);
    assert.equal(folderContext(join(root, 'src'), join(root, 'docker/app.Dockerfile')).dockerfilePath, undefined);
  });

  it('feeds the context rules: <Dockerfile>.dockerignore next to the Dockerfile applies', () => {
    const ctx = folderContext(root, join(root, 'docker/app.Dockerfile'));
    const found = lint('FROM node:20-slim\nCOPY src /app\n', { context: ctx }).filter(
      (d) => d.rule === 'copy-ignored-file' || d.rule === 'dockerignore-missing',
    );
    assert.deepEqual(
      found.map((d) => d.rule),
      ['copy-ignored-file'],
    );
  });

  it('in memory: folders come from the paths, and context edits make a new context', () => {
    const ctx = memoryContext({ 'a/b/c.txt': '1', 'empty/': '' });
    assert.deepEqual(ctx.list(''), ['a', 'empty']);
    assert.ok(ctx.exists('a/b') && ctx.exists('empty'));
    const edited = ctx.withEdits([
      {
        path: '.dockerignore',
        create: true,
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '.git\n' }],
      },
    ]);
    assert.equal(edited.readFile('.dockerignore'), '.git\n');
    assert.equal(ctx.readFile('.dockerignore'), undefined);
    assert.throws(() => edited.withEdits([{ path: '.dockerignore', create: true, edits: [] }]), /exists/);
  });
});
