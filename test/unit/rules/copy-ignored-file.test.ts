import assert from 'node:assert/strict';
import { findings } from '../../support/ruleHarness';
import { memoryContext } from '../../support/memoryContext';

describe('copy-ignored-file (unit)', () => {
  const files = { '.dockerignore': 'dist\n*.md\n!README.md\nconfig/*\n!config/app.yaml\n', 'dist/a.js': '', 'README.md': '', 'CHANGES.md': '', 'NOTES.md': '', 'config/app.yaml': '', 'config/dev.yaml': '', 'src/a.js': '' };
  const context = memoryContext(files);

  it('fires on a COPY or ADD source that .dockerignore excludes, on the source, naming the pattern', () => {
    const found = findings('FROM alpine\nCOPY src /app/src\nCOPY dist /app/dist\nADD CHANGES.md config/dev.yaml /app/\n', 'copy-ignored-file', { context });
    assert.deepEqual(found.map((f) => [f.range.start.line, f.range.start.character]), [[2, 5], [3, 4], [3, 15]]);
    assert.match(found[0].message, /excluded by \.dockerignore \(dist\)/);
    assert.equal(found[0].severity, 'warning');
    assert.deepEqual(found[0].fixes, []);
  });

  it('fires on a wildcard source when everything it matches is excluded', () => {
    assert.equal(findings('FROM alpine\nCOPY C*.md /docs/\n', 'copy-ignored-file', { context }).length, 1);
  });

  it('is silent on re-included files, partly excluded wildcards and folders with exceptions', () => {
    assert.deepEqual(findings('FROM alpine\nCOPY README.md config/app.yaml /app/\nCOPY *.md /docs/\nCOPY config /app/config\n', 'copy-ignored-file', { context }), []);
  });

  it('is silent on COPY --from, URLs, variables, heredocs and the whole context', () => {
    const text = 'FROM alpine AS b\nFROM alpine\nCOPY --from=b dist /d\nADD https://example.com/dist /d\nCOPY $SRC /d\nCOPY . /app\n';
    assert.deepEqual(findings(text, 'copy-ignored-file', { context }), []);
  });

  it('is silent without a context or a .dockerignore', () => {
    assert.deepEqual(findings('FROM alpine\nCOPY dist /d\n', 'copy-ignored-file'), []);
    assert.deepEqual(findings('FROM alpine\nCOPY dist /d\n', 'copy-ignored-file', { context: memoryContext({ 'dist/a.js': '' }) }), []);
  });

  it('reads <Dockerfile>.dockerignore before .dockerignore, with paths as ./ or absolute written', () => {
    const ctx = memoryContext({ '.dockerignore': 'dist\n', 'build/api.Dockerfile.dockerignore': 'secrets\n', 'dist/a.js': '', 'secrets/k': '' }, 'build/api.Dockerfile');
    const found = findings('FROM alpine\nCOPY ./dist /d\nCOPY /secrets /s\n', 'copy-ignored-file', { context: ctx });
    assert.deepEqual(found.map((f) => f.range.start.line), [2]);
    assert.match(found[0].message, /build\/api\.Dockerfile\.dockerignore/);
  });
});
