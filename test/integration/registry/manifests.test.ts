import assert from 'node:assert/strict';
import { RegistryClient } from '../../../src/core/registry/client';
import { NotFoundError } from '../../../src/core/registry/errors';
import { MediaType, platformName } from '../../../src/core/registry/manifest';
import { AMD64, ARM64, pushImage, pushIndex, tinyImage } from '../../fixtures/registry/builders';
import { enginePush, requireEngine } from './engine';
import { requireRegistry, uniqueRepo } from './testEnv';

describe('registry manifests, every kind, and delete (integration)', function () {
  this.timeout(120_000);
  let client: RegistryClient;
  let host: string;
  const repo = uniqueRepo('it/manifests');

  before(async function () {
    host = await requireRegistry(this, 'TEST_REGISTRY');
    client = new RegistryClient(host);
  });

  it('reads a Docker v2 manifest the engine pushed: digest, os, architecture, created and size', async function () {
    await requireEngine(this);
    await enginePush(`${host}/${repo}:engine`);
    const head = await client.headManifest(repo, 'engine');
    assert.equal(head.mediaType, MediaType.dockerManifest);
    const described = await client.describe(repo, 'engine');
    assert.equal(described.kind, 'image');
    if (described.kind !== 'image') return;
    assert.equal(described.digest, head.digest);
    assert.equal(described.os, 'linux');
    assert.ok(described.architecture, 'architecture from the config blob');
    assert.ok(described.created && !Number.isNaN(Date.parse(described.created)), `created ${described.created}`);
    assert.ok(described.size > 100_000, `busybox layer size ${described.size}`);
    assert.equal(described.layers, 1);
    assert.deepEqual(await client.platforms(repo, 'engine'), []);
  });

  it('reads an OCI image manifest pushed through the API', async () => {
    const image = tinyImage('oci', ARM64, '2023-01-02T03:04:05Z');
    await pushImage(client, repo, image, 'oci');
    const document = await client.getManifest(repo, 'oci');
    assert.equal(document.mediaType, MediaType.ociManifest);
    assert.equal(document.digest, image.digest);
    const described = await client.describe(repo, 'oci');
    assert.deepEqual(
      described.kind === 'image' && [
        described.os,
        described.architecture,
        described.variant,
        described.created,
        described.size,
      ],
      ['linux', 'arm64', 'v8', '2023-01-02T03:04:05Z', image.layer.byteLength],
    );
  });

  for (const flavour of ['oci', 'docker'] as const) {
    it(`resolves a multi-platform ${flavour === 'oci' ? 'OCI index' : 'Docker manifest list'} to its platforms, with the index digest from HEAD`, async () => {
      const images = [
        tinyImage(flavour, AMD64, '2024-01-01T00:00:00Z'),
        tinyImage(flavour, ARM64, '2024-02-01T00:00:00Z'),
      ];
      const digest = await pushIndex(client, repo, `multi-${flavour}`, flavour, images);
      const head = await client.headManifest(repo, `multi-${flavour}`);
      assert.equal(head.digest, digest, 'HEAD gives the index digest, not a platform digest');
      assert.equal(head.mediaType, flavour === 'oci' ? MediaType.ociIndex : MediaType.dockerList);
      const described = await client.describe(repo, `multi-${flavour}`);
      assert.equal(described.kind, 'index');
      // The OCI index also carries an attestation entry, which is no platform.
      assert.deepEqual(described.kind === 'index' && described.platforms.map((p) => platformName(p.platform)), [
        'linux/amd64',
        'linux/arm64/v8',
      ]);
      const details = await client.describePlatforms(repo, `multi-${flavour}`);
      assert.deepEqual(
        details.map((d) => [d.digest, d.architecture, d.created]),
        images.map((i) => [i.digest, i.platform.architecture, i.created]),
      );
    });
  }

  it('deletes a tag by its digest; the tag is gone after', async () => {
    const image = tinyImage('docker', { os: 'linux', architecture: 's390x' });
    await pushImage(client, repo, image, 'doomed');
    const deleted = await client.deleteTag(repo, 'doomed');
    assert.equal(deleted, image.digest);
    await assert.rejects(client.headManifest(repo, 'doomed'), NotFoundError);
    await assert.rejects(
      client.getManifest(repo, image.digest),
      (e: Error) => e instanceof NotFoundError && e.message === `${host} has no manifest ${repo}@${image.digest}.`,
    );
  });

  it('refuses to delete by anything but a digest', async () => {
    await assert.rejects(client.deleteManifest(repo, 'oci'), /needs a digest/);
  });
});
