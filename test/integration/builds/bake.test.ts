import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  bakeCommand,
  bakeFailure,
  BakeFileError,
  bakeSteps,
  BuilderError,
  checkBuilder,
  listBuilders,
  onBuilder,
  printBake,
  readBakeFile,
  runCommand,
  stepNotes,
  type BakeRun,
  type BakeSpec,
  type Engine,
} from '../../../src/core/builds';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { BUILDX_DOCKER, buildxDocker, FIXTURES, requireBuildx, RUN_ID } from './support';

// Bake and builders on buildx 0.13.1 and dockerd 26 (scripts/test-env/buildx.sh), through the
// project's own code: the bake file of test/fixtures/builds/buildx-0.13/bake (group default = api +
// web, group all = default + broken; broken fails at api/Dockerfile line 4, 0-based).
describe('bake and builders on buildx 0.13 (integration)', function () {
  this.timeout(180_000);
  let engine: Engine;
  let folder: string;
  const file = () => path.join(folder, 'docker-bake.hcl');
  const apiTag = `dockwright-bake-test/api:${RUN_ID}`;

  before(async function () {
    engine = await requireBuildx(this);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-bake-'));
    fs.cpSync(path.join(FIXTURES, 'buildx-0.13', 'bake'), folder, { recursive: true });
  });

  after(async () => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
    if (BUILDX_DOCKER) await buildxDocker('image', 'rm', '-f', apiTag).catch(() => undefined);
  });

  /** Runs a bake spec through the runner; its steps given back to each target's Dockerfile. */
  async function bake(spec: Omit<BakeSpec, 'file'>) {
    const full = { file: file(), set: [`api.tags=${apiTag}`], ...spec };
    const printed = await printBake(engine, full.file, [full.target ?? 'default']);
    const run: BakeRun = {
      targets: printed.targets,
      folder,
      model: (dockerfile) => parseDockerfile(fs.readFileSync(dockerfile, 'utf8')),
    };
    const command = bakeCommand(full, engine);
    let output = '';
    const result = await runCommand(command, { cwd: command.cwd, onOutput: (chunk) => (output += chunk.text) });
    const notes = Object.fromEntries(
      [...bakeSteps(result.progress.steps, run)].map(([dockerfile, steps]) => [
        path.relative(folder, dockerfile),
        stepNotes(steps).map((n) => n.line),
      ]),
    );
    return { result, output, notes, run };
  }

  describe('bake --print', () => {
    it("lists a bake file's targets and what each group builds", async () => {
      const read = await readBakeFile(engine, file());
      assert.deepEqual(
        read.targets.map((t) => [t.name, t.context, t.dockerfile, t.stage ?? '']),
        [
          ['api', 'api', 'Dockerfile', ''],
          ['broken', 'api', 'Dockerfile', 'broken'],
          ['web', 'web', 'web.Dockerfile', ''],
        ],
      );
      assert.deepEqual(read.groups, [
        { name: 'default', targets: ['api', 'web'] },
        { name: 'all', targets: ['api', 'broken', 'web'] },
      ]);
    });

    it('reads a JSON bake file the same way', async () => {
      const read = await readBakeFile(engine, path.join(folder, 'docker-bake.json'));
      assert.deepEqual(
        read.targets.map((t) => [t.name, t.tags]),
        [['web', ['dockwright-bake/web:json']]],
      );
      assert.deepEqual(read.groups, [{ name: 'default', targets: ['web'] }]);
    });

    it('leaves out a name buildx does not know (a block inside a heredoc), keeping the rest', async () => {
      const odd = path.join(folder, 'heredoc.hcl');
      fs.writeFileSync(
        odd,
        ['target "real" {', '  args = {', '    NOTE = <<EOT', 'target "ghost" {', 'EOT', '  }', '}', ''].join('\n'),
      );
      const read = await readBakeFile(engine, odd);
      assert.deepEqual(
        read.targets.map((t) => t.name),
        ['real'],
      );
    });

    it("refuses a bake file that does not parse, with buildx's own message and excerpt", async () => {
      await assert.rejects(readBakeFile(engine, path.join(folder, 'broken.hcl')), (error: Error) => {
        assert.ok(error instanceof BakeFileError, String(error));
        assert.match(error.message, /^buildx could not read 'broken\.hcl': broken\.hcl:4,1-2: Missing item separator/);
        assert.ok(error.details.includes('   4 | >>> }'), error.details.join('\n'));
        return true;
      });
    });
  });

  describe('docker buildx bake through the runner', () => {
    it("builds a group of two targets: each step's note on its own Dockerfile's line", async () => {
      const { result, output, notes } = await bake({ target: 'default', noCache: true });
      assert.equal(result.exitCode, 0, output);
      assert.match(output, /\[api base 2\/2\] RUN echo api base/);
      // the FROM both share is built once, under whichever target reaches it first: its note lands
      // on that target's FROM line, and on one of the two only
      const withoutFrom = (lines: number[]) => lines.filter((line) => line !== 0);
      assert.deepEqual(withoutFrom(notes['api/Dockerfile']), [1, 8, 9]);
      assert.deepEqual(withoutFrom(notes['web/web.Dockerfile']), [2, 3]);
      const fromNotes = [notes['api/Dockerfile'], notes['web/web.Dockerfile']].filter((lines) => lines.includes(0));
      assert.equal(fromNotes.length, 1, JSON.stringify(notes));
      assert.match(await buildxDocker('image', 'inspect', '--format', '{{.Id}}', apiTag), /^sha256:/);
    });

    it("marks the failing target's instruction when one target of a group fails", async () => {
      const { result, output, notes, run } = await bake({ target: 'all', noCache: true });
      assert.equal(result.exitCode, 1, output);
      assert.ok(notes['api/Dockerfile'].includes(4), JSON.stringify(notes));
      const failed = bakeFailure(result.failure!, run);
      assert.equal(failed?.dockerfile, path.join(folder, 'api', 'Dockerfile'));
      assert.equal(failed?.line, 4);
      assert.match(failed!.failure.message, /exit code: 3/);
    });
  });

  describe('builders', () => {
    let config: string;
    let contextEngine: Engine;

    before(async () => {
      // a config of its own, with the plugin and a docker context: buildx lists the context as a builder
      config = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-builders-'));
      fs.mkdirSync(path.join(config, 'cli-plugins'));
      const plugin = path.join(engine.env.DOCKER_CONFIG, 'cli-plugins', 'docker-buildx');
      fs.symlinkSync(fs.realpathSync(plugin), path.join(config, 'cli-plugins', 'docker-buildx'));
      fs.writeFileSync(path.join(config, 'config.json'), '{}');
      contextEngine = { ...engine, env: { ...engine.env, DOCKER_CONFIG: config } };
      const { execa } = await import('execa');
      await execa(
        BUILDX_DOCKER,
        ['context', 'create', `dockwright-${RUN_ID}`, '--docker', `host=${engine.env.DOCKER_HOST}`],
        {
          env: contextEngine.env,
        },
      );
    });

    after(() => fs.rmSync(config, { recursive: true, force: true }));

    it('lists the default builder, and a docker context as a builder of the docker driver', async () => {
      assert.deepEqual(
        (await listBuilders(engine)).map((b) => [b.name, b.driver, b.status]),
        [['default', 'docker', 'running']],
      );
      const builders = await listBuilders(contextEngine);
      assert.deepEqual(
        builders.map((b) => b.name),
        ['default', `dockwright-${RUN_ID}`],
      );
      assert.ok(builders[1].platforms.includes('linux/amd64'), JSON.stringify(builders[1]));
    });

    it('builds on the builder a bake task names', async () => {
      const builder = await checkBuilder(contextEngine, `dockwright-${RUN_ID}`);
      assert.deepEqual(builder, { name: `dockwright-${RUN_ID}`, driver: 'docker' });
      const command = onBuilder(bakeCommand({ file: file(), target: 'web' }, contextEngine), builder);
      let output = '';
      const result = await runCommand(command, { cwd: command.cwd, onOutput: (c) => (output += c.text) });
      assert.equal(result.exitCode, 0, output);
      assert.match(output, new RegExp(`building with "dockwright-${RUN_ID}" instance using docker driver`));
    });

    it("refuses an unknown builder in buildx's words", async () => {
      await assert.rejects(
        checkBuilder(engine, 'nosuch'),
        (e: Error) =>
          e instanceof BuilderError && /Builder 'nosuch' cannot be used: no builder "nosuch" found/.test(e.message),
      );
    });
  });
});
