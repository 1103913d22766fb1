// updateModel() after an edit: the same model as a fresh parse, and the instructions the edit left
// where they were kept as the same objects (with what was worked out on them). That the rules
// then answer as on a fresh parse is test/unit/real-world/incrementalLint.test.ts.
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { updateModel } from '../../../src/core/dockerfile/incremental';
import { DockerfileModel } from '../../../src/core/dockerfile/model';
import { runScript } from '../../../src/core/shell/script';
import { dockerfile } from '../../support/dedent';

const BASE = dockerfile`
  # syntax=docker/dockerfile:1
  FROM alpine AS build
  RUN apk add git && \
      make
  # a comment
  COPY . /src
  FROM build
  RUN echo hi
`;

/** The model as the rules read it, nodes and memos aside. */
function shape(model: DockerfileModel) {
  return {
    instructions: model.instructions.map((i) => ({
      index: i.index,
      keyword: i.keyword,
      range: i.range,
      keywordRange: i.keywordRange,
      args: i.args.map((a) => ({ value: a.value, range: a.range })),
      flags: i.flags,
      argsText: i.argsText,
      argsStart: i.argsStart,
      stage: i.stage,
      jsonForm: i.jsonForm,
    })),
    stages: model.stages.map((s) => ({ ...s, from: s.from.index, instructions: s.instructions.map((i) => i.index) })),
    directives: model.directives,
    comments: model.comments,
    escapeChar: model.escapeChar,
    lines: model.lines,
  };
}

const CASES: { name: string; from?: string; edit: (text: string) => string; kept: number[] }[] = [
  { name: 'typing inside a RUN', edit: (t) => t.replace('git', 'gjt'), kept: [0, 2, 3, 4] },
  { name: 'typing in the last instruction', edit: (t) => t.replace('hi', 'ho'), kept: [0, 1, 2, 3] },
  {
    name: 'a line added above: the instructions below move',
    edit: (t) => t.replace('COPY', 'USER x\nCOPY'),
    kept: [0, 1],
  },
  { name: 'a continuation removed: two instructions', edit: (t) => t.replace('&& \\', '&&'), kept: [0] },
  {
    name: 'a comment edited between instructions',
    edit: (t) => t.replace('a comment', 'a remark'),
    kept: [0, 1, 2, 3, 4],
  },
  { name: 'a stage renamed', edit: (t) => t.replace('AS build', 'AS builder'), kept: [1, 2, 3, 4] },
  {
    name: 'a heredoc opened that runs to the end',
    edit: (t) => t.replace('RUN echo', 'RUN <<EOF echo'),
    kept: [0, 1, 2, 3],
  },
  { name: 'the directives at the top edited: parsed whole', edit: (t) => t.replace('syntax', 'syntaks'), kept: [] },
  {
    name: 'the escape directive kept for the lines parsed again',
    from: '# escape=`\nFROM alpine\nRUN a `\n  b\nRUN c\n',
    edit: (t) => t.replace('RUN a', 'RUN ab'),
    kept: [0, 2],
  },
  { name: 'nothing changed', edit: (t) => t, kept: [0, 1, 2, 3, 4] },
];

describe('updateModel', () => {
  for (const { name, from = BASE, edit, kept } of CASES) {
    it(name, () => {
      const before = new DockerfileModel(from);
      const text = edit(from);
      const after = updateModel(before, text);
      assert.deepEqual(shape(after), shape(new DockerfileModel(text)));
      const same = after.instructions.filter((i) => before.instructions.includes(i)).map((i) => i.index);
      assert.deepEqual(same, kept);
    });
  }

  it('keeps no earlier model alive through what its kept instructions hold', async () => {
    // The session's models follow one another for as long as a document is open: a RUN's script
    // kept on an instruction that held the model it was read in would keep every model alive.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const read = (model: DockerfileModel) =>
      model.instructions.forEach((i) => runScript(model, i)?.commands.forEach((c) => c.words.map((w) => w.range)));
    let model = new DockerfileModel(BASE);
    read(model);
    const first = new WeakRef(model);
    for (const letter of 'abcdef') {
      model = updateModel(model, model.text.replace(/echo \w+/, `echo ${letter}`));
      read(model);
    }
    await new Promise((resolve) => setImmediate(resolve)); // a WeakRef holds its target until the job ends
    gc();
    assert.equal(first.deref(), undefined);
    assert.equal(model.instructions[1].keyword, 'RUN'); // the last model, still in use
  });
});
