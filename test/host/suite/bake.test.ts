// Bake and builders in a real VS Code on the real buildx 0.13 (scripts/test-env/buildx.sh): the
// Build Targets view lists a bake file's groups and targets as buildx reads them, a bake task
// builds with notes on each target's Dockerfile and the failure marked on its own, a file buildx
// cannot read and an unknown builder stop a task before it starts, and Select Builder… picks the
// builder the next build runs on. The bake files are written into the workspace for this suite
// alone (the other suites' view would list them).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TargetItem } from '../../../src/vscode/builds/targetsTree';
import { loadExeca } from '../../../src/core/builds/execa';
import { buildEnd, stepNotes, viewChildren, viewRows, watchBuild, withSetting, workspaceUri } from './helpers';
import { quickInputTitled, requireUi, ui } from './ui';
import { skipOrFail } from '../../support/skipOrFail';

const BUILDX_DOCKER = process.env.DOCKWRIGHT_BUILDX_DOCKER ?? '';
const API_TAG = `dockwright-host-bake/api:${process.pid}`;

const FILES: Record<string, string> = {
  'bake/docker-bake.hcl': [
    'group "default" {',
    '  targets = ["api", "web"]',
    '}',
    'group "all" {',
    '  targets = ["default", "broken"]',
    '}',
    'target "api" {',
    '  context = "api"',
    `  tags    = ["${API_TAG}"]`,
    '}',
    'target "web" {',
    '  context    = "web"',
    '  dockerfile = "web.Dockerfile"',
    '}',
    'target "broken" {',
    '  context = "api"',
    '  target  = "broken"',
    '}',
    '',
  ].join('\n'),
  'bake/api/Dockerfile': [
    'FROM local/busybox:1 AS base',
    'RUN echo api base',
    '',
    'FROM base AS broken',
    'RUN echo about to fail && \\',
    '    exit 3',
    '',
    'FROM base',
    'WORKDIR /api',
    'RUN echo api final > /api/out',
    '',
  ].join('\n'),
  'bake/web/web.Dockerfile': ['FROM local/busybox:1', 'RUN echo web > /web', 'COPY web.Dockerfile /copied', ''].join(
    '\n',
  ),
  'bake/broken/docker-bake.hcl': ['target "api" {', '  tags = ["x"', '}', ''].join('\n'),
};

/** Runs a bake task VS Code lists (provided, or from tasks.json); resolves with its output and exit code. */
async function runBakeTask(name: string): Promise<{ output: string; exitCode: number }> {
  const task = (await vscode.tasks.fetchTasks({ type: 'bake' })).find((t) => t.name === name);
  assert.ok(task, `no bake task '${name}'`);
  const build = watchBuild((b) => b === name);
  await vscode.tasks.executeTask(task);
  const { output, exitCode } = await buildEnd(build, 120_000);
  return { output, exitCode };
}

/** The bake file's row under the view's top level, and the rows under it. */
async function bakeRows(file: string) {
  const uri = workspaceUri(file);
  const top = (await viewChildren('dockwright.buildTargets')).find(
    (i: TargetItem) => i.kind === 'bakeFile' && i.uri.toString() === uri.toString(),
  );
  assert.ok(top, `the view lists ${file}`);
  return viewRows('dockwright.buildTargets', top);
}

describe('bake and builders (real VS Code, buildx 0.13)', function () {
  this.timeout(240_000);
  const restore: (() => Thenable<void>)[] = [];
  const savedEnv = { DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CONFIG: process.env.DOCKER_CONFIG };

  before(async function () {
    if (!BUILDX_DOCKER)
      skipOrFail(this, 'no buildx engine (DOCKWRIGHT_BUILDX_DOCKER is not set): run scripts/test-env/setup.sh');
    // the extension runs in this process: the engine it detects reads these
    process.env.DOCKER_HOST = process.env.DOCKWRIGHT_BUILDX_DOCKER_HOST;
    process.env.DOCKER_CONFIG = process.env.DOCKWRIGHT_BUILDX_DOCKER_CONFIG;
    restore.push(
      await withSetting('dockwright', 'build.engine', 'buildx'),
      await withSetting('dockwright', 'dockerPath', BUILDX_DOCKER),
    );
    for (const [file, text] of Object.entries(FILES))
      await vscode.workspace.fs.writeFile(workspaceUri(file), Buffer.from(text));
    await vscode.commands.executeCommand('dockwright.refreshBuildTargets');
  });

  after(async () => {
    for (const r of restore.reverse()) await r();
    Object.assign(process.env, savedEnv);
    await Promise.resolve(vscode.workspace.fs.delete(workspaceUri('bake'), { recursive: true })).catch(() => undefined);
    if (BUILDX_DOCKER) {
      const { execa } = await loadExeca();
      await execa(BUILDX_DOCKER, ['image', 'rm', '-f', API_TAG], {
        reject: false,
        env: {
          DOCKER_HOST: process.env.DOCKWRIGHT_BUILDX_DOCKER_HOST,
          DOCKER_CONFIG: process.env.DOCKWRIGHT_BUILDX_DOCKER_CONFIG,
        },
      });
    }
  });

  it("the Build Targets view lists a bake file's groups and targets, as buildx reads them", async () => {
    const rows = await bakeRows('bake/docker-bake.hcl');
    assert.deepEqual(
      rows.map((r) => [r.item.label, r.item.description, r.item.contextValue]),
      [
        ['default', 'group · api, web', 'dockwright.bakeTarget'],
        ['all', 'group · api, broken, web', 'dockwright.bakeTarget'],
        ['api', 'bake/api/Dockerfile', 'dockwright.bakeTarget'],
        ['broken', 'bake/api/Dockerfile · --target broken', 'dockwright.bakeTarget'],
        ['web', 'bake/web/web.Dockerfile', 'dockwright.bakeTarget'],
      ],
    );
  });

  it("shows buildx's message in place of the targets of a bake file it cannot read", async () => {
    const rows = await bakeRows('bake/broken/docker-bake.hcl');
    assert.equal(rows.length, 1);
    assert.match(
      String(rows[0].item.label),
      /buildx could not read 'docker-bake\.hcl': docker-bake\.hcl:3,1-2: Missing item separator/,
    );
  });

  it("a bake task builds a group of two targets: live output, each step's note on its own Dockerfile", async () => {
    const { output, exitCode } = await runBakeTask('bake bake/docker-bake.hcl default');
    assert.equal(exitCode, 0, output);
    assert.match(output, /buildx bake --file docker-bake\.hcl --progress=plain -- default/);
    assert.match(output, /\[api base 2\/2\] RUN echo api base/);
    const lines = async (file: string) => (await stepNotes(workspaceUri(file))).map((n) => n.line).sort();
    // the FROM both share is built once, under whichever target reaches it first
    const web = await lines('bake/web/web.Dockerfile');
    const api = await lines('bake/api/Dockerfile');
    assert.ok(
      [1, 2].every((l) => web.includes(l)),
      JSON.stringify(web),
    );
    assert.ok(
      [1, 8, 9].every((l) => api.includes(l)),
      JSON.stringify(api),
    );
  });

  it("a failing target of a group is marked on its own Dockerfile's line", async () => {
    const { output, exitCode } = await runBakeTask('bake bake/docker-bake.hcl all');
    assert.equal(exitCode, 1, output);
    const marks = vscode.languages
      .getDiagnostics(workspaceUri('bake/api/Dockerfile'))
      .filter((d) => d.source === 'dockwright-build');
    assert.deepEqual(
      marks.map((d) => d.range.start.line),
      [4],
    );
    assert.match(marks[0].message, /exit code: 3/);
    assert.equal(
      vscode.languages
        .getDiagnostics(workspaceUri('bake/web/web.Dockerfile'))
        .filter((d) => d.source === 'dockwright-build').length,
      0,
    );
  });

  for (const [task, message] of [
    ['dockwright bake a broken file', /docker-bake\.hcl:3,1-2: Missing item separator/],
    ['dockwright bake on an unknown builder', /Builder 'nosuch' cannot be used: no builder "nosuch" found/],
  ] as const) {
    it(`stops '${task}' before anything starts, in buildx's words`, async () => {
      const { output, exitCode } = await runBakeTask(task);
      assert.equal(exitCode, 2, output);
      assert.match(output, message);
      assert.ok(!/> \S+ .*buildx bake --file/.test(output), `no bake command ran: ${output}`);
    });
  }

  it('Select Builder… lists the builders, and the next build runs on the one chosen', async function () {
    requireUi(this);
    const choose = async (typed: string) => {
      const picked = Promise.resolve(vscode.commands.executeCommand<string | null>('dockwright.selectBuilder'));
      const shown = await ui('select-builder', [
        quickInputTitled('Builder for this workspace'),
        { read: '.quick-input-widget .quick-input-list' },
        { type: typed },
        { press: 'Enter' },
      ]);
      return { shown: shown[0], picked: await picked };
    };
    const { shown, picked } = await choose('default');
    assert.equal(picked, 'default');
    assert.match(shown, /Current builder/);
    assert.match(shown, /default/);
    try {
      const { output, exitCode } = await runBakeTask('bake bake/docker-bake.hcl web');
      assert.equal(exitCode, 0, output);
      // the default builder is a docker context: chosen with the CLI's --context
      assert.match(output, /> \S+ --context default buildx bake/);
    } finally {
      assert.equal((await choose('Current builder')).picked, undefined);
    }
  });
});
