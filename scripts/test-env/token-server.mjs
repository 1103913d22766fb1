#!/usr/bin/env node
// A registry token server for the tests (Docker's token auth spec): it grants every requested
// scope to the test user. The registry on TEST_TOKEN_REGISTRY trusts the certificate given here.
//
//   node token-server.mjs <port> <key.pem> <cert.pem> <user> <password>
//
// GET  /token?service=…&scope=repository:name:pull,push   with Basic auth (what docker login does)
// POST /token  grant_type=password&username=…&password=…&scope=…  (the OAuth2 form)
// Anything else, or wrong credentials: 401. Listens on 127.0.0.1 only.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';

const [port, keyFile, certFile, user, password] = process.argv.slice(2);
if (!password) {
  console.error('usage: token-server.mjs <port> <key.pem> <cert.pem> <user> <password>');
  process.exit(2);
}
const key = fs.readFileSync(keyFile);
// The registry checks the token's signature against the x5c chain, which must lead to its root bundle.
const certDer = new crypto.X509Certificate(fs.readFileSync(certFile)).raw.toString('base64');
const b64url = (data) => Buffer.from(data).toString('base64url');
const TOKEN_SECONDS = 300;

/** `repository:smoke/app:pull,push` → {type, name, actions}; a name may hold colons (ports). */
function parseScope(scope) {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

function issueToken(subject, service, scopes) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [certDer] }));
  const claims = b64url(
    JSON.stringify({
      iss: 'test-issuer',
      sub: subject,
      aud: service,
      exp: now + TOKEN_SECONDS,
      nbf: now - 10,
      iat: now,
      jti: crypto.randomUUID(),
      access: scopes.map(parseScope).filter(Boolean),
    }),
  );
  const signature = b64url(crypto.sign('sha256', Buffer.from(`${header}.${claims}`), key));
  return `${header}.${claims}.${signature}`;
}

function basicCredentials(req) {
  const m = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return {};
  const decoded = Buffer.from(m[1], 'base64').toString();
  const colon = decoded.indexOf(':');
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    req.on('error', reject);
  });
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

http
  .createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/token') return send(res, 404, { error: 'not found: use /token' });
    let creds = basicCredentials(req);
    let params = url.searchParams;
    if (req.method === 'POST') {
      params = new URLSearchParams(await readBody(req));
      if (params.get('grant_type') === 'password')
        creds = { user: params.get('username'), password: params.get('password') };
    }
    if (creds.user !== user || creds.password !== password) {
      return send(
        res,
        401,
        { errors: [{ code: 'UNAUTHORIZED', message: 'wrong user name or password' }] },
        { 'WWW-Authenticate': 'Basic realm="token"' },
      );
    }
    const scopes = params
      .getAll('scope')
      .flatMap((s) => s.split(' '))
      .filter(Boolean);
    const token = issueToken(creds.user, params.get('service') ?? '', scopes);
    send(res, 200, { token, access_token: token, expires_in: TOKEN_SECONDS, issued_at: new Date().toISOString() });
  })
  .listen(Number(port), '127.0.0.1');
