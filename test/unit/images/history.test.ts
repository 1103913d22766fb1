import assert from 'node:assert/strict';
import { formatBytes, inferEmptyLayers, parseByteSize, readCreatedBy } from '../../../src/core/images';
import { recorded } from './recorded';

describe("an image history entry's created_by (unit)", () => {
  const cases: [string, string | undefined, string][] = [
    ['RUN |1 VERSION=1 /bin/sh -c make # buildkit', 'RUN', '|1 VERSION=1 /bin/sh -c make'],
    ['COPY hello.txt /app/ # buildkit', 'COPY', 'hello.txt /app/'],
    ['WORKDIR /app', 'WORKDIR', '/app'],
    ['EXPOSE map[8080/tcp:{}]', 'EXPOSE', 'map[8080/tcp:{}]'],
    ['/bin/sh -c #(nop)  CMD ["sh"]', 'CMD', '["sh"]'],
    ['/bin/sh -c #(nop) COPY file:2fac7e in /app/artifact ', 'COPY', 'file:2fac7e in /app/artifact'],
    ['|1 VERSION=1 /bin/sh -c #(nop) ENV A=b', 'ENV', 'A=b'],
    ['|1 VERSION=1 /bin/sh -c rm /big', 'RUN', '|1 VERSION=1 /bin/sh -c rm /big'],
    ['/bin/sh -c ["echo", "exec"]', 'RUN', '/bin/sh -c ["echo", "exec"]'],
    ['make install', 'RUN', 'make install'],
    ['', undefined, ''],
  ];
  for (const [createdBy, keyword, body] of cases) {
    it(`reads ${JSON.stringify(createdBy)}`, () => {
      assert.deepEqual(readCreatedBy(createdBy), keyword ? { keyword, body } : { body });
    });
  }
});

describe('which docker history entries have a layer (unit)', () => {
  const entry = (createdBy: string, size: number) => ({ createdBy, size, comment: '' });
  const history = [
    entry('', 100),
    entry('ENV A=b', 0),
    entry('WORKDIR /app', 0),
    entry('RUN x # buildkit', 0),
    entry('RUN y # buildkit', 5),
  ];
  const cases: [layers: number, expected: (boolean | undefined)[]][] = [
    // the layer count leaves one answer for the empty RUN and WORKDIR: both have (empty) layers
    [4, [false, true, false, false, false]],
    // or neither has
    [2, [false, true, true, true, false]],
    // or it cannot be told which of them has
    [3, [false, true, undefined, undefined, false]],
  ];
  for (const [layers, expected] of cases) {
    it(`with ${layers} layers`, () => {
      assert.deepEqual(
        inferEmptyLayers(history, layers).map((e) => e.emptyLayer),
        expected,
      );
    });
  }
});

describe("the base image's ONBUILD triggers, inspected with the image (unit)", () => {
  it('reads them from the second element of `docker image inspect <image> <base>`', () => {
    assert.deepEqual(recorded('buildx-features').facts.baseOnBuild, [
      'RUN echo triggered > /trig',
      'COPY hello.txt /onb/',
    ]);
  });
  it('leaves them undefined when the base was not asked for', () => {
    assert.equal(recorded('docker20-multistage').facts.baseOnBuild, undefined);
  });
});

describe('byte sizes (unit)', () => {
  const formats: [number, string][] = [
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [84_200_000, '84.2 MB'],
    [3_145_728, '3.1 MB'],
    [1.5e12, '1.5 TB'],
  ];
  for (const [bytes, text] of formats) it(`writes ${bytes} as ${text}`, () => assert.equal(formatBytes(bytes), text));
  const parses: [string, number | undefined][] = [
    ['1000', 1000],
    ['200MB', 200e6],
    ['200 mb', 200e6],
    ['1.5GiB', 1.5 * 2 ** 30],
    ['12k', 12_000],
    ['64KiB', 65_536],
    ['2TB', 2e12],
    ['1.5', 2],
    ['-1MB', undefined],
    ['MB', undefined],
    ['3XB', undefined],
    ['', undefined],
  ];
  for (const [text, bytes] of parses)
    it(`reads ${JSON.stringify(text)}`, () => assert.equal(parseByteSize(text), bytes));
});
