// Random damage to real Dockerfiles (lines deleted, duplicated, fragments of instructions
// inserted, truncation) must never make the linter or the fix pass throw.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compatibleSafeFixes } from '../../../src/core/lint/fixAll';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { applyEdits } from '../../../src/core/lint/fix';
import { lint } from '../../../src/core/lint/lint';
import { OverlayContext, allOn, corpusOrSkip, type CorpusFile } from './sharedCorpus';

/** 10,000 cases with CI=true; DOCKWRIGHT_PROPERTY_RUNS sets the number, 300 by default locally. */
const RUNS = Number(process.env.DOCKWRIGHT_PROPERTY_RUNS ?? (process.env.CI === 'true' ? 10_000 : 300));

const FRAGMENTS = [
  'RUN ',
  'FROM ',
  'FROM scratch',
  'FROM base AS',
  'COPY --from=',
  'COPY --chown=1000:1000 . .',
  'ADD ',
  'ARG ',
  'ARG A=$B',
  'ENV X=${Y:-z}',
  'USER ',
  'WORKDIR ',
  'EXPOSE 22',
  'HEALTHCHECK CMD',
  'HEALTHCHECK NONE',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'ONBUILD RUN ',
  'ONBUILD',
  'CMD [',
  'CMD ["a",',
  'ENTRYPOINT ["sh", "-c"',
  'RUN ["apt-get"',
  'RUN --mount=type=cache,target=',
  'RUN --mount=',
  'RUN <<EOF',
  'EOF',
  'RUN <<-"END"',
  'RUN apt-get install',
  'RUN apt-get update',
  'RUN apk add',
  'RUN pip install',
  'RUN npm ci',
  'RUN cd /x && make',
  'RUN sudo su',
  'RUN a | b',
  'RUN yum install x',
  'MAINTAINER',
  'LABEL a=',
  '\\',
  '`',
  '&&',
  '&& \\',
  '"',
  "'",
  '$',
  '${',
  '$(',
  ')',
  '#',
  '# syntax=docker/dockerfile:1',
  '# escape=`',
  '# dockwright-ignore ',
  '# hadolint ignore=DL3008',
  '\t',
  ' ',
  '',
  '\r',
  '\u00e9\u20ac\ud83d\ude00',
  '--',
  '=',
];

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'insert'; at: number; fragment: string; glue: boolean }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    fragment: fc.constantFrom(...FRAGMENTS),
    glue: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Applies one mutation; `at` is taken modulo the lines (or characters, for truncation). */
export function mutate(text: string, m: Mutation): string {
  if (m.kind === 'truncate') return text.slice(0, m.at % (text.length + 1));
  const lines = text.split('\n');
  const i = m.at % lines.length;
  if (m.kind === 'delete') lines.splice(i, 1);
  else if (m.kind === 'duplicate') lines.splice(i, 0, lines[i]);
  // glue: the fragment joins the start of an existing line instead of standing on its own
  else if (m.glue) lines[i] = m.fragment + lines[i];
  else lines.splice(i, 0, m.fragment);
  return lines.join('\n');
}

describe('the corpus under random damage (unit, property, ../shared/corpus)', function () {
  this.timeout(900_000);
  let corpus: CorpusFile[];

  before(function () {
    corpus = corpusOrSkip(this)!;
  });

  it('mutate() deletes, duplicates, inserts and truncates as described', () => {
    const text = 'FROM a\nRUN b\nCMD c';
    assert.equal(mutate(text, { kind: 'delete', at: 4 }), 'FROM a\nCMD c');
    assert.equal(mutate(text, { kind: 'duplicate', at: 0 }), 'FROM a\nFROM a\nRUN b\nCMD c');
    assert.equal(mutate(text, { kind: 'insert', at: 2, fragment: '\\', glue: false }), 'FROM a\nRUN b\n\\\nCMD c');
    assert.equal(
      mutate(text, { kind: 'insert', at: 1, fragment: 'ONBUILD ', glue: true }),
      'FROM a\nONBUILD RUN b\nCMD c',
    );
    assert.equal(mutate(text, { kind: 'truncate', at: 9 }), 'FROM a\nRU');
  });

  it(`never throws on ${RUNS} damaged corpus files, nor when their safe fixes are applied`, () => {
    let findings = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: corpus.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (index, mutations) => {
          const { file, text } = corpus[index];
          const damaged = mutations.reduce(mutate, text);
          const context = new OverlayContext(file);
          const found = lint(damaged, { rules: allOn(), context });
          findings += found.length;
          // the fix pass's edits apply, and what they make still parses (re-linting it all would
          // double the cost of a case; the corpus tests re-lint fixed files)
          const fixed = applyEdits(
            damaged,
            compatibleSafeFixes(damaged, found).flatMap((f) => f.edits),
          );
          parseDockerfile(fixed);
        },
      ),
      {
        numRuns: RUNS,
        seed: process.env.DOCKWRIGHT_PROPERTY_SEED ? Number(process.env.DOCKWRIGHT_PROPERTY_SEED) : undefined,
      },
    );
    assert.ok(findings > 0, 'damaged real Dockerfiles still have findings');
  });
});
