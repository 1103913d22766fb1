import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  BAKE_SPEC_FIELDS,
  bakeBlockNames,
  bakeCommand,
  BakeDefinitionError,
  bakeFailure,
  BakeFileError,
  BakeSpecError,
  bakeSpecFromTaskFields,
  bakeSteps,
  parseBakePrint,
  parseProgress,
  printBake,
  stepNotes,
  targetDockerfile,
  type BakeRun,
  type Engine,
} from '../../../src/core/builds';
import { buildxMessage } from '../../../src/core/builds/query';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { dedent } from '../../support/dedent';

// Recordings of buildx 0.13.1 (test/fixtures/builds/buildx-0.13/record-bake.sh) of the bake file
// in buildx-0.13/bake: group default = api + web, group all = default + broken; api/Dockerfile
// (stages base, broken failing at line 4, an unnamed final stage), web/web.Dockerfile.
const HERE = path.resolve(__dirname, '../../fixtures/builds/buildx-0.13');
const BAKE = path.join(HERE, 'bake');
const recorded = (name: string) => fs.readFileSync(path.join(HERE, 'bake-recorded', name), 'utf8');
const buildx: Engine = { kind: 'buildx', command: '/usr/bin/docker', env: { DOCKER_HOST: 'unix:///x.sock' } };
const API = path.join(BAKE, 'api/Dockerfile');
const WEB = path.join(BAKE, 'web/web.Dockerfile');

const targets = parseBakePrint(recorded('print-targets.exit0.txt')).targets;
const byName = (...names: string[]) => names.map((n) => targets.find((t) => t.name === n)!);
const run = (names: string[]): BakeRun => ({
  targets: byName(...names),
  folder: BAKE,
  model: (file) => parseDockerfile(fs.readFileSync(file, 'utf8')),
});
/** A recorded bake build's notes as `file:line:text`, file relative to the bake folder. */
function notesOf(recording: string, names: string[]) {
  const exitCode = Number(/\.exit(\d+)\./.exec(recording)![1]);
  const progress = parseProgress(recorded(recording), 'plain', { exitCode });
  const files = bakeSteps(progress.steps, run(names));
  const notes = [...files].flatMap(([file, steps]) =>
    stepNotes(steps).map((n) => `${path.relative(BAKE, file)}:${n.line}:${/^\d/.test(n.text) ? 'took' : n.text}`),
  );
  return { notes, files, progress };
}

describe('bake --print as buildx 0.13 prints it (unit)', () => {
  it('reads every target: context, Dockerfile, stage and tags, as printed', () => {
    assert.deepEqual(targets, [
      {
        name: 'api',
        context: 'api',
        dockerfile: 'Dockerfile',
        inline: false,
        tags: ['dockwright-bake/api:latest'],
        platforms: [],
      },
      {
        name: 'broken',
        context: 'api',
        dockerfile: 'Dockerfile',
        inline: false,
        stage: 'broken',
        tags: [],
        platforms: [],
      },
      { name: 'web', context: 'web', dockerfile: 'web.Dockerfile', inline: false, tags: [], platforms: [] },
    ]);
    assert.deepEqual(
      targets.map((t) => targetDockerfile(t, BAKE)),
      [API, API, WEB],
    );
  });

  it("reads a group's print: the targets it builds, nested groups resolved", () => {
    const all = parseBakePrint(recorded('print-group-all.exit0.txt'));
    assert.deepEqual(
      all.targets.map((t) => t.name),
      ['api', 'broken', 'web'],
    );
    assert.deepEqual(all.groups.find((g) => g.name === 'all')?.targets, ['default', 'broken']);
  });

  it('has no Dockerfile for an inline one or a remote context', () => {
    const [inline, remote] = parseBakePrint(
      JSON.stringify({
        target: {
          a: { context: '.', 'dockerfile-inline': 'FROM scratch' },
          b: { context: 'https://github.com/example/app.git' },
        },
      }),
    ).targets;
    assert.equal(targetDockerfile(inline, BAKE), undefined);
    assert.equal(targetDockerfile(remote, BAKE), undefined);
    assert.equal(inline.dockerfile, 'Dockerfile', "bake's default");
  });

  const refused: [string, unknown, RegExp][] = [
    ['not JSON', 'group {', /not JSON/],
    ['a list', [], /not an object/],
    ['targets as a list', { target: [] }, /its targets that is not an object/],
    ['a target name with a control character', { target: { 'a\u001b[2J': {} } }, /target named 'a\\u001b\[2J'/],
    ['a target name with a space', { target: { 'a b': {} } }, /target named 'a b'/],
    ['a target that is a string', { target: { a: 'x' } }, /target 'a' as a string/],
    ['a context that is a number', { target: { a: { context: 1 } } }, /'context' as a number/],
    ['a Dockerfile with an escape', { target: { a: { dockerfile: 'D\u001b]0;x\u0007' } } }, /control characters/],
    ['tags as a string', { target: { a: { tags: 'x' } } }, /'tags' as a string, not a list/],
    ['a tag that is a number', { target: { a: { tags: ['x', 2] } } }, /'tags' as a list/],
    ['a right-to-left override in a tag', { target: { a: { tags: ['x\u202e'] } } }, /'tags' as a list/],
    ['a group member with a slash', { group: { g: { targets: ['../x'] } } }, /target named '..\/x'/],
    ['a group name with a newline', { group: { 'g\n': { targets: [] } } }, /group named 'g\\u000a'/],
  ];
  for (const [what, json, message] of refused) {
    it(`refuses ${what}`, () => {
      const text = typeof json === 'string' ? json : JSON.stringify(json);
      assert.throws(
        () => parseBakePrint(text),
        (e: Error) => e instanceof BakeDefinitionError && message.test(e.message),
      );
    });
  }

  it("takes buildx's own message from its stderr: the ERROR line, and the excerpt for the terminal", () => {
    const { message, details } = buildxMessage(recorded('print-broken-file.exit1.txt'));
    assert.equal(
      message,
      'broken.hcl:4,1-2: Missing item separator; Expected a comma to mark the beginning of the next item.',
    );
    assert.equal(details[0], 'broken.hcl:4');
    assert.ok(details.includes('   4 | >>> }'), details.join('\n'));
    assert.ok(!details.some((l) => l.startsWith('#1 ')), 'no progress lines');
  });

  it('refuses a bake file with an engine other than buildx, before running anything', async () => {
    await assert.rejects(
      printBake({ kind: 'docker', command: '/nonexistent/docker', env: {} }, path.join(BAKE, 'docker-bake.hcl'), []),
      (e: Error) => e instanceof BakeFileError && /Bake needs buildx/.test(e.message),
    );
  });
});

describe("a bake file's block names, for --print (unit)", () => {
  const cases: [string, string, 'hcl' | 'json', { targets: string[]; groups: string[] }][] = [
    [
      'the fixture: not the commented-out blocks',
      fs.readFileSync(path.join(BAKE, 'docker-bake.hcl'), 'utf8'),
      'hcl',
      { targets: ['api', 'web', 'broken'], groups: ['default', 'all'] },
    ],
    [
      'labels as identifiers, and each name once',
      dedent(`
        target app {
        }
        target "app" {}
        group   "g"{
      `),
      'hcl',
      { targets: ['app'], groups: ['g'] },
    ],
    [
      'no header inside a string or after other text; names buildx refuses left out',
      dedent(`
        x = "target \\"a\\" {"
          target "b.c" {
        // target "d" {
        variable "target" {
      `),
      'hcl',
      { targets: [], groups: [] },
    ],
    [
      'a block comment closed on its first line hides nothing',
      dedent(`
        /* note */ 
        target "a" {
      `),
      'hcl',
      { targets: ['a'], groups: [] },
    ],
    [
      'JSON: the keys',
      fs.readFileSync(path.join(BAKE, 'docker-bake.json'), 'utf8'),
      'json',
      { targets: ['web'], groups: ['default'] },
    ],
    ['JSON that does not parse: none (buildx says why)', '{"target": ', 'json', { targets: [], groups: [] }],
    ['JSON with a list where the targets go', '{"target": ["a"]}', 'json', { targets: [], groups: [] }],
  ];
  for (const [what, text, format, expected] of cases) {
    it(what, () => assert.deepEqual(bakeBlockNames(text, format), expected));
  }
});

describe('a bake build of the recorded runs: steps back to their Dockerfiles (unit)', () => {
  it('two targets: each step on its own Dockerfile line, the shared FROM on the first to reach it', () => {
    const { notes, files } = notesOf('default.plain.exit0.txt', ['api', 'web']);
    assert.deepEqual([...files.keys()], [API, WEB]);
    assert.deepEqual(notes.sort(), [
      'api/Dockerfile:0:cached',
      'api/Dockerfile:1:took',
      'api/Dockerfile:8:took',
      'api/Dockerfile:9:took',
      'web/web.Dockerfile:2:took',
      'web/web.Dockerfile:3:took',
    ]);
  });

  it("three targets, one failing: the failure on the failing target's Dockerfile line", () => {
    const { notes, progress } = notesOf('all.plain.exit1.txt', ['api', 'broken', 'web']);
    assert.ok(notes.includes('api/Dockerfile:4:failed'), notes.join(', '));
    assert.ok(notes.includes('web/web.Dockerfile:2:took'), notes.join(', '));
    const failed = bakeFailure(progress.failure!, run(['api', 'broken', 'web']));
    assert.equal(failed?.dockerfile, API);
    assert.equal(failed?.line, 4);
    assert.match(failed!.failure.message, /exit code: 3/);
  });

  it('one target: steps named as in a build, no target prefix', () => {
    const { notes, progress } = notesOf('broken.plain.exit1.txt', ['broken']);
    assert.deepEqual(notes.sort(), ['api/Dockerfile:0:cached', 'api/Dockerfile:1:took', 'api/Dockerfile:4:failed']);
    assert.deepEqual(bakeFailure(progress.failure!, run(['broken']))?.line, 4);
  });

  it('a failure with no step in a run of several targets marks no file', () => {
    const failure = { message: 'failed to solve: something' };
    assert.equal(bakeFailure(failure, run(['api', 'web'])), undefined);
    assert.equal(bakeFailure({ ...failure, line: 2 }, run(['web']))?.line, 2);
  });
});

describe('a bake task as a command (unit)', () => {
  const file = '/work/space/docker-bake.hcl';

  it('runs `docker buildx bake` with plain progress in the bake file’s folder, the target last', () => {
    const command = bakeCommand(
      { file, target: 'api', builder: 'remote1', noCache: true, pull: true, set: ['*.platform=linux/arm64'] },
      buildx,
    );
    assert.deepEqual(command, {
      command: '/usr/bin/docker',
      // the builder is checked, then put on by onBuilder
      args: [
        'buildx',
        'bake',
        '--file',
        'docker-bake.hcl',
        '--progress=plain',
        '--no-cache',
        '--pull',
        '--set',
        '*.platform=linux/arm64',
        '--',
        'api',
      ],
      env: { DOCKER_HOST: 'unix:///x.sock' },
      progress: 'plain',
      cwd: '/work/space',
    });
    assert.deepEqual(bakeCommand({ file }, buildx).args.slice(-2), ['--', 'default']);
  });

  const refusals: [string, Parameters<typeof bakeCommand>[0], RegExp][] = [
    ['a target name buildx would refuse', { file, target: 'a b' }, /'a b' is not a bake target name/],
    ['a builder that reads as an option', { file, builder: '--help' }, /'--help' is not a builder name/],
    ['an override without a key', { file, set: ['x'] }, /'x' is not an override/],
    ['an override that reads as an option', { file, set: ['-f.x=y'] }, /not an override/],
  ];
  for (const [what, spec, message] of refusals) {
    it(`refuses ${what}`, () =>
      assert.throws(
        () => bakeCommand(spec, buildx),
        (e: Error) => e instanceof BakeSpecError && message.test(e.message),
      ));
  }

  it('refuses every engine but buildx', () => {
    for (const kind of ['docker', 'podman'] as const)
      assert.throws(() => bakeCommand({ file }, { kind, command: kind, env: {} }), /Bake needs buildx/);
  });

  it("reads a task's fields: the file from the workspace folder, each field of its type", () => {
    assert.deepEqual(
      bakeSpecFromTaskFields({ type: 'bake', file: 'ci/docker-bake.hcl', target: 'api' }, '/work/space'),
      {
        file: '/work/space/ci/docker-bake.hcl',
        target: 'api',
      },
    );
    assert.throws(() => bakeSpecFromTaskFields({ target: 'api' }, '/w'), /needs 'file'/);
    assert.throws(() => bakeSpecFromTaskFields({ file: 'f', set: 'x' }, '/w'), /'set' should be a list of strings/);
    assert.throws(
      () => bakeSpecFromTaskFields({ file: 'f', noCache: 'yes' }, '/w'),
      /'noCache' should be true or false/,
    );
  });

  it('the bake task schema in package.json has every BakeSpec field, and nothing else', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { taskDefinitions: { type: string; required?: string[]; properties: Record<string, unknown> }[] };
    };
    const schema = manifest.contributes.taskDefinitions.find((d) => d.type === 'bake');
    assert.ok(schema, 'package.json defines the bake task type');
    assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(BAKE_SPEC_FIELDS).sort());
    assert.deepEqual(schema.required, ['file']);
  });
});
