// Build and Push… and Push Image… from the palette, answered through the workbench as a person
// would (the tag typed into the input box, the other prompts' defaults accepted), on the real
// engine and the open test registry: the tag really lands in the registry, and Push Image… then
// offers the tag that Dockerfile was last pushed with.
import assert from 'node:assert/strict';
import { removeImage, runAnswering, type TestEngine, useRealEngine, workspaceUri } from './helpers';
import { QUICK_INPUT_BOX, quickInputTitled, requireUi, ui, uiMissing } from './ui';
import { skipOrFail } from '../../support/skipOrFail';

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

/** The registry's digest of `repository:tag` (GET of its manifest), or the HTTP status it answered. */
async function manifestDigest(
  host: string,
  repository: string,
  tag: string,
): Promise<{ status: number; digest?: string }> {
  const response = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, {
    headers: { Accept: MANIFEST_TYPES.join(', ') },
  });
  await response.arrayBuffer();
  return { status: response.status, digest: response.headers.get('docker-content-digest') ?? undefined };
}

/**
 * The two commands on `engine`, pushing to `registry` (where the engine pushes) and reading the
 * result from `readFrom` (buildx's registry is inside its network namespace; the same storage is
 * served on the host).
 */
function pushTestsOn(engine: TestEngine, registry: string | undefined, readFrom: string | undefined): void {
  const repository = `dockwright-host-push-${engine}`;
  const tag = `run-${Date.now().toString(36)}`;
  const image = `${registry}/${repository}:${tag}`;
  const dockerfile = workspaceUri('build', 'norun.Dockerfile');
  let pushed = false;

  before(async function () {
    if (!registry || !readFrom) {
      const message = `no ${engine} registry is set: start the registries with scripts/test-env/setup.sh`;
      skipOrFail(this, message);
    }
    requireUi(this);
    assert.equal((await manifestDigest(readFrom!, repository, tag)).status, 404, `${image} is new to the registry`);
  });

  after(async () => {
    // the engine keeps the tag the build gave it; each run makes a new one
    if (!registry || uiMissing()) return;
    await removeImage(image, engine);
  });

  it('Build and Push… builds with the tag typed into its input box and pushes it: the registry has the tag', async () => {
    const { answered: platforms, end } = await runAnswering('dockwright.buildAndPush', dockerfile, () =>
      ui('build-and-push', [
        quickInputTitled('Image tag'),
        { press: 'Control+A' }, // the offered tag is selected already; this makes sure the typing replaces it
        { type: image },
        { press: 'Enter' },
        quickInputTitled('Platforms'),
        { read: QUICK_INPUT_BOX },
        { press: 'Enter' },
        // not signing is offered first (signing.test.ts signs)
        quickInputTitled('Sign the pushed image?'),
        { press: 'Enter' },
      ]),
    );
    assert.ok(end, 'dockwright.buildAndPush started no task');
    const { output, exitCode, build } = end;
    assert.deepEqual(platforms, [''], 'the platforms prompt offers none: the engine builds its own');
    assert.equal(exitCode, 0, output);
    assert.equal(build, `build and push ${image}`);
    assert.match(output, new RegExp(`--tag ${image.replace(/[.]/g, '\\.')}`));
    const { status, digest } = await manifestDigest(readFrom!, repository, tag);
    assert.equal(status, 200, `the registry has ${image} after the push; the push said: ${output.slice(-500)}`);
    assert.match(digest ?? '', /^sha256:[0-9a-f]{64}$/);
    if (engine === 'buildx') {
      // one command builds and pushes
      assert.match(output, /> \S+ buildx build .*--push/);
      assert.ok(!/> \S+ push /.test(output), output);
      assert.match(output, new RegExp(`pushing ${image.replace(/[.]/g, '\\.')} with docker`));
    } else {
      assert.match(output, new RegExp(`> \\S+ push ${image.replace(/[.]/g, '\\.')}`));
      assert.ok(
        output.includes(`${tag}: digest: ${digest}`),
        `the push reports the registry's digest ${digest}: ${output.slice(-500)}`,
      );
    }
    pushed = true;
  });

  it('Push Image… offers the tag that Dockerfile was last pushed with, and pushes it again', async function () {
    assert.ok(pushed, 'needs the Build and Push… test before it, which pushes the tag this one offers');
    const { end } = await runAnswering('dockwright.pushImage', dockerfile, async () => {
      const offered = await ui('push-image', [quickInputTitled('Push image'), { read: QUICK_INPUT_BOX }]);
      assert.deepEqual(offered, [image], 'the input box offers the remembered tag');
      await ui('push-image-accept', [{ press: 'Enter' }]);
    });
    assert.ok(end, 'dockwright.pushImage started no task');
    const { output, exitCode, build } = end;
    assert.equal(exitCode, 0, output);
    assert.equal(build, `push ${image}`);
    assert.ok(
      !/--tag|\bbuild\b.*--file/.test(output),
      `Push Image… only pushes, it builds nothing: ${output.slice(0, 500)}`,
    );
    assert.ok(output.includes(`The push refers to repository [${registry}/${repository}]`), output);
    const { digest } = await manifestDigest(readFrom!, repository, tag);
    assert.ok(
      output.includes(`${tag}: digest: ${digest}`),
      `the push reports the registry's digest ${digest}: ${output.slice(-500)}`,
    );
  });
}

describe('push commands (real VS Code, real engine and registry)', function () {
  this.timeout(240_000);
  useRealEngine();
  pushTestsOn('docker', process.env.TEST_REGISTRY, process.env.TEST_REGISTRY);
});

describe('push commands on buildx 0.13 and dockerd 26 (real VS Code)', function () {
  this.timeout(240_000);
  useRealEngine('buildx');
  pushTestsOn('buildx', process.env.DOCKWRIGHT_BUILDX_REGISTRY, process.env.DOCKWRIGHT_BUILDX_HOST_REGISTRY);
});
