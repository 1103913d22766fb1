import assert from 'node:assert/strict';
import { locateStep, parseStepName, stepInstructions } from '../../../src/core/builds';
import { parseDockerfile } from '../../../src/core/dockerfile/model';

describe('BuildKit step names (unit)', () => {
  it('splits platform, stage, padded index and instruction', () => {
    assert.deepEqual(parseStepName('[linux/arm64 build  3/12] RUN npm ci'), {
      internal: false,
      stage: 'build',
      index: 3,
      total: 12,
      instruction: 'RUN npm ci',
    });
    assert.deepEqual(parseStepName('[2/3] COPY . .'), {
      internal: false,
      stage: undefined,
      index: 2,
      total: 3,
      instruction: 'COPY . .',
    });
    assert.deepEqual(parseStepName('[internal] load build context'), {
      internal: true,
      stage: 'internal',
      instruction: 'load build context',
    });
    assert.deepEqual(parseStepName('exporting to image'), { internal: true, instruction: 'exporting to image' });
  });

  it('counts what BuildKit counts: FROM an image, RUN, COPY, ADD, WORKDIR', () => {
    const model = parseDockerfile(
      'FROM local/busybox:1 AS a\nENV X=1\nRUN x\nFROM a\nWORKDIR /w\nCMD ["x"]\nFROM scratch\nCOPY --from=a /x /x\n',
    );
    assert.deepEqual(
      model.stages.map((s) =>
        stepInstructions(s)
          .map((i) => i.keyword)
          .join(','),
      ),
      ['FROM,RUN', 'WORKDIR', 'COPY'],
    );
  });

  it('finds the instruction by position, or by text when the counts disagree', () => {
    const model = parseDockerfile('FROM local/busybox:1 AS a\nONBUILD RUN y\nRUN echo $X\nRUN echo two \\\n  more\n');
    // position agrees: the expanded build arg in the name does not matter
    assert.equal(locateStep(model, parseStepName('[a 2/3] RUN echo hello'))?.range.start.line, 2);
    // a count that does not match ours (say a newer frontend counts differently): the text decides
    assert.equal(locateStep(model, parseStepName('[a 7/9] RUN echo two   more'))?.range.start.line, 3);
    assert.equal(locateStep(model, parseStepName('[a 7/9] COPY x y')), undefined);
    assert.equal(locateStep(model, parseStepName('[nope 2/3] RUN echo hello')), undefined);
  });
});
