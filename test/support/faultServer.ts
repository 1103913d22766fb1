// A small HTTP server on 127.0.0.1 (random port) for the faults a real registry will not produce on
// demand: 429 with Retry-After, 500, a slow answer, malformed JSON, an oversized body. Routes are
// matched on `METHOD /path` (query left out), then on `/path`; unknown paths get a V2 404.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void | Promise<void>;

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, a registry address. */
  host: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFaultServer(routes: Record<string, Handler>): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const handler =
        routes[`${req.method} ${path}`] ??
        routes[path] ??
        ((_q, r) => json(r, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'unknown' }] }));
      Promise.resolve(handler(req, res, body)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: http.ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Answers each call with the next handler; the last one repeats. */
export function sequence(...handlers: Handler[]): Handler {
  let i = 0;
  return (req, res, body) => handlers[Math.min(i++, handlers.length - 1)](req, res, body);
}

/** An answer that starts only after `ms` (past the client's timeout). */
export function slow(ms: number, then: Handler): Handler {
  return (req, res, body) => {
    const timer = setTimeout(() => then(req, res, body), ms);
    res.on('close', () => clearTimeout(timer));
  };
}
