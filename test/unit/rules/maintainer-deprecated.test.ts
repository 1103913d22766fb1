import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findings, roundTrip } from '../../support/ruleHarness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/maintainer-deprecated', name), 'utf8');

describe('maintainer-deprecated (unit)', () => {
  it('fires on MAINTAINER in any case', () => {
    assert.equal(findings(fixture('input.Dockerfile'), 'maintainer-deprecated').length, 1);
    assert.equal(findings('FROM alpine:3.20\nmaintainer someone\n', 'maintainer-deprecated').length, 1);
  });

  it('is silent without MAINTAINER, and on a LABEL that says the same', () => {
    assert.deepEqual(findings(fixture('fixed.Dockerfile'), 'maintainer-deprecated'), []);
    assert.deepEqual(findings('FROM alpine:3.20\n# MAINTAINER in a comment\nLABEL maintainer=x\n', 'maintainer-deprecated'), []);
  });

  it('fixes by rewriting it as the authors label, quoting the author', () => {
    assert.equal(roundTrip(fixture('input.Dockerfile'), 'maintainer-deprecated'), fixture('fixed.Dockerfile'));
  });
});
