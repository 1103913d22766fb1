import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { findings, roundTrip } from '../../support/ruleHarness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/syntax-directive', name), 'utf8');

describe('syntax-directive (unit)', () => {
  it('fires once, on the first BuildKit-only syntax', () => {
    const cases: [string, string][] = [
      ['RUN --mount=type=cache,target=/root/.npm npm ci', 'RUN --mount'],
      ['RUN --network=none make', 'RUN --network'],
      ['COPY --link dist/ /app/', 'COPY --link'],
      ['COPY --chmod=755 run.sh /run.sh', 'COPY --chmod'],
      ['COPY --exclude=*.md . /app', 'COPY --exclude'],
      ['ADD --checksum=sha256:00 https://x/y /y', 'ADD --checksum'],
      ['RUN <<EOF\nset -e\napt-get update\nEOF', 'heredoc in RUN'],
      ['COPY <<EOF /etc/motd\nhello\nEOF', 'heredoc in COPY'],
    ];
    for (const [line, what] of cases) {
      const found = findings(`FROM debian:12-slim\n${line}\nRUN --mount=type=tmpfs,target=/tmp true\n`, 'syntax-directive');
      assert.equal(found.length, 1, line);
      assert.equal(found[0].range.start.line, 1, line);
      assert.ok(found[0].message.includes(what), `${found[0].message} should name ${what}`);
    }
  });

  it('is silent with a syntax directive of any version, and without BuildKit syntax', () => {
    assert.deepEqual(findings('# syntax=docker/dockerfile:1.7\nFROM debian:12-slim\nRUN --mount=type=cache,target=/x true\n', 'syntax-directive'), []);
    assert.deepEqual(findings('#syntax=docker.io/docker/dockerfile:1\nFROM debian:12-slim\nCOPY --link a /a\n', 'syntax-directive'), []);
    assert.deepEqual(findings('FROM debian:12-slim\nCOPY --chown=1000 a /a\nRUN echo "<<EOF"\n', 'syntax-directive'), []);
  });

  it('inserts the directive as the first line, above other directives, where the parser still reads both', () => {
    const fixed = roundTrip(fixture('input.Dockerfile'), 'syntax-directive');
    assert.equal(fixed, fixture('fixed.Dockerfile'));
    const model = parseDockerfile(fixed);
    assert.deepEqual(model.directives.map((d) => [d.name, d.value]), [['syntax', 'docker/dockerfile:1'], ['escape', '\\']]);
  });

  it('keeps CRLF line breaks', () => {
    const fixed = roundTrip('FROM debian:12-slim\r\nCOPY --link a /a\r\n', 'syntax-directive');
    assert.equal(fixed, '# syntax=docker/dockerfile:1\r\nFROM debian:12-slim\r\nCOPY --link a /a\r\n');
  });
});
