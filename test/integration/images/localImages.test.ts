import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Engine } from '../../../src/core/builds';
import { EngineUnavailableError, ImageNotFoundError } from '../../../src/core/images';
import {
  ImageInUseError,
  listLocalImages,
  type LocalImage,
  removeLocalImage,
  tagImage,
} from '../../../src/core/images/localImages';
import { RUN_ID } from '../builds/support';
import { context, ENGINES, type TestEngine } from './support';

// The Images root's core on each engine of the test environment (Docker 20.10, buildx 0.13 on
// dockerd 26 with the containerd store, podman 4.3): an image built here is listed with its size
// and date, takes a new tag, refuses to go while a container uses it, and goes.

// the run's ID makes each run's layer new: BuildKit dates an image by its cached steps' times
const DOCKERFILE = `FROM local/busybox:1
RUN echo ${RUN_ID} > /run-id && dd if=/dev/zero of=/blob bs=1k count=300
`;

/** The listed image a reference names, as the Images root finds it. */
async function imageNamed(engine: Engine, reference: string): Promise<LocalImage | undefined> {
  return (await listLocalImages(engine)).find((i) => i.references.includes(reference));
}

async function engineRun(engine: Engine, args: string[]): Promise<string> {
  const { execa } = await import('execa');
  const r = await execa(engine.command, args, { env: engine.env, reject: false, stdin: 'ignore' });
  if (r.exitCode !== 0) throw new Error(`${engine.command} ${args.join(' ')}: ${String(r.stderr)}`);
  return String(r.stdout).trim();
}

function describeEngine(test: TestEngine) {
  describe(`the local images on ${test.name} (integration)`, function () {
    this.timeout(300_000);
    let engine: Engine;
    const image = test.tag('images-root');
    const other = test.tag('images-root-retagged');
    let dir = '';

    before(async function () {
      engine = await test.require(this);
      dir = context({ Dockerfile: DOCKERFILE });
      await test.build(dir, image);
    });
    after(async () => {
      if (engine) await test.remove(image, other).catch(() => undefined);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('lists the built image by its reference, with its size and date, newest first', async () => {
      const images = await listLocalImages(engine);
      const built = images.find((i) => i.references.includes(image));
      assert.ok(built, `${image} is not among ${JSON.stringify(images.map((i) => i.references))}`);
      assert.match(built.id, /^sha256:[a-f0-9]{64}$/);
      // the base (about 2 MB) and the 300 KiB blob unpacked; the containerd store counts the
      // compressed content (about 1.1 MB: the blob is zeros)
      assert.ok(built.size! > 1_000_000 && built.size! < 10_000_000, `size ${built.size}`);
      assert.ok(Date.now() - Date.parse(built.created!) < 600_000, `created ${built.created}`);
      assert.equal(images[0].id, built.id, 'the newest image comes first');
      assert.equal((await imageNamed(engine, image))?.id, built.id);
    });

    it('tags it, refuses to remove it while a container uses it, then removes it', async () => {
      assert.equal(await tagImage(engine, image, other), other);
      const tagged = await imageNamed(engine, other);
      assert.deepEqual(tagged?.references.sort(), [image, other].sort());

      const container = await engineRun(engine, ['create', other, 'true']);
      try {
        // the last reference of an image a container uses: the engine refuses, and says which container
        await removeLocalImage(engine, image);
        const error = await removeLocalImage(engine, other).then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof ImageInUseError, String(error));
        assert.match(error.message, /is used by (container [a-f0-9]{12}|a container): remove the container first/);
      } finally {
        await engineRun(engine, ['rm', container]);
      }
      await removeLocalImage(engine, other);
      assert.equal(await imageNamed(engine, other), undefined);
      const gone = await removeLocalImage(engine, other).catch((e: unknown) => e);
      assert.ok(gone instanceof ImageNotFoundError, String(gone));
    });

    it('refuses a new name that is no reference before it asks the engine', async () => {
      await assert.rejects(tagImage(engine, 'local/busybox:1', 'Bad Name'), /not a valid repository name/);
    });
  });
}

for (const engine of ENGINES) describeEngine(engine);

describe('the local images of an engine that does not answer (integration)', () => {
  it('says the engine does not answer, at once', async function () {
    if (!process.env.DOCKER_BIN && !process.env.DOCKER_HOST) this.skip();
    const dead: Engine = {
      kind: 'docker',
      command: process.env.DOCKER_BIN ?? 'docker',
      env: { DOCKER_HOST: 'unix:///nonexistent/dockwright-dead.sock' },
    };
    const started = Date.now();
    const error = await listLocalImages(dead).catch((e: unknown) => e);
    assert.ok(error instanceof EngineUnavailableError, String(error));
    assert.ok(Date.now() - started < 10_000);
  });
});
