import assert from 'node:assert/strict';
import { findings } from '../../support/ruleHarness';

describe('stage-reference (unit)', () => {
  it('fires on an unknown stage name, with the stages that exist', () => {
    const [d, ...rest] = findings('FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=biuld /out /app\n', 'stage-reference');
    assert.equal(rest.length, 0);
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /Stages: build/);
    assert.equal(d.severity, 'error');
  });

  it('fires on its own stage by name or index, a later stage, and a missing index', () => {
    const text = 'FROM alpine:3.20 AS one\nCOPY --from=one /a /b\nCOPY --from=0 /a /b\nCOPY --from=two /a /b\nCOPY --from=7 /a /b\nFROM alpine:3.20 AS two\n';
    assert.deepEqual(findings(text, 'stage-reference').map((f) => f.range.start.line), [1, 2, 3, 4]);
  });

  it('fires on a duplicate stage name (case-insensitive) and points at the first', () => {
    const [d] = findings('FROM alpine:3.20 AS base\nFROM alpine:3.20 AS Base\n', 'stage-reference');
    assert.equal(d.range.start.line, 1);
    assert.equal(d.related?.[0].range.start.line, 0);
  });

  it('is silent on earlier stages by name or index, images and variables', () => {
    const text =
      'FROM golang:1.22 AS Build\nFROM alpine:3.20\nCOPY --from=build /out /a\nCOPY --from=0 /out /b\nCOPY --from=nginx:1.27 /etc/nginx /c\nCOPY --from=ghcr.io/acme/tools /bin/t /d\nCOPY --from=$STAGE /x /e\n';
    assert.deepEqual(findings(text, 'stage-reference'), []);
  });
});
