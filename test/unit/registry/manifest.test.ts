import assert from 'node:assert/strict';
import {
  attestationsOf,
  isIndexType,
  MediaType,
  parseManifest,
  platformName,
  platformsOf,
} from '../../../src/core/registry/manifest';
import { indexOver, tinyImage, AMD64, ARM64 } from '../../fixtures/registry/builders';

const parse = (bytes: Uint8Array, contentType: string | null = null) =>
  parseManifest(JSON.parse(Buffer.from(bytes).toString()), contentType);

describe('manifests of every kind (unit)', () => {
  it('reads OCI and Docker image manifests with their config and layers', () => {
    for (const flavour of ['oci', 'docker'] as const) {
      const image = tinyImage(flavour);
      const manifest = parse(image.manifest);
      assert.ok(typeof manifest !== 'string' && manifest.kind === 'image');
      assert.equal(manifest.mediaType, flavour === 'oci' ? MediaType.ociManifest : MediaType.dockerManifest);
      assert.equal(manifest.layers[0].size, image.layer.byteLength);
    }
  });

  it('reads OCI indexes and Docker manifest lists; platforms leave attestations out', () => {
    for (const flavour of ['oci', 'docker'] as const) {
      const index = parse(indexOver(flavour, [tinyImage(flavour, AMD64), tinyImage(flavour, ARM64)]).bytes);
      assert.ok(typeof index !== 'string' && index.kind === 'index');
      assert.equal(index.manifests.length, flavour === 'oci' ? 3 : 2);
      assert.deepEqual(
        platformsOf(index).map((d) => platformName(d.platform)),
        ['linux/amd64', 'linux/arm64/v8'],
      );
      // the OCI index attests its first image, as BuildKit writes it
      assert.deepEqual(
        attestationsOf(index).map((a) => platformName(a.image?.platform)),
        flavour === 'oci' ? ['linux/amd64'] : [],
      );
      assert.ok(isIndexType(`${index.mediaType}; charset=utf-8`));
    }
  });

  it('takes the media type from Content-Type, or the fields, when the body has none', () => {
    const noType = { schemaVersion: 2, manifests: [] };
    assert.equal(
      (parseManifest(noType, MediaType.dockerList) as { mediaType: string }).mediaType,
      MediaType.dockerList,
    );
    assert.equal((parseManifest(noType, null) as { mediaType: string }).mediaType, MediaType.ociIndex);
  });

  it('says what is wrong with what is not a manifest', () => {
    assert.equal(parseManifest([], null), 'it is not a JSON object');
    assert.equal(
      parseManifest({ schemaVersion: 1 }, null),
      'it is an old schema 1 manifest, which Dockwright does not read',
    );
    assert.equal(
      parseManifest({ mediaType: 'text/html' }, null),
      'its media type "text/html" is not a manifest or index',
    );
    assert.equal(
      parseManifest({ mediaType: MediaType.ociIndex, manifests: [{ digest: 'nope', size: 1 }] }, null),
      'an entry of the index is not a descriptor',
    );
  });
});
