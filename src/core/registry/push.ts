// Writing to a registry through the API: blobs (monolithic upload) and manifests under a tag or
// digest. Used to build multi-platform indexes and retag images without an engine.
import { sha256, type RegistryClient } from './client';
import { MalformedResponseError } from './errors';
import { isDigest } from './manifest';

function push(repository: string): string[] {
  return [`repository:${repository}:pull,push`];
}

/** Uploads a blob unless the registry has it already; returns its digest. */
export async function uploadBlob(
  client: RegistryClient,
  repository: string,
  bytes: Uint8Array,
  signal?: AbortSignal,
): Promise<string> {
  const digest = sha256(bytes);
  const scopes = push(repository);
  const head = await client.request(`${client.repositoryPath(repository)}/blobs/${digest}`, {
    method: 'HEAD',
    scopes,
    what: `blob ${digest}`,
    signal,
    accept: [404],
  });
  if (head.status === 200) return digest;
  const what = `an upload to ${repository}`;
  const started = await client.request(`${client.repositoryPath(repository)}/blobs/uploads/`, {
    method: 'POST',
    scopes,
    what,
    signal,
  });
  const location = started.headers.get('location');
  if (!location) throw new MalformedResponseError(client.registry, what, 'it gave no upload location');
  const url = new URL(location, client.endpoint.baseUrl);
  url.searchParams.set('digest', digest);
  const target = url.origin === new URL(client.endpoint.baseUrl).origin ? url.pathname + url.search : url.toString();
  await client.request(target, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: bytes,
    scopes,
    what,
    signal,
  });
  return digest;
}

/** Puts a manifest or index under a tag (or its digest); returns the digest. */
export async function putManifest(
  client: RegistryClient,
  repository: string,
  reference: string,
  mediaType: string,
  bytes: Uint8Array,
  signal?: AbortSignal,
): Promise<string> {
  const exchange = await client.request(client.manifestPath(repository, reference), {
    method: 'PUT',
    headers: { 'Content-Type': mediaType },
    body: bytes,
    scopes: push(repository),
    what: `manifest ${repository}:${reference}`,
    signal,
  });
  // The registry's digest only when it is one, and the bytes' own when it is sha256.
  const digest = exchange.headers.get('docker-content-digest');
  const computed = sha256(bytes);
  if (digest === null) return computed;
  if (!isDigest(digest) || (digest.startsWith('sha256:') && digest !== computed)) {
    throw new MalformedResponseError(
      client.registry,
      `manifest ${repository}:${reference}`,
      'its Docker-Content-Digest header is not the digest of the manifest sent',
    );
  }
  return digest;
}
