import assert from 'node:assert/strict';
import { DockerfileModel } from '../../../../src/core/dockerfile/model';
import { continuationStyle, continuedAnd } from '../../../../src/core/rules/support/lineEdits';
import { continuationLineIndent } from '../../../../src/core/rules/support/runEdits';

describe("continuation lines in the file's own style (unit)", () => {
  // the first continuation lines use two spaces, but most continuation lines use a tab
  const text =
    'FROM debian:12\nRUN apt-get update \\\n  && apt-get install -y a \\\n\t&& b \\\n\t&& c\n  RUN make \\\n\t&& d \\\n\t&& e\n';

  it('reads one indentation for every fix: the one most continuation lines use', () => {
    const model = new DockerfileModel(text);
    assert.equal(continuationStyle(model).indent, '\t');
    assert.equal(
      continuationLineIndent(model, model.instructions[2]),
      '  \t',
      "the RUN's own indentation, then the file's step",
    );
    assert.deepEqual(continuedAnd(model, 'RUN x', 'y'), ['RUN x \\', '\t&& y']);
  });

  it('falls back to four spaces and a trailing && when no RUN is continued', () => {
    const model = new DockerfileModel('FROM debian:12\nRUN make\n');
    assert.deepEqual(continuationStyle(model), { indent: '    ', leadingOperator: false });
    assert.equal(continuationLineIndent(model, model.instructions[1]), '    ');
  });
});
