// Signing in the real VS Code with Debian's cosign 2.5 against the open test registry: a tag shows
// whether it is signed and by which key, Sign Image… signs the digest the tag points at, and the
// signature's own tag (sha256-….sig) is folded under the image instead of listed as a tag, with
// which way it was made (in the transparency log or not); Build and Push… signs what it pushed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RegistryClient } from '../../../src/core/registry/client';
import {
  BUNDLE_ANNOTATION,
  cosignTagOf,
  generateKeyPairCommand,
  runCosign,
  verifyImage,
} from '../../../src/core/signing';
import type { RegistryNode } from '../../../src/vscode/registry/tree';
import { pushImage, tinyImage } from '../../fixtures/registry/builders';
import { pushSignature, recordedRekorSignature } from '../../fixtures/signing/signatures';
import { skipOrFail } from '../../support/skipOrFail';
import {
  removeImage,
  runAnswering,
  useRealEngine,
  viewChildren,
  withRegistries,
  withSetting,
  workspaceUri,
} from './helpers';
import { quickInputTitled, requireUi, ui, type UiStep } from './ui';

const VIEW = 'dockwright.registries';

describe('signing with cosign (real VS Code, real cosign and registry)', function () {
  this.timeout(120_000);
  const host = process.env.TEST_REGISTRY;
  const cosign = process.env.DOCKWRIGHT_COSIGN;
  const repository = `host-sign/app-${Date.now().toString(36)}`;
  const password = `host-key-${process.pid}`;
  let dir: string;
  let digest: string;
  let restore: (() => Thenable<void>)[] = [];

  before(async function () {
    if (!host || !cosign) {
      const why = !host ? 'TEST_REGISTRY is not set' : 'DOCKWRIGHT_COSIGN is not set';
      skipOrFail(this, `${why}: scripts/test-env/setup.sh starts the registries and fetches cosign`);
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-host-cosign-'));
    const made = await runCosign(generateKeyPairCommand({ command: cosign! }, password), { cwd: dir });
    assert.ok(made.ok, made.error);
    digest = await pushImage(new RegistryClient(host!), repository, tinyImage('oci'), '1');
    // the password as a user's shell would have it: never in settings
    process.env.COSIGN_PASSWORD = password;
    restore = [
      await withRegistries([{ url: host, transparencyLog: false }]),
      await withSetting('dockwright', 'cosignPath', cosign),
      await withSetting('dockwright', 'signing.key', path.join(dir, 'cosign.key')),
      await withSetting('dockwright', 'signing.publicKeys', [path.join(dir, 'cosign.pub')]),
    ];
  });

  after(async () => {
    delete process.env.COSIGN_PASSWORD;
    for (const r of restore.reverse()) await r();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The tag's node and its detail rows, `label: value`, after a refresh of the view. */
  async function tagRows(inRepository = repository): Promise<{ tags: string[]; node: RegistryNode; rows: string[] }> {
    await vscode.commands.executeCommand('dockwright.registries.refresh');
    const registry = (await viewChildren(VIEW)).find((n) => n.kind === 'registry' && n.entry.key === host);
    assert.ok(registry, 'the registry is listed');
    let repo: RegistryNode | undefined;
    for (let pages = 0; !repo && pages < 50; pages++) {
      const children = await viewChildren(VIEW, registry);
      repo = children.find((n) => n.kind === 'repository' && n.repository === inRepository);
      if (!repo && children.some((n) => n.kind === 'more'))
        await vscode.commands.executeCommand('dockwright.registries.loadMore', registry);
      else if (!repo) break;
    }
    assert.ok(repo, `${inRepository} is listed`);
    const tagNodes = (await viewChildren(VIEW, repo)).filter((n) => n.kind === 'tag');
    const node = tagNodes.find((n) => n.kind === 'tag' && n.tag === '1');
    assert.ok(node, 'tag 1 is listed');
    const rows = (await viewChildren(VIEW, node)).map((n) => (n.kind === 'detail' ? `${n.label}: ${n.value}` : n.kind));
    return { tags: tagNodes.map((n) => (n.kind === 'tag' ? n.tag : '')), node, rows };
  }

  it('shows a tag unsigned, signs its digest from the view, then shows it verified with the signature folded', async () => {
    const before = await tagRows();
    assert.ok(before.rows.includes('signature: not signed'), before.rows.join('\n'));

    assert.equal(await vscode.commands.executeCommand('dockwright.registries.signImage', before.node), true);
    const tagsInRegistry = (await new RegistryClient(host!).tags(repository)).items;
    assert.deepEqual(tagsInRegistry.sort(), ['1', cosignTagOf(digest, 'sig')].sort(), 'cosign pushed the .sig tag');

    const after = await tagRows();
    assert.deepEqual(after.tags, ['1'], 'the signature tag is folded under its image, not listed');
    // a loopback registry signs without the transparency log: the row says so
    assert.ok(
      after.rows.includes('signature: verified by cosign.pub · not in transparency log'),
      after.rows.join('\n'),
    );
  });

  it('shows a signature Rekor logged with its log index, and a bundle that does not read as unreadable', async () => {
    const client = new RegistryClient(host!);
    const cases = [
      ['rekor', recordedRekorSignature(), '· in transparency log (Rekor, logIndex 84313668)'],
      ['hostile', { [BUNDLE_ANNOTATION]: '{"Payload":{"logIndex":1}}\u001b[2J' }, '· bundle unreadable'],
    ] as const;
    for (const [name, annotations, shown] of cases) {
      const signed = `${repository}-${name}`;
      const signedDigest = await pushImage(client, signed, tinyImage('oci'), '1');
      await pushSignature(client, signed, signedDigest, [annotations]);
      const { rows } = await tagRows(signed);
      const row = rows.find((r) => r.startsWith('signature: '));
      assert.ok(row?.endsWith(shown), `${name}: ${rows.join('\n')}`);
    }
  });
});

// Build and Push… with its last step on: the prompts answered through the workbench as a person
// would, on the real docker engine and the open registry, with the real cosign. The step signs the
// digest docker push reported, and cosign verifies that digest in the registry afterwards.
describe('Build and Push… with its sign step (real VS Code, real engine, cosign and registry)', function () {
  this.timeout(300_000);
  useRealEngine();
  const host = process.env.TEST_REGISTRY;
  const cosign = process.env.DOCKWRIGHT_COSIGN;
  const password = `push-key-${process.pid}`;
  const run = Date.now().toString(36);
  const repository = `dockwright-host-signed-${run}`;
  const image = `${host}/${repository}:1`;
  const dockerfile = workspaceUri('build', 'signed.Dockerfile');
  let dir: string;
  let restore: (() => Thenable<void>)[] = [];

  before(async function () {
    if (!host || !cosign) {
      const why = !host ? 'TEST_REGISTRY is not set' : 'DOCKWRIGHT_COSIGN is not set';
      skipOrFail(this, `${why}: scripts/test-env/setup.sh starts the registries and fetches cosign`);
    }
    requireUi(this);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-host-push-cosign-'));
    const made = await runCosign(generateKeyPairCommand({ command: cosign! }, password), { cwd: dir });
    assert.ok(made.ok, made.error);
    // an image no earlier run pushed: its digest has no signature yet
    await vscode.workspace.fs.writeFile(
      dockerfile,
      Buffer.from(`FROM local/busybox:1\nCOPY message.txt /message.txt\nLABEL run=${run}\n`),
    );
    restore = [
      await withSetting('dockwright', 'cosignPath', cosign),
      await withSetting('dockwright', 'signing.key', path.join(dir, 'cosign.key')),
    ];
  });

  after(async () => {
    delete process.env.COSIGN_PASSWORD;
    for (const r of restore.reverse()) await r();
    if (!dir) return;
    fs.rmSync(dir, { recursive: true, force: true });
    await Promise.resolve(vscode.workspace.fs.delete(dockerfile)).catch(() => undefined);
    await removeImage(image);
  });

  /** Build and Push… of the test's Dockerfile: `answer` answers the sign prompt (it reads its first row). */
  const buildAndPush = (name: string, answer: UiStep[]) =>
    runAnswering('dockwright.buildAndPush', dockerfile, () =>
      ui(name, [
        quickInputTitled('Image tag'),
        { press: 'Control+A' },
        { type: image },
        { press: 'Enter' },
        quickInputTitled('Platforms'),
        { press: 'Enter' },
        quickInputTitled('Sign the pushed image?'),
        { read: '.quick-input-list .monaco-list-row' },
        ...answer,
      ]),
    );
  const pub = () => ({ key: path.join(dir, 'cosign.pub'), transparencyLog: false, plainHttp: true });
  const client = () => new RegistryClient(host!);

  it('a wrong key password fails the step with a clear message; the pushed image is untouched, unsigned', async () => {
    process.env.COSIGN_PASSWORD = 'not-the-password';
    const { answered, end } = await buildAndPush('sign-wrong-password', [
      { type: 'Sign the pushed' },
      { press: 'Enter' },
    ]);
    assert.match(answered[0], /Do not sign/, 'not signing is offered first the first time');
    assert.ok(end, 'Build and Push… started no task');
    assert.equal(end.exitCode, 1, end.output);
    assert.match(end.output, /The push refers to repository/, 'the push ran before the sign step');
    assert.match(end.output, /Could not sign \S+@sha256:[0-9a-f]{64}: the key's password is wrong/);
    assert.match(end.output, /The pushed image is untouched/);
    const { digest } = await client().headManifest(repository, '1');
    assert.deepEqual((await client().tags(repository)).items, ['1'], 'no signature tag was written');
    assert.deepEqual(await verifyImage({ command: cosign! }, `${host}/${repository}@${digest}`, [pub()]), {
      state: 'unsigned',
    });
  });

  it('signs the digest the push reported, remembered for the Dockerfile: cosign verifies it in the registry', async () => {
    process.env.COSIGN_PASSWORD = password;
    // Enter takes what was chosen last time for this Dockerfile: sign
    const { answered, end } = await buildAndPush('sign-remembered', [{ press: 'Enter' }]);
    assert.match(answered[0], /Sign the pushed image/, 'the remembered answer is offered first');
    assert.ok(end, 'Build and Push… started no task');
    assert.equal(end.exitCode, 0, end.output);
    const { digest } = await client().headManifest(repository, '1');
    assert.ok(end.output.includes(`1: digest: ${digest}`), 'docker push reported the digest the registry has');
    assert.ok(end.output.includes(`> cosign sign ${host}/${repository}@${digest}`), end.output);
    assert.ok(end.output.includes(`Signed ${host}/${repository}@${digest}.`), end.output);
    assert.ok(!end.output.includes(password), 'the password is in no output');
    assert.deepEqual(
      (await client().tags(repository)).items.sort(),
      ['1', cosignTagOf(digest, 'sig')].sort(),
      'cosign signed the digest, not a tag',
    );
    assert.deepEqual(await verifyImage({ command: cosign! }, `${host}/${repository}@${digest}`, [pub()]), {
      state: 'verified',
      key: pub().key,
      digests: [digest],
    });
  });

  it('without cosign the build and push succeed, and the step says it was skipped and how to install cosign', async () => {
    const missing = await withSetting('dockwright', 'cosignPath', path.join(dir, 'no-cosign-here'));
    try {
      const { end } = await buildAndPush('sign-no-cosign', [{ press: 'Enter' }]);
      assert.ok(end, 'Build and Push… started no task');
      assert.equal(end.exitCode, 0, end.output);
      assert.match(end.output, /Sign step skipped: cosign was not found at .*Install it/);
    } finally {
      await missing();
    }
  });
});
