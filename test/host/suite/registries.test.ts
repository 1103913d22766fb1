// The Registries view in a real VS Code against a real registry (docker-registry on 127.0.0.1):
// it lists the registry's repositories and tags, newest first, and Copy Pull Command gives the
// right text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadExeca } from '../../../src/core/builds/execa';
import { RegistryClient } from '../../../src/core/registry/client';
import type { RegistryNode } from '../../../src/vscode/registry/tree';
import { pushImage, tinyImage } from '../../fixtures/registry/builders';
import { codeActions, diagnostic, viewChildren, viewRows, waitFor, withRegistries } from './helpers';
import { skipOrFail } from '../../support/skipOrFail';

const VIEW = 'dockwright.registries';

describe('registries view (real VS Code, real registry)', function () {
  const host = process.env.TEST_REGISTRY;
  const repository = `host-view/app-${Date.now().toString(36)}`;
  let restore: (() => Thenable<void>) | undefined;

  this.beforeAll(async function () {
    if (!host) {
      const message = 'TEST_REGISTRY is not set: start the registries with scripts/test-env/setup.sh';
      skipOrFail(this, message);
    }
    const client = new RegistryClient(host);
    const image = tinyImage('oci');
    for (const tag of ['1.0.0', '1.10.0', '1.2.0']) await pushImage(client, repository, image, tag);
    restore = await withRegistries([{ url: host }]);
  });

  this.afterAll(async () => {
    await restore?.();
  });

  it('lists the registry, its repositories and tags (semver-aware, newest first), and copies the pull command', async () => {
    await vscode.commands.executeCommand('dockwright.registries.refresh');
    const roots = await viewRows(VIEW);
    const registry = roots.find(({ element: n }) => n.kind === 'registry' && n.entry.key === host);
    assert.ok(registry, `the registry is listed: ${JSON.stringify(roots.map((r) => r.element))}`);
    assert.equal(registry.item.label, host);

    const collect = async (node: RegistryNode): Promise<RegistryNode[]> => {
      for (let pages = 0; pages < 50; pages++) {
        const children = await viewChildren(VIEW, node);
        if (!children.some((c) => c.kind === 'more')) return children;
        await vscode.commands.executeCommand('dockwright.registries.loadMore', node);
      }
      throw new Error('more than 50 pages of repositories');
    };
    const repos = await collect(registry.element);
    const repo = repos.find((n) => n.kind === 'repository' && n.repository === repository);
    assert.ok(repo, `repository ${repository} is listed among ${repos.length}`);

    const tags = (await viewChildren(VIEW, repo)).filter(
      (n): n is Extract<RegistryNode, { kind: 'tag' }> => n.kind === 'tag',
    );
    assert.deepEqual(
      tags.map((t) => t.tag),
      ['1.10.0', '1.2.0', '1.0.0'],
    );

    const details = await viewChildren(VIEW, tags[0]);
    const digest = details.find((d) => d.kind === 'detail' && d.label === 'digest');
    assert.ok(
      digest && digest.kind === 'detail' && /^sha256:[0-9a-f]{64}$/.test(digest.value),
      JSON.stringify(details),
    );

    const text = await vscode.commands.executeCommand<string>('dockwright.registries.copyPullCommand', tags[0]);
    assert.equal(text, `docker pull ${host}/${repository}:1.10.0`);
    assert.equal(await vscode.env.clipboard.readText(), text);

    const copied = await vscode.commands.executeCommand<string>('dockwright.registries.copyDigest', tags[0]);
    assert.equal(copied, digest.kind === 'detail' ? digest.value : undefined);

    // Use as Base Image and Pin FROM to This Digest edit the active Dockerfile
    const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: '\nRUN true\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(await vscode.commands.executeCommand('dockwright.registries.useAsBase', tags[1]), true);
    assert.equal(doc.getText(), `FROM ${host}/${repository}:1.2.0\nRUN true\n`);
    assert.equal(await vscode.commands.executeCommand('dockwright.registries.pinFrom', tags[1]), true);
    const pinned = (await viewChildren(VIEW, tags[1])).find((d) => d.kind === 'detail' && d.label === 'digest');
    assert.ok(pinned && pinned.kind === 'detail');
    assert.equal(doc.getText(), `FROM ${host}/${repository}:1.2.0@${pinned.value}\nRUN true\n`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Load more… lists the next page of repositories at the first click, until none is left', async () => {
    // more repositories than one page (100) of the view: pushed once, kept by the registry
    const client = new RegistryClient(host!);
    // every page: a registry kept between runs can hold more than one page of 1,000
    const catalogSize = async () => {
      let size = 0;
      let cursor: string | undefined;
      do {
        const page = await client.catalog({ pageSize: 1000, cursor });
        size += page.items.length;
        cursor = page.next;
      } while (cursor !== undefined);
      return size;
    };
    const listed = await catalogSize();
    const image = tinyImage('oci');
    for (let i = 0; listed + i <= 100; i++)
      await pushImage(client, `host-many/r-${String(i).padStart(3, '0')}`, image, 'v1');
    const total = await catalogSize();
    assert.ok(total > 100, `${total} repositories`);

    await vscode.commands.executeCommand('dockwright.registries.refresh');
    const registry = (await viewChildren(VIEW)).find((n) => n.kind === 'registry' && n.entry.key === host)!;
    const repositories = async () => (await viewChildren(VIEW, registry)).filter((n) => n.kind === 'repository').length;
    const hasMore = async () => (await viewChildren(VIEW, registry)).some((n) => n.kind === 'more');
    assert.equal(await repositories(), 100, 'the first page');
    assert.ok(await hasMore(), 'a Load more… node follows it');
    let clicks = 0;
    for (let shown = 100; await hasMore(); clicks++) {
      await vscode.commands.executeCommand('dockwright.registries.loadMore', registry);
      const now = await repositories();
      assert.ok(now > shown, `click ${clicks + 1} showed more repositories (${shown} -> ${now})`);
      shown = now;
    }
    assert.equal(await repositories(), total, 'every repository once the last page is in');
    assert.equal(clicks, Math.ceil(total / 100) - 1);
  });

  it("offers the registry's tags as pin-base-image quick fixes, through the registry client", async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content: `FROM ${host}/${repository}\nUSER 1000\n`,
    });
    await vscode.window.showTextDocument(doc);
    const found = await waitFor('pin-base-image', () => diagnostic(doc.uri, 'pin-base-image'));
    const actions = await codeActions(doc.uri, found.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(`Pin to ${host}/${repository}:1.10.0`), titles.join(' | '));
    assert.ok(
      titles.indexOf(`Pin to ${host}/${repository}:1.10.0`) < titles.indexOf(`Pin to ${host}/${repository}:1.2.0`),
      'newest first',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows a registry that does not answer as an error node with Retry, without hanging', async () => {
    const config = vscode.workspace.getConfiguration('dockwright');
    await config.update('registries', [{ url: host }, { url: '127.0.0.1:9' }], vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('dockwright.registries.refresh');
    const dead = (await viewChildren(VIEW)).find((n) => n.kind === 'registry' && n.entry.key === '127.0.0.1:9');
    assert.ok(dead);
    const rows = await viewRows(VIEW, dead);
    const children = rows.map((r) => r.element);
    assert.equal(children.length, 1);
    const node = children[0];
    assert.ok(node.kind === 'message' && node.icon === 'error' && node.retry, JSON.stringify(children));
    assert.equal(rows[0].item.contextValue, 'dockwright.error.retry');
  });
});

describe('registries view on what buildx pushes (real VS Code, buildx 0.13 on dockerd 26)', function () {
  this.timeout(120_000);
  const { DOCKWRIGHT_BUILDX_DOCKER: cli, DOCKWRIGHT_BUILDX_REGISTRY: pushTo } = process.env;
  const host = process.env.DOCKWRIGHT_BUILDX_HOST_REGISTRY;
  const repository = `host-buildx/app-${Date.now().toString(36)}`;
  let restore: (() => Thenable<void>) | undefined;

  this.beforeAll(async function () {
    if (!cli || !pushTo || !host) {
      const why = process.env.DOCKWRIGHT_BUILDX_PROBLEM ?? 'DOCKWRIGHT_BUILDX_DOCKER is not set';
      skipOrFail(this, `no buildx engine (${why}): start it with scripts/test-env/setup.sh`);
    }
    // two platforms from scratch (no emulator needed), with provenance: an index with attestation manifests
    const context = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-host-buildx-'));
    fs.writeFileSync(path.join(context, 'Dockerfile'), 'FROM scratch\nARG TARGETARCH\nCOPY app-${TARGETARCH} /app\n');
    for (const arch of ['amd64', 'arm64']) fs.writeFileSync(path.join(context, `app-${arch}`), arch);
    const { execa } = await loadExeca();
    const env = {
      DOCKER_HOST: process.env.DOCKWRIGHT_BUILDX_DOCKER_HOST,
      DOCKER_CONFIG: process.env.DOCKWRIGHT_BUILDX_DOCKER_CONFIG,
    };
    const args = ['buildx', 'build', '--platform', 'linux/amd64,linux/arm64', '--provenance=mode=min', '--push'];
    const pushed = await execa(cli!, [...args, '--tag', `${pushTo}/${repository}:1`, context], { env, reject: false });
    fs.rmSync(context, { recursive: true, force: true });
    assert.equal(pushed.exitCode, 0, String(pushed.stderr));
    restore = await withRegistries([{ url: host }]);
  });

  this.afterAll(async () => {
    await restore?.();
  });

  it('lists the index’s real platforms and its provenance statements, never unknown/unknown, and opens one as JSON', async () => {
    await vscode.commands.executeCommand('dockwright.registries.refresh');
    const registry = (await viewChildren(VIEW)).find((n) => n.kind === 'registry' && n.entry.key === host);
    assert.ok(registry, 'the buildx registry is listed');
    const repositories = await viewChildren(VIEW, registry);
    const repo = repositories.find((n) => n.kind === 'repository' && n.repository === repository);
    assert.ok(repo, `${repository} is listed`);
    const tag = (await viewChildren(VIEW, repo)).find((n) => n.kind === 'tag' && n.tag === '1');
    assert.ok(tag, 'its tag 1 is listed');
    const shown = await viewRows(VIEW, tag);
    const rows = shown.map((r) => `${String(r.item.label)}: ${String(r.item.description)}`);
    assert.deepEqual(rows.slice(1, 3), [
      'platforms: linux/amd64, linux/arm64',
      'attestations: for linux/amd64, linux/arm64',
    ]);
    assert.match(rows[0], /^digest: sha256:[0-9a-f]{64}$/);
    assert.deepEqual(rows.filter((r) => r.startsWith('provenance')).sort(), [
      'provenance: for linux/amd64',
      'provenance: for linux/arm64',
    ]);
    assert.ok(!rows.some((r) => r.includes('unknown')), rows.join('\n'));

    // a provenance opens as JSON: the in-toto statement buildx wrote
    const provenance = shown.find((r) => r.element.kind === 'attestation')!;
    await vscode.commands.executeCommand('dockwright.registries.openAttestation', provenance.element);
    const opened = vscode.window.activeTextEditor?.document;
    assert.equal(opened?.languageId, 'json');
    const statement = JSON.parse(opened!.getText()) as { predicateType: string; predicate: { buildType: string } };
    assert.equal(statement.predicateType, 'https://slsa.dev/provenance/v0.2');
    assert.equal(statement.predicate.buildType, 'https://mobyproject.org/buildkit@v1');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
