// Issue 13, defect 15: the Registries view called the client with no AbortSignal, so a registry that
// never finishes an answer (a slow loris, a Link that goes round) kept its calls running after the
// view was refreshed, the node collapsed or the view disposed. The tree now gives each call its
// node's signal. Run against a registry whose every answer hangs, with the real tree and client
// (the `vscode` module is a stand-in).
import '../../support/fakeVscode';
import assert from 'node:assert/strict';
import * as registry from '../../../src/core/registry';
import { RegistryClient } from '../../../src/core/registry/client';
import { AbortedError } from '../../../src/core/registry/errors';
import * as signing from '../../../src/core/signing';
import type { LocalImagesRoot } from '../../../src/vscode/registry/localImagesTree';
import type { RegistryService } from '../../../src/vscode/registry/service';
import type { SigningService } from '../../../src/vscode/registry/signing';
import { RegistriesTree, type RegistryNode } from '../../../src/vscode/registry/tree';
import { startFaultServer, type FaultServer, type Handler } from '../../support/faultServer';
import { until as untilMs, within as withinMs } from '../../support/waits';

const BOUND_MS = 3000;
const within = <T>(promise: Promise<T>, ms = BOUND_MS) => withinMs(promise, ms);
const until = (what: string, check: () => boolean, ms = BOUND_MS) => untilMs(what, check, ms);

describe('the Registries view aborts its registry calls (unit, stand-in vscode)', function () {
  this.timeout(15_000);
  let server: FaultServer;
  let tree: RegistriesTree;
  const closed: string[] = [];
  /** Never answers; notes when the client hangs up. */
  const hang: Handler = (req, res) => void res.on('close', () => closed.push(new URL(req.url!, 'http://x').pathname));

  beforeEach(async () => {
    closed.length = 0;
    server = await startFaultServer({
      '/v2/_catalog': hang,
      '/v2/app/tags/list': hang,
      '/v2/other/tags/list': hang,
      '/v2/app/manifests/1': hang,
    });
    const client = new RegistryClient(server.host, { timeoutMs: 60_000, retries: 0 });
    const service = {
      core: async () => registry,
      signing: async () => signing,
      client: async () => client,
      registries: async () => ({ entries: [{ key: server.host, fromDocker: false }], errors: [] }),
    } as unknown as RegistryService;
    tree = new RegistriesTree(
      service,
      { forget: () => {} } as unknown as SigningService,
      {} as LocalImagesRoot, // the registries alone are tested here
    );
  });

  afterEach(async () => {
    tree.dispose();
    await server.close();
  });

  const asked = (path: string) => () => server.requests.some((r) => r.url.startsWith(path));
  const registryNode = (): RegistryNode => ({ kind: 'registry', entry: { key: server.host, fromDocker: false } });
  const repo = (repository: string): RegistryNode => ({ kind: 'repository', registry: server.host, repository });
  const cancelled = (nodes: RegistryNode[]) =>
    nodes.length === 1 && nodes[0].kind === 'message' && /was cancelled/.test(nodes[0].text);

  it('refreshing the view aborts a repository listing that hangs', async () => {
    const loading = tree.getChildren(registryNode());
    await until('the catalog is asked for', asked('/v2/_catalog'));
    tree.refresh();
    assert.ok(cancelled(await within(loading)));
    await until('the client hung up', () => closed.includes('/v2/_catalog'));
    assert.deepEqual(tree.loads.running, []);
  });

  it('collapsing a repository aborts its tag walk, and its next expansion asks again', async () => {
    const changed: (RegistryNode | undefined)[] = [];
    tree.onDidChangeTreeData((node) => changed.push(node));
    const node = repo('app');
    const loading = tree.getChildren(node);
    await until('the tags are asked for', asked('/v2/app/tags/list'));
    tree.collapsed(node);
    assert.ok(cancelled(await within(loading)));
    assert.deepEqual(changed, [node], 'told to ask again');
    await until('the client hung up', () => closed.includes('/v2/app/tags/list'));
    tree.collapsed(node);
    assert.deepEqual(changed, [node], 'nothing to abort the second time');
  });

  it('refreshing another node leaves a load running; disposing the view stops it', async () => {
    const loading = tree.getChildren(repo('app'));
    await until('the tags are asked for', asked('/v2/app/tags/list'));
    tree.refresh(repo('other'));
    tree.collapsed(repo('other'));
    assert.deepEqual(tree.loads.running, [`${server.host}|app|`]);
    tree.dispose();
    assert.ok(cancelled(await within(loading)));
  });

  it("a tag's details, read for a command, are aborted by a refresh of its repository", async () => {
    const describing = tree.describe({ kind: 'tag', registry: server.host, repository: 'app', tag: '1' });
    await until('the manifest is asked for', asked('/v2/app/manifests/1'));
    tree.refresh(repo('app'));
    await assert.rejects(within(describing), AbortedError);
  });
});
