// The Registries view: the engine's local images (localImagesTree.ts), then registries → repositories (lazy, "Load more…") → tags (newest, semver-aware
// first) → details (digest, platforms, size, created). Failures show in the node with a Retry
// action; every call has the client's timeout, so nothing hangs the view, and the AbortSignal of
// its node, aborted when the node (or the view) is refreshed, the node collapses or the view goes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { KeyedAborts } from '../../core/registry/aborts';
import type { Attestation, ImageDescription, PageWalk } from '../../core/registry';
import type { CosignArtifactKind, Verification } from '../../core/signing';
import { IMAGES_ROOT, isLocalImageNode, type LocalImageNode, type LocalImagesRoot } from './localImagesTree';
import type { RegistryEntry, RegistryService } from './service';
import type { SigningService } from './signing';

const PAGE = 100;

export type RegistryNode =
  | { kind: 'registry'; entry: RegistryEntry }
  | { kind: 'repository'; registry: string; repository: string }
  | { kind: 'tag'; registry: string; repository: string; tag: string }
  | { kind: 'detail'; label: string; value: string; copy?: string }
  | { kind: 'attestation'; registry: string; repository: string; attestation: Attestation }
  | { kind: 'more'; parent: RegistryNode }
  | { kind: 'message'; text: string; icon: 'error' | 'info' | 'warning'; retry?: RegistryNode; tooltip?: string }
  | LocalImageNode;

interface Listing {
  items: string[];
  /** Set while the registry has more repositories to list: its catalog's continuation token. */
  next?: string;
  /** Docker Hub: the next page of each namespace that has one. */
  hubPages?: Map<string, string>;
  /** How many tags of a repository are shown (they are read at once, to sort them). */
  shown: number;
  /** The catalog's walk (key ''), or each Docker Hub namespace's: they stop paging that does not advance. */
  walks?: Map<string, PageWalk>;
  /** Why the list stops before its end (a registry's paging going round, a cap), shown after it. */
  truncated?: string;
  /** A repository's cosign tags (`sha256-….sig`, `.att`, `.sbom`), by the digest they belong to. */
  attached?: Map<string, CosignArtifactKind[]>;
}

export class RegistriesTree implements vscode.TreeDataProvider<RegistryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RegistryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listings = new Map<string, Listing>();
  private readonly details = new Map<string, ImageDescription>();
  /** The registry calls running, by node key. */
  readonly loads = new KeyedAborts();
  private readonly listener = vscode.workspace.onDidChangeConfiguration(
    (e) => e.affectsConfiguration('dockwright.registries') && this.refresh(),
  );

  constructor(
    private readonly service: RegistryService,
    private readonly signing: SigningService,
    private readonly images: LocalImagesRoot,
  ) {}

  refresh(node?: RegistryNode): void {
    // the images are listed again whenever their root is drawn: nothing of theirs is kept
    if (node && isLocalImageNode(node)) return this.changed.fire(IMAGES_ROOT);
    // What is still loading for the node (or the view) is of no use any more.
    this.loads.abort(node ? keyOf(node) : undefined);
    if (node) {
      for (const key of [...this.listings.keys(), ...this.details.keys()]) {
        if (key.startsWith(keyOf(node))) {
          this.listings.delete(key);
          this.details.delete(key);
        }
      }
    } else {
      this.listings.clear();
      this.details.clear();
    }
    this.signing.forget();
    this.changed.fire(node && node.kind !== 'message' ? node : undefined);
  }

  /** A node collapsed (TreeView.onDidCollapseElement): its loads, and those under it, stop. */
  collapsed(node: RegistryNode): void {
    if (node.kind !== 'registry' && node.kind !== 'repository' && node.kind !== 'tag') return;
    // Asked again on the next expansion, rather than showing "cancelled".
    if (this.loads.abort(keyOf(node))) this.changed.fire(node);
  }

  /** "Load more…": shows the next page of the parent. */
  async loadMore(parent: RegistryNode): Promise<void> {
    const listing = this.listings.get(keyOf(parent));
    if (!listing) return;
    if (parent.kind === 'registry') {
      if (listing.next !== undefined)
        await this.loads.run(keyOf(parent), (signal) => this.fetchRepositories(parent, listing, signal));
    } else listing.shown += PAGE;
    this.changed.fire(parent);
  }

  async getChildren(node?: RegistryNode): Promise<RegistryNode[]> {
    try {
      if (!node) return [IMAGES_ROOT, ...(await this.registryNodes())];
      if (isLocalImageNode(node)) return await this.images.children(node);
      if (node.kind === 'registry')
        return await this.loads.run(keyOf(node), (signal) => this.repositoryNodes(node, signal));
      if (node.kind === 'repository') return await this.loads.run(keyOf(node), (signal) => this.tagNodes(node, signal));
      if (node.kind === 'tag') return await this.detailNodes(node);
      return [];
    } catch (error) {
      return [
        {
          kind: 'message',
          icon: 'error',
          text: errorText(error),
          retry: node,
          tooltip: error instanceof Error ? error.message : undefined,
        },
      ];
    }
  }

  private async registryNodes(): Promise<RegistryNode[]> {
    const { entries, errors } = await this.service.registries();
    // the view is never empty now (the images come first), so its welcome text would never show
    const none: RegistryNode = { kind: 'message', icon: 'info', text: 'No registry yet: Add Registry (+) lists one' };
    return [
      ...errors.map((text): RegistryNode => ({ kind: 'message', icon: 'warning', text })),
      ...(entries.length ? entries.map((entry): RegistryNode => ({ kind: 'registry', entry })) : [none]),
    ];
  }

  private async repositoryNodes(
    node: Extract<RegistryNode, { kind: 'registry' }>,
    signal: AbortSignal,
  ): Promise<RegistryNode[]> {
    const key = keyOf(node);
    let listing = this.listings.get(key);
    if (!listing) {
      listing = { items: [], shown: 0 };
      const configured = node.entry.setting?.repositories ?? [];
      listing.items.push(...configured);
      await this.fetchRepositories(node, listing, signal);
      this.listings.set(key, listing);
    }
    const repos = listing.items.map((repository): RegistryNode => ({
      kind: 'repository',
      registry: node.entry.key,
      repository,
    }));
    const cut = truncatedNode(listing);
    if (!repos.length && listing.next === undefined)
      return [{ kind: 'message', icon: 'info', text: 'No repositories' }, ...cut];
    return listing.next !== undefined ? [...repos, { kind: 'more', parent: node }] : [...repos, ...cut];
  }

  /** The catalog's next page; Docker Hub lists the configured namespaces; GHCR needs names in settings. */
  private async fetchRepositories(
    node: Extract<RegistryNode, { kind: 'registry' }>,
    listing: Listing,
    signal: AbortSignal,
  ): Promise<void> {
    const registry = await this.service.core();
    const client = await this.service.client(node.entry.key);
    if (client.endpoint.kind === 'docker-hub') {
      const hub = new registry.DockerHubRepositories();
      // the first time every configured namespace, then the next page of those that have one
      const namespaces = listing.hubPages ? [...listing.hubPages.keys()] : (node.entry.setting?.namespaces ?? []);
      const pages = new Map<string, string>();
      const walks = (listing.walks ??= new Map<string, PageWalk>());
      for (const namespace of namespaces) {
        const walk = walks.get(namespace) ?? new registry.PageWalk(`namespace ${namespace}`);
        walks.set(namespace, walk);
        const cursor = listing.hubPages?.get(namespace);
        const page = walk.take(await hub.list(namespace, { cursor, signal }), cursor);
        listing.items.push(...page.items.filter((i) => !listing.items.includes(i)));
        if (page.next) pages.set(namespace, page.next);
        if (page.truncated) listing.truncated = page.truncated;
      }
      listing.hubPages = pages;
      listing.next = pages.size ? 'docker-hub' : undefined;
      if (!listing.items.length) throw new registry.CatalogUnsupportedError(node.entry.key);
      return;
    }
    try {
      const walks = (listing.walks ??= new Map<string, PageWalk>());
      const walk = walks.get('') ?? new registry.PageWalk('the repository catalog');
      walks.set('', walk);
      const cursor = listing.next;
      const page = walk.take(await client.catalog({ pageSize: PAGE, cursor, signal }), cursor);
      listing.items.push(...page.items.filter((i) => !listing.items.includes(i)));
      listing.next = page.next;
      if (page.truncated) listing.truncated = page.truncated;
    } catch (error) {
      // registries without a catalog still show the repositories named in the settings
      if (!(error instanceof registry.CatalogUnsupportedError) || !listing.items.length) throw error;
      listing.next = undefined;
    }
  }

  private async tagNodes(
    node: Extract<RegistryNode, { kind: 'repository' }>,
    signal: AbortSignal,
  ): Promise<RegistryNode[]> {
    const key = keyOf(node);
    let listing = this.listings.get(key);
    if (!listing) {
      const registry = await this.service.core();
      const client = await this.service.client(node.registry);
      const { items, truncated } = await client.walkTags(node.repository, { limit: 10_000, signal });
      // cosign's signature, attestation and SBOM tags are no images: they show under their image
      const { images, attached } = (await this.service.signing()).foldCosignTags(items);
      listing = { items: registry.sortTagsNewestFirst(images), shown: PAGE, truncated, attached };
      this.listings.set(key, listing);
    }
    const tags = listing.items
      .slice(0, listing.shown)
      .map((tag): RegistryNode => ({ kind: 'tag', registry: node.registry, repository: node.repository, tag }));
    const cut = truncatedNode(listing);
    if (!tags.length) return [{ kind: 'message', icon: 'info', text: 'No tags' }, ...cut];
    return listing.shown < listing.items.length ? [...tags, { kind: 'more', parent: node }] : [...tags, ...cut];
  }

  /** The digest, platforms, size and date of a tag (read once, kept until Refresh). */
  async describe(node: Extract<RegistryNode, { kind: 'tag' }>): Promise<ImageDescription> {
    const key = keyOf(node);
    const known = this.details.get(key);
    if (known) return known;
    return this.loads.run(key, async (signal) => {
      const client = await this.service.client(node.registry);
      const description = await client.describe(node.repository, node.tag, signal);
      this.details.set(key, description);
      return description;
    });
  }

  private async detailNodes(node: Extract<RegistryNode, { kind: 'tag' }>): Promise<RegistryNode[]> {
    const d = await this.describe(node);
    const registry = await this.service.core();
    const out: RegistryNode[] = [{ kind: 'detail', label: 'digest', value: d.digest, copy: d.digest }];
    if (d.kind === 'index') {
      out.push({
        kind: 'detail',
        label: 'platforms',
        value: d.platforms.map((p) => registry.platformName(p.platform)).join(', '),
      });
      // buildx attaches them as manifests of platform unknown/unknown, which are no platforms
      const attested = d.attestations.flatMap((a) => (a.image ? [a.image] : []));
      if (attested.length) {
        out.push({
          kind: 'detail',
          label: 'attestations',
          value: `for ${attested.map((p) => registry.platformName(p.platform)).join(', ')}`,
        });
        // each statement, with its predicate type: opened as JSON from the row
        const client = await this.service.client(node.registry);
        const attestations = await registry.listAttestations(client, node.repository, d.attestations);
        out.push(
          ...attestations.map((attestation): RegistryNode => ({
            kind: 'attestation',
            registry: node.registry,
            repository: node.repository,
            attestation,
          })),
        );
      }
    } else {
      out.push({
        kind: 'detail',
        label: 'platform',
        value: [d.os, d.architecture, d.variant].filter(Boolean).join('/') || 'unknown',
      });
      out.push({ kind: 'detail', label: 'size', value: formatSize(d.size) });
      if (d.created) out.push({ kind: 'detail', label: 'created', value: new Date(d.created).toLocaleString() });
    }
    return [...out, ...(await this.signatureNodes(node, d.digest))];
  }

  /** What cosign attached to the tag's digest, and whether a trusted key verifies its signature. */
  private async signatureNodes(node: Extract<RegistryNode, { kind: 'tag' }>, digest: string): Promise<RegistryNode[]> {
    const attached =
      this.listings
        .get(keyOf({ kind: 'repository', registry: node.registry, repository: node.repository }))
        ?.attached?.get(digest) ?? [];
    const out: RegistryNode[] = [];
    if (!attached.includes('sig')) out.push({ kind: 'detail', label: 'signature', value: 'not signed' });
    else {
      const reference = `${node.registry}/${node.repository}:${node.tag}`;
      const [verified, logged] = await Promise.all([
        this.signing.verify(node.registry, reference, digest).catch((error: unknown) => ({
          state: 'error' as const,
          error: errorText(error),
        })),
        this.transparencyText(node, digest),
      ]);
      out.push({ kind: 'detail', label: 'signature', value: `${signatureText(verified, digest)} · ${logged}` });
    }
    if (attached.includes('att')) out.push({ kind: 'detail', label: 'cosign attestations', value: 'attached' });
    if (attached.includes('sbom')) out.push({ kind: 'detail', label: 'SBOM', value: 'attached' });
    return out;
  }

  /** Which way the digest's signatures were made: with the transparency log (Rekor) or without it. */
  private async transparencyText(node: Extract<RegistryNode, { kind: 'tag' }>, digest: string): Promise<string> {
    try {
      const records = await this.signing.transparency(node.registry, node.repository, digest);
      const { transparencyText } = await this.service.signing();
      return transparencyText(records) ?? 'no cosign signature in its signature tag';
    } catch (error) {
      return `transparency log not read: ${errorText(error)}`;
    }
  }

  getTreeItem(node: RegistryNode): vscode.TreeItem {
    if (isLocalImageNode(node)) return this.images.treeItem(node);
    switch (node.kind) {
      case 'registry': {
        const item = new vscode.TreeItem(node.entry.key, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('server');
        item.description = node.entry.fromDocker ? 'from Docker config' : undefined;
        item.contextValue = 'dockwright.registry';
        return item;
      }
      case 'repository': {
        const item = new vscode.TreeItem(node.repository, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('repo');
        item.contextValue = 'dockwright.repository';
        return item;
      }
      case 'tag': {
        const item = new vscode.TreeItem(node.tag, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('tag');
        item.description = `${node.registry}/${node.repository}`;
        item.contextValue = 'dockwright.tag';
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label);
        item.description = node.value;
        item.tooltip = node.value;
        item.contextValue = node.copy ? 'dockwright.detail.copyable' : 'dockwright.detail';
        return item;
      }
      case 'attestation': {
        const { predicateType, platform } = node.attestation;
        const item = new vscode.TreeItem(predicateLabel(predicateType));
        item.description = `for ${platform}`;
        item.tooltip = `${predicateType}\n${node.attestation.digest}\nClick to open it as JSON.`;
        item.iconPath = new vscode.ThemeIcon('verified');
        item.contextValue = 'dockwright.attestation';
        item.command = { command: 'dockwright.registries.openAttestation', title: 'Open', arguments: [node] };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem('Load more…');
        item.command = { command: 'dockwright.registries.loadMore', title: 'Load more', arguments: [node.parent] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.tooltip ?? node.text;
        item.contextValue = node.retry ? 'dockwright.error.retry' : 'dockwright.message';
        return item;
      }
    }
  }

  dispose(): void {
    this.loads.abort();
    this.listener.dispose();
    this.changed.dispose();
  }
}

function keyOf(node: RegistryNode): string {
  switch (node.kind) {
    case 'registry':
      return `${node.entry.key}|`;
    case 'repository':
      return `${node.registry}|${node.repository}|`;
    case 'tag':
      // Ends in `|` like the others, so that refreshing tag 1 leaves tag 10 alone.
      return `${node.registry}|${node.repository}|${node.tag}|`;
    default:
      return '';
  }
}

/** What a predicate type is, in a word: provenance, SBOM, or the type itself. */
function predicateLabel(predicateType: string): string {
  if (/^https:\/\/slsa\.dev\/provenance\//.test(predicateType)) return 'provenance';
  if (/spdx|cyclonedx/i.test(predicateType)) return 'SBOM';
  return predicateType;
}

/** A signature row's text: by which key it verified, or why it did not. */
function signatureText(verification: Verification, digest: string): string {
  switch (verification.state) {
    case 'verified':
      return verification.digests.includes(digest)
        ? `verified by ${path.basename(verification.key)}`
        : 'signed, but for another digest';
    case 'unsigned':
      return 'not signed';
    case 'untrusted':
      return 'signed, by none of your public keys';
    case 'error':
      return `signed; not verified: ${verification.error}`;
  }
}

/** A warning row after a list that stops before its end, saying why. */
function truncatedNode(listing: Listing): RegistryNode[] {
  return listing.truncated ? [{ kind: 'message', icon: 'warning', text: listing.truncated }] : [];
}

/** The typed error's own message: it already says what happened and what to do. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
