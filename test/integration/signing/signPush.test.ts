// Build and Push…'s sign step on the real buildx: buildx 0.13 on dockerd 26 pushes to its registry,
// the step reads the pushed digest from the metadata file it asked buildx for, and the real cosign
// signs that digest. The registry is inside buildx's network namespace; cosign reaches the same
// storage on the host's port, so the signer here swaps the host name, nothing else. (The docker
// engine's path, through the editor, is test/host/suite/signing.test.ts.) podman, whose push prints
// no digest, writes it to the file the step asks for, and pushes to the plain registry on the host.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAndPushCommands, detectEngine } from '../../../src/core/builds';
import { RegistryClient } from '../../../src/core/registry/client';
import * as signing from '../../../src/core/signing';
import type { CoreBundle } from '../../../src/vscode/coreBundle';
import { pushReport, signPushed } from '../../../src/vscode/builds/signStep';
import { skipOrFail } from '../../support/skipOrFail';
import {
  BUILDX_HOST_REGISTRY,
  BUILDX_REGISTRY,
  buildxDocker,
  exec,
  REGISTRY,
  requireBuildx,
  RUN_ID,
  run,
} from '../builds/support';

/** The real cosign of the test environment, or a skip (a failure with CI=true). */
function requireCosign(ctx: Mocha.Context): signing.Cosign {
  const command = process.env.DOCKWRIGHT_COSIGN;
  if (!command || !fs.existsSync(command))
    skipOrFail(ctx, 'no cosign (DOCKWRIGHT_COSIGN): scripts/test-env/setup.sh fetches it');
  return { command: command! };
}

describe('the sign step after a buildx push (integration)', function () {
  this.timeout(180_000);
  const repository = `dockwright-sign-step/app-${RUN_ID}`;
  const image = `${BUILDX_REGISTRY}/${repository}:1`;
  let dir: string;

  after(async () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await buildxDocker('image', 'rm', '-f', image).catch(() => undefined);
  });

  it('signs the digest from buildx’s metadata file, which cosign then verifies in the registry', async function () {
    const engine = await requireBuildx(this);
    const cosign = requireCosign(this);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-sign-step-'));
    const made = await signing.runCosign(signing.generateKeyPairCommand(cosign, ''), { cwd: dir });
    assert.ok(made.ok, made.error);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM local/busybox:1\nLABEL run=${RUN_ID}\n`);

    const report = pushReport('buildx', [image], undefined);
    const [push] = buildAndPushCommands({ context: dir, tags: [image], metadataFile: report.metadataFile }, engine);
    const pushed = await run(push, dir);
    assert.equal(pushed.exitCode, 0, pushed.output);

    const key = { key: path.join(dir, 'cosign.key'), transparencyLog: false, plainHttp: true };
    const signed: signing.SignedImage[] = [];
    const signer = {
      async sign(target: signing.SignedImage) {
        signed.push(target);
        const onHost = { ...target, registry: BUILDX_HOST_REGISTRY };
        return (await signing.runCosign(signing.signCommand(cosign, onHost, key, ''))).error;
      },
    };
    let written = '';
    const loadCore = async () => ({ signing }) as unknown as CoreBundle;
    assert.equal(await signPushed(report, signer, loadCore, (t) => (written += t)), 0, written);

    const { digest } = await new RegistryClient(BUILDX_HOST_REGISTRY).headManifest(repository, '1');
    assert.deepEqual(signed, [{ registry: BUILDX_REGISTRY, repository, digest }], 'the digest the registry has');
    assert.match(written, new RegExp(`Signed ${BUILDX_REGISTRY.replace(/\./g, '\\.')}/${repository}@${digest}\\.`));
    assert.equal(fs.existsSync(report.metadataFile!), false, 'the metadata file made for the push is gone');
    const pub = { ...key, key: path.join(dir, 'cosign.pub') };
    const verified = await signing.verifyImage(cosign, `${BUILDX_HOST_REGISTRY}/${repository}@${digest}`, [pub]);
    assert.deepEqual(verified, { state: 'verified', key: pub.key, digests: [digest] });
  });

  it('signs the digest podman wrote to its digest file, which cosign then verifies', async function () {
    const podman = process.env.PODMAN_BIN;
    if (!podman) skipOrFail(this, 'PODMAN_BIN is not set: scripts/test-env/setup.sh sets it where podman works');
    const cosign = requireCosign(this);
    const engine = await detectEngine({ engine: 'podman', podmanPath: podman });
    const podmanDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-sign-step-podman-'));
    const podmanRepository = `dockwright-sign-step/podman-${RUN_ID}`;
    const tag = `${REGISTRY}/${podmanRepository}:1`;
    try {
      const made = await signing.runCosign(signing.generateKeyPairCommand(cosign, ''), { cwd: podmanDir });
      assert.ok(made.ok, made.error);
      fs.writeFileSync(path.join(podmanDir, 'Dockerfile'), `FROM local/busybox:1\nLABEL run=podman-${RUN_ID}\n`);
      const report = pushReport('podman', [tag], undefined);
      for (const command of buildAndPushCommands({ context: podmanDir, tags: [tag] }, engine, report.digestFiles)) {
        const step = await run(command, podmanDir);
        assert.equal(step.exitCode, 0, step.output);
      }
      const key = { key: path.join(podmanDir, 'cosign.key'), transparencyLog: false, plainHttp: true };
      const signer = {
        sign: async (target: signing.SignedImage) =>
          (await signing.runCosign(signing.signCommand(cosign, target, key, ''))).error,
      };
      let written = '';
      const loadCore = async () => ({ signing }) as unknown as CoreBundle;
      assert.equal(await signPushed(report, signer, loadCore, (t) => (written += t)), 0, written);

      const { digest } = await new RegistryClient(REGISTRY).headManifest(podmanRepository, '1');
      assert.match(written, new RegExp(`Signed ${REGISTRY.replace(/\./g, '\\.')}/${podmanRepository}@${digest}\\.`));
      const pub = { ...key, key: path.join(podmanDir, 'cosign.pub') };
      const verified = await signing.verifyImage(cosign, `${REGISTRY}/${podmanRepository}@${digest}`, [pub]);
      assert.deepEqual(verified, { state: 'verified', key: pub.key, digests: [digest] });
    } finally {
      fs.rmSync(podmanDir, { recursive: true, force: true });
      await exec(engine.command, ['image', 'rm', '-f', tag]);
    }
  });
});
