import assert from 'node:assert/strict';
import { RegistryClient } from '../../../src/core/registry/client';
import { RegistryClients } from '../../../src/core/registry/pool';
import { putManifest } from '../../../src/core/registry/push';
import { RegistryImageResolver } from '../../../src/core/registry/resolver';
import { AMD64, ARM64, pushImage, pushIndex, tinyImage } from '../../fixtures/registry/builders';
import { requireRegistry, uniqueRepo } from './testEnv';

describe('the ImageResolver against real registries (integration)', function () {
  this.timeout(60_000);
  let host: string;
  const repo = uniqueRepo('it/resolver');
  let indexDigest: string;

  before(async function () {
    host = await requireRegistry(this, 'TEST_REGISTRY');
    const client = new RegistryClient(host);
    indexDigest = await pushIndex(client, repo, '3.2', 'oci', [tinyImage('oci', AMD64), tinyImage('oci', ARM64)]);
    const single = tinyImage('docker');
    await pushImage(client, repo, single, '3.1-slim');
    for (const tag of ['3.1', '3.10', '3.2-slim', 'latest'])
      await putManifest(client, repo, tag, single.mediaType, single.manifest);
  });

  it('lists the tags that exist, newest first, and gives the index digest of a multi-platform tag', async () => {
    const clients = new RegistryClients();
    const resolver = new RegistryImageResolver({ clientFor: (r) => clients.get(r) });
    assert.deepEqual(await resolver.listTags(`${host}/${repo}`), [
      '3.10',
      '3.2',
      '3.2-slim',
      '3.1',
      '3.1-slim',
      'latest',
    ]);
    assert.equal(await resolver.digest(`${host}/${repo}:3.2`), indexDigest);
  });

  it('resolves to nothing on a registry that wants credentials it does not have', async function () {
    const auth = await requireRegistry(this, 'TEST_AUTH_REGISTRY');
    const logs: string[] = [];
    const resolver = new RegistryImageResolver({ clientFor: (r) => new RegistryClient(r), log: (l) => logs.push(l) });
    assert.deepEqual(await resolver.listTags(`${auth}/${repo}`), []);
    assert.equal(await resolver.digest(`${auth}/${repo}:3.2`), undefined);
    assert.match(logs[0], /needs credentials/);
  });
});
