import assert from 'node:assert/strict';
import { parseChallenge } from '../../../src/core/registry/challenge';
import { isLoopback, registryEndpoint, registryKey } from '../../../src/core/registry/endpoint';
import { nextLast, pageFrom } from '../../../src/core/registry/paging';
import { TokenCache } from '../../../src/core/registry/tokenCache';
import { retryDelay } from '../../../src/core/registry/transport';

describe('registry challenge, Link, Retry-After and token cache parsing (unit)', () => {
  it('parses Bearer and Basic challenges, quoted commas and several scopes', () => {
    assert.deepEqual(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
      {
        scheme: 'bearer',
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scopes: ['repository:library/nginx:pull'],
      },
    );
    assert.deepEqual(
      parseChallenge(
        'bearer realm="http://127.0.0.1:5003/token", service=test, scope="repository:a:pull,push repository:b:pull"',
      )?.scopes,
      ['repository:a:pull,push', 'repository:b:pull'],
    );
    assert.deepEqual(parseChallenge('Basic realm="a \\"quoted\\", realm"'), {
      scheme: 'basic',
      realm: 'a "quoted", realm',
      service: undefined,
      scopes: [],
    });
    assert.equal(parseChallenge('Negotiate abc'), undefined);
    assert.equal(parseChallenge(null), undefined);
  });

  it('finds the next `last` in a Link header, relative or absolute, among other relations', () => {
    assert.equal(nextLast('</v2/_catalog?last=b&n=2>; rel="next"'), 'b');
    assert.equal(nextLast('<https://r.example/v2/x/tags/list?n=100&last=1.2%2B3>; rel=next'), '1.2+3');
    assert.equal(nextLast('</v2/x?last=a>; rel="prev", </v2/x?last=z&n=1>; rel="next"'), 'z');
    assert.equal(nextLast('</v2/x?n=1>; rel="next"'), undefined);
    assert.equal(nextLast(null), undefined);
  });

  it('slices a whole list sent in spite of n into sorted pages, after the cursor', () => {
    assert.deepEqual(pageFrom(['c', 'a', 'e', 'b', 'd'], null, 2, undefined), {
      page: { items: ['a', 'b'], next: 'b' },
      whole: ['a', 'b', 'c', 'd', 'e'],
    });
    assert.deepEqual(pageFrom(['c', 'a', 'e', 'b', 'd'], null, 2, 'c').page, { items: ['d', 'e'] });
    assert.deepEqual(pageFrom(['b', 'a'], null, 5, undefined), { page: { items: ['a', 'b'] } });
    assert.deepEqual(pageFrom(['x', 'y'], '</v2/t?last=y&n=2>; rel="next"', 2, undefined), {
      page: { items: ['x', 'y'], next: 'y' },
    });
  });

  it('reads Retry-After as seconds or a date, and backs off without one', () => {
    assert.equal(retryDelay('3', 250), 3000);
    assert.equal(retryDelay('Wed, 21 Oct 2015 07:28:05 GMT', 250, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 5000);
    assert.equal(retryDelay(null, 500), 500);
    assert.equal(retryDelay('soon', 250), 250);
  });

  it('keeps a token until shortly before it expires, with 60 s when no lifetime is given', () => {
    let now = 1_000_000;
    const cache = new TokenCache(() => now);
    const key = TokenCache.key('https://auth/token', 'svc', ['repository:a:pull']);
    assert.equal(key, TokenCache.key('https://auth/token', 'svc', ['repository:a:pull']));
    cache.set(key, 't1', 300);
    now += 280_000;
    assert.equal(cache.get(key), 't1');
    now += 15_000;
    assert.equal(cache.get(key), undefined, 'dropped 10 s early');
    cache.set(key, 't2');
    now += 59_000;
    assert.equal(cache.get(key), undefined);
  });

  it('normalises registry hosts and picks http only for loopback or insecure registries', () => {
    assert.deepEqual(
      ['https://index.docker.io/v1/', 'registry-1.docker.io', 'Docker.io', 'http://user:pw@127.0.0.1:5000/v2/'].map(
        registryKey,
      ),
      ['docker.io', 'docker.io', 'docker.io', '127.0.0.1:5000'],
    );
    assert.deepEqual(
      [isLoopback('localhost:5000'), isLoopback('127.0.0.2'), isLoopback('[::1]:5000'), isLoopback('registry.local')],
      [true, true, true, false],
    );
    const hub = registryEndpoint('docker.io');
    assert.deepEqual(
      [hub.baseUrl, hub.kind, hub.hasCatalog, hub.knownChallenge?.realm, hub.credentialServer],
      [
        'https://registry-1.docker.io',
        'docker-hub',
        false,
        'https://auth.docker.io/token',
        'https://index.docker.io/v1/',
      ],
    );
    assert.deepEqual([registryEndpoint('ghcr.io').kind, registryEndpoint('ghcr.io').hasCatalog], ['ghcr', false]);
    assert.equal(registryEndpoint('127.0.0.1:5000').baseUrl, 'http://127.0.0.1:5000');
    assert.equal(registryEndpoint('registry.example.com').baseUrl, 'https://registry.example.com');
    assert.equal(registryEndpoint('registry.lan:5000', { insecure: true }).baseUrl, 'http://registry.lan:5000');
    assert.throws(() => registryEndpoint('  '), /not a registry address/);
  });
});
