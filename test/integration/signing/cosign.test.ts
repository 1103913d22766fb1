import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegistryClient } from '../../../src/core/registry/client';
import {
  CosignMissingError,
  cosignTagOf,
  foldCosignTags,
  BUNDLE_ANNOTATION,
  generateKeyPairCommand,
  readTransparency,
  runCosign,
  signCommand,
  transparencyText,
  verifyImage,
  type Cosign,
  type KeyUse,
} from '../../../src/core/signing';
import { AMD64, ARM64, pushImage, pushIndex, tinyImage } from '../../fixtures/registry/builders';
import { pushSignature, recordedRekorSignature } from '../../fixtures/signing/signatures';
import { skipOrFail } from '../../support/skipOrFail';
import { buildCli, dockwright } from '../../unit/cli/support';
import { authClient, env, requireRegistry, uniqueRepo } from '../registry/testEnv';

// Debian's cosign 2.5 (scripts/test-env/buildx.sh fetches it) against the test registries: open,
// htpasswd basic and bearer token. cosign reads registry credentials from Docker's config, as docker
// does; a proxy that goes nowhere (127.0.0.1:9) makes sure it reaches nothing past this machine.

const OFFLINE = { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1' };

function requireCosign(ctx: Mocha.Context): string {
  const cosign = process.env.DOCKWRIGHT_COSIGN;
  if (!cosign || !fs.existsSync(cosign))
    skipOrFail(
      ctx,
      `no cosign (${cosign ?? 'DOCKWRIGHT_COSIGN is not set'}): scripts/test-env/setup.sh fetches Debian's cosign 2.5 from trixie`,
    );
  return cosign!;
}

describe('cosign sign and verify on real registries (integration)', function () {
  this.timeout(180_000);
  let dir: string;
  let cosign: Cosign;
  let key: KeyUse;
  let otherKey: KeyUse;
  const password = `key-pass-${process.pid}`;

  before(async function () {
    const command = requireCosign(this);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-cosign-'));
    // the test registries' logins, as `docker login` writes them
    const auth = Buffer.from(`${env.user}:${env.pass}`).toString('base64');
    const auths = Object.fromEntries([env.authRegistry, env.tokenRegistry].map((host) => [host, { auth }]));
    fs.mkdirSync(path.join(dir, 'docker'));
    fs.writeFileSync(path.join(dir, 'docker', 'config.json'), JSON.stringify({ auths }));
    cosign = { command, env: { ...OFFLINE, DOCKER_CONFIG: path.join(dir, 'docker') } };
    for (const [folder, pass] of [
      ['ours', password],
      ['other', ''],
    ] as const) {
      fs.mkdirSync(path.join(dir, folder));
      const made = await runCosign(generateKeyPairCommand(cosign, pass), { cwd: path.join(dir, folder) });
      assert.ok(made.ok, made.error);
    }
    key = { key: path.join(dir, 'ours', 'cosign.key'), transparencyLog: false, plainHttp: true };
    otherKey = { ...key, key: path.join(dir, 'other', 'cosign.pub') };
  });

  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  const pub = (use: KeyUse): KeyUse => ({ ...use, key: use.key.replace(/\.key$/, '.pub') });

  it('generates an encrypted key pair: the private key is no plain PEM, the password opens it', () => {
    const privateKey = fs.readFileSync(key.key, 'utf8');
    assert.match(privateKey, /^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----/);
    assert.match(fs.readFileSync(pub(key).key, 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
  });

  const registries = [
    ['open', 'TEST_REGISTRY'],
    ['htpasswd basic auth', 'TEST_AUTH_REGISTRY'],
    ['token auth', 'TEST_TOKEN_REGISTRY'],
  ] as const;
  for (const [label, variable] of registries) {
    describe(`on the ${label} registry`, () => {
      let host: string;
      let client: RegistryClient;
      const repository = uniqueRepo('it/cosign');

      before(async function () {
        host = await requireRegistry(this, variable);
        client = variable === 'TEST_REGISTRY' ? new RegistryClient(host) : authClient(host);
      });

      it('signs a digest; the right key verifies it, a wrong key does not; a new image on the tag is unsigned', async () => {
        const first = tinyImage('oci', AMD64, '2024-05-01T10:00:00Z');
        const digest = await pushImage(client, repository, first, 'v1');
        const command = signCommand(cosign, { registry: host, repository, digest }, key, password);
        // the key's password and the registry's go nowhere a process list or a log shows
        const argv = command.args.join(' ');
        for (const secret of [password, env.pass]) assert.ok(!argv.includes(secret), argv);
        assert.ok(!Object.values(command.env).includes(env.pass), 'the registry password is not in the env');
        assert.equal(command.args.at(-1), `${host}/${repository}@${digest}`, 'a digest, never the tag');
        const signed = await runCosign(command);
        assert.ok(signed.ok, signed.error);

        const tags = (await client.tags(repository)).items;
        const folded = foldCosignTags(tags);
        assert.deepEqual(folded.images, ['v1']);
        assert.deepEqual(folded.attached.get(digest), ['sig']);
        assert.ok(tags.includes(cosignTagOf(digest, 'sig')));

        const reference = `${host}/${repository}:v1`;
        assert.deepEqual(await verifyImage(cosign, reference, [pub(key)]), {
          state: 'verified',
          key: pub(key).key,
          digests: [digest],
        });
        // the other key first: the list is tried in order, and the signer is the one that verified
        const both = await verifyImage(cosign, reference, [otherKey, pub(key)]);
        assert.equal(both.state === 'verified' && both.key, pub(key).key);
        const wrong = await verifyImage(cosign, reference, [otherKey]);
        assert.equal(wrong.state, 'untrusted', JSON.stringify(wrong));

        // a new image under the same tag: the old signature covers the old digest only
        const second = tinyImage('oci', AMD64, '2024-06-01T10:00:00Z');
        await pushImage(client, repository, second, 'v1');
        assert.deepEqual(await verifyImage(cosign, reference, [pub(key)]), { state: 'unsigned' });
      });
    });
  }

  describe('on the open registry', () => {
    let host: string;
    let client: RegistryClient;

    before(async function () {
      host = await requireRegistry(this, 'TEST_REGISTRY');
      client = new RegistryClient(host);
    });

    it('signs a multi-platform index by its digest, and verifies it', async () => {
      const repository = uniqueRepo('it/cosign-index');
      const digest = await pushIndex(client, repository, 'multi', 'oci', [
        tinyImage('oci', AMD64),
        tinyImage('oci', ARM64),
      ]);
      const signed = await runCosign(signCommand(cosign, { registry: host, repository, digest }, key, password));
      assert.ok(signed.ok, signed.error);
      const verified = await verifyImage(cosign, `${host}/${repository}:multi`, [pub(key)]);
      assert.deepEqual(verified, { state: 'verified', key: pub(key).key, digests: [digest] });
    });

    it('a wrong key password says so, and pushes no signature', async () => {
      const repository = uniqueRepo('it/cosign-bad');
      const digest = await pushImage(client, repository, tinyImage('oci'), 'v1');
      const result = await runCosign(signCommand(cosign, { registry: host, repository, digest }, key, 'not-it'));
      assert.equal(result.ok, false);
      assert.match(result.error ?? '', /^the key's password is wrong \(cosign: .*decryption failed\)$/);
      assert.deepEqual((await client.tags(repository)).items, ['v1'], 'nothing half-written');
    });

    it('a key file that is not there, and a registry that does not answer, say so without hanging', async () => {
      const repository = uniqueRepo('it/cosign-missing');
      const digest = await pushImage(client, repository, tinyImage('oci'), 'v1');
      const missing = { ...key, key: path.join(dir, 'nowhere', 'cosign.key') };
      const noKey = await runCosign(signCommand(cosign, { registry: host, repository, digest }, missing, password));
      assert.match(noKey.error ?? '', /no such file or directory/);
      const closed = '127.0.0.1:9';
      const noRegistry = await runCosign(signCommand(cosign, { registry: closed, repository, digest }, key, password));
      assert.match(noRegistry.error ?? '', /connection refused/);
      const verified = await verifyImage(cosign, `${closed}/${repository}:v1`, [pub(key)]);
      assert.equal(verified.state, 'error');
      assert.match(verified.state === 'error' ? verified.error : '', /connection refused/);
    });

    it('a signature made with --tlog-upload=false carries no bundle: not in the transparency log', async () => {
      const repository = uniqueRepo('it/cosign-notlog');
      const digest = await pushImage(client, repository, tinyImage('oci'), 'v1');
      assert.ok((await runCosign(signCommand(cosign, { registry: host, repository, digest }, key, password))).ok);
      const records = await readTransparency(client, repository, digest);
      assert.deepEqual(records, [{ state: 'none' }]);
      assert.equal(transparencyText(records), 'not in transparency log');
    });

    it('a signature whose layer carries the bundle Rekor gave cosign: in the log, at its index', async () => {
      const repository = uniqueRepo('it/cosign-rekor');
      const digest = await pushImage(client, repository, tinyImage('oci'), 'v1');
      await pushSignature(client, repository, digest, [recordedRekorSignature()]);
      const records = await readTransparency(client, repository, digest);
      assert.deepEqual(records, [{ state: 'rekor', logIndex: 84313668 }]);
      assert.equal(transparencyText(records), 'in transparency log (Rekor, logIndex 84313668)');
    });

    it('bundles that are not JSON, huge or hold control characters read as unreadable, one per layer', async () => {
      const repository = uniqueRepo('it/cosign-hostile');
      const digest = await pushImage(client, repository, tinyImage('oci'), 'v1');
      const hostile = [
        'not json {',
        JSON.stringify({ Payload: { logIndex: 1, body: 'A'.repeat(2 * 1024 * 1024) } }),
        '{"Payload":{"logIndex":1}}\u001b]0;title\u0007',
        JSON.stringify({ Payload: { logIndex: '1\u001b[2J' } }),
      ];
      await pushSignature(
        client,
        repository,
        digest,
        hostile.map((bundle) => ({ 'dev.cosignproject.cosign/signature': 'MEU=', [BUNDLE_ANNOTATION]: bundle })),
      );
      const records = await readTransparency(client, repository, digest);
      assert.deepEqual(
        records,
        hostile.map(() => ({ state: 'unreadable' })),
      );
      assert.equal(transparencyText(records), 'bundle unreadable');
    });

    it('a signature tag that holds no signature is no valid signature', async () => {
      const repository = uniqueRepo('it/cosign-fake');
      const digest = await pushImage(client, repository, tinyImage('oci', AMD64, '2024-05-01T10:00:00Z'), 'v1');
      // an ordinary image pushed under the signature's tag
      await pushImage(client, repository, tinyImage('oci', ARM64), cosignTagOf(digest, 'sig'));
      const verified = await verifyImage(cosign, `${host}/${repository}:v1`, [pub(key)]);
      assert.notEqual(verified.state, 'verified');
      assert.ok(verified.state === 'unsigned' || verified.state === 'untrusted' || verified.state === 'error');
    });
  });

  describe('dockwright image verify, for CI', () => {
    let host: string;
    let client: RegistryClient;
    const repository = uniqueRepo('it/cosign-cli');

    before(async function () {
      host = await requireRegistry(this, 'TEST_REGISTRY');
      client = new RegistryClient(host);
      await buildCli();
    });

    const verify = (...args: string[]) =>
      dockwright(['image', 'verify', `${host}/${repository}:v1`, '--cosign', cosign.command, ...args], {
        cwd: dir,
        env: cosign.env as Record<string, string>,
      });

    it('exits 0 for the signed digest, 1 for another key and for a new image on the tag, 2 without cosign', async () => {
      const digest = await pushImage(client, repository, tinyImage('oci', AMD64, '2024-05-01T10:00:00Z'), 'v1');
      assert.ok((await runCosign(signCommand(cosign, { registry: host, repository, digest }, key, password))).ok);

      const signed = await verify('--key', pub(key).key, '--insecure-ignore-tlog', '--format', 'json');
      assert.equal(signed.exitCode, 0, signed.stderr);
      assert.deepEqual(JSON.parse(signed.stdout), {
        image: `${host}/${repository}:v1`,
        state: 'verified',
        key: pub(key).key,
        digests: [digest],
      });
      const other = await verify('--key', otherKey.key, '--insecure-ignore-tlog');
      assert.equal(other.exitCode, 1, other.stdout);
      assert.match(other.stdout, /is signed, but by none of the keys given/);

      await pushImage(client, repository, tinyImage('oci', AMD64, '2024-07-01T10:00:00Z'), 'v1');
      const moved = await verify('--key', pub(key).key, '--insecure-ignore-tlog');
      assert.equal(moved.exitCode, 1, moved.stdout);
      assert.match(moved.stdout, /is not signed: its digest has no signature/);

      const noCosign = await dockwright(
        ['image', 'verify', `${host}/${repository}:v1`, '--key', pub(key).key, '--cosign', path.join(dir, 'none')],
        { cwd: dir },
      );
      assert.equal(noCosign.exitCode, 2);
      assert.match(noCosign.stderr, /cosign was not found/);
      const usage = await dockwright(['image', 'verify', `${host}/${repository}:v1`], { cwd: dir });
      assert.equal(usage.exitCode, 2);
      assert.match(usage.stderr, /no --key given/);
    });
  });

  it('a cosign that is not installed is a CosignMissingError saying how to install it', async () => {
    const missing: Cosign = { command: path.join(os.tmpdir(), 'no-such-cosign') };
    await assert.rejects(runCosign(generateKeyPairCommand(missing, '')), (error: Error) => {
      assert.ok(error instanceof CosignMissingError);
      assert.match(error.message, /dockwright\.cosignPath/);
      return true;
    });
  });
});
