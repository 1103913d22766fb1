// Facts that several rules ask for on every lint are worked out once: on the model (the global
// ARGs, each stage's image) or on the instruction, which the editor's lint session keeps across
// edits that leave it alone (variable uses and declarations).
import assert from 'node:assert/strict';
import { fromImage, globalArgs } from '../../../src/core/dockerfile/fromImage';
import { updateModel } from '../../../src/core/dockerfile/incremental';
import { DockerfileModel } from '../../../src/core/dockerfile/model';
import { builderVariables, declaredNames } from '../../../src/core/dockerfile/variables';
import { dockerfile } from '../../support/dedent';

const TEXT = dockerfile`
  ARG BASE=alpine:3.19
  ARG REGISTRY
  FROM \${BASE} AS build
  ENV APP=/app HOME=\${APP}
  FROM \${REGISTRY}/node:20
  COPY --from=build \${APP} /app
`;

describe('facts kept for the next lint', () => {
  const model = new DockerfileModel(TEXT);
  const [build] = model.stages;
  const env = model.instructions[3];
  const copy = model.instructions[5];

  const SAME_ANSWER: { name: string; ask: () => unknown }[] = [
    { name: 'the global ARGs', ask: () => globalArgs(model) },
    { name: "a stage's image", ask: () => fromImage(model, build) },
    { name: 'the variables an instruction uses', ask: () => builderVariables(model, copy) },
    { name: 'the names an ENV declares', ask: () => declaredNames(env, model.escapeChar) },
  ];
  for (const { name, ask } of SAME_ANSWER) {
    it(`${name}: the same answer when asked again`, () => {
      const first = ask();
      assert.ok(first);
      assert.equal(ask(), first);
    });
  }

  it('an instruction the edit left alone keeps its answers in the next model', () => {
    const next = updateModel(model, TEXT.replace('node:20', 'node:22'));
    assert.equal(next.instructions[5], copy);
    assert.equal(builderVariables(next, copy), builderVariables(model, copy));
    assert.deepEqual(
      builderVariables(next, copy).map((u) => u.name),
      ['APP'],
    );
  });

  it("a stage's image is worked out again for ARGs other than the file's", () => {
    const args = new Map([['BASE', { name: 'BASE', value: 'debian:12', range: build.from.range }]]);
    assert.equal(fromImage(model, build, args)?.ref.name, 'debian');
    assert.equal(fromImage(model, build)?.ref.name, 'alpine');
  });
});
