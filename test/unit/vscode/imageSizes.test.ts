// The sizes the editor draws after a build and the image it reads them from, decided without vscode.
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { mapHistory } from '../../../src/core/images';
import { BuiltImageScanner } from '../../../src/vscode/images/builtImage';
import { joinNotes, sizeNotes } from '../../../src/vscode/images/sizeNotes';
import { recorded } from '../images/recorded';

/** `line: text` per note, 1-based lines. */
const lines = (notes: { line: number; text: string }[]) => notes.map((n) => `${n.line + 1}: ${n.text}`);

describe('size notes on the Dockerfile after a build (unit)', () => {
  const cases: { name: 'docker20-multistage' | 'buildx-features' | 'podman-onbuild'; expected: string[] }[] = [
    {
      name: 'docker20-multistage',
      expected: [
        '4: base image 2.0 MB',
        '5: no layer',
        '6: no layer',
        '7: no layer',
        '8: +0 B',
        '9: +3 B',
        '10: +6 B',
        '11: +3.1 MB',
        '12: +0 B',
        '13: +7 B',
        '15: no layer',
        '16: no layer',
        '17: no layer',
      ],
    },
    // the base's ONBUILD steps run on the FROM line: their bytes join the base image's
    {
      name: 'podman-onbuild',
      expected: ['1: base image 2.1 MB · ONBUILD +7.7 kB', '2: +2.6 kB', '3: +1.5 kB', '4: no layer'],
    },
  ];
  for (const { name, expected } of cases) {
    it(`${name}: one note per instruction of the built stages, the base image's on the FROM`, () => {
      const { dockerfile, facts, baseOnBuild } = recorded(name);
      const model = parseDockerfile(dockerfile);
      assert.deepEqual(lines(sizeNotes(mapHistory(model, facts.history, { baseOnBuild }), model)), expected);
    });
  }

  it('a continued instruction is cleared by an edit on any of its lines', () => {
    const { dockerfile, facts } = recorded('docker20-multistage');
    const model = parseDockerfile(dockerfile);
    const run = sizeNotes(mapHistory(model, facts.history), model).find((n) => n.line === 12);
    assert.deepEqual(run, { line: 12, endLine: 13, text: '+7 B' });
  });

  it('draws nothing when the history does not map to the Dockerfile', () => {
    const model = parseDockerfile('FROM alpine\nRUN true\n');
    assert.deepEqual(sizeNotes(mapHistory(model, []), model), []);
  });

  it('FROM scratch says there is no base image', () => {
    const model = parseDockerfile('FROM scratch\nCOPY a /a\n');
    const history = [{ createdBy: 'COPY a /a # buildkit', size: 1200, emptyLayer: false, comment: '' }];
    assert.deepEqual(lines(sizeNotes(mapHistory(model, history), model)), ['1: no base image', '2: +1.2 kB']);
  });

  const timing = (line: number, text: string, endLine = line) => ({ line, endLine, text });
  for (const [name, timings, sizes, expected] of [
    ['size then timing', [timing(1, '12.3 s')], [timing(1, '+84.2 MB')], ['2: +84.2 MB · 12.3 s']],
    ['a timing alone (another stage)', [timing(0, 'cached')], [], ['1: cached']],
    ['a size alone (read on demand)', [], [timing(3, 'no layer')], ['4: no layer']],
    [
      'by line, whichever came first',
      [timing(4, '1.0 s'), timing(0, 'cached')],
      [timing(2, 'base image 5.0 MB'), timing(4, '+1 B')],
      ['1: cached', '3: base image 5.0 MB', '5: +1 B · 1.0 s'],
    ],
  ] as const) {
    it(`joins notes: ${name}`, () => {
      assert.deepEqual(lines(joinNotes(timings, sizes)), expected);
    });
  }

  it('a joined note spans the longer of the two ranges', () => {
    assert.deepEqual(joinNotes([timing(1, '2 s', 1)], [timing(1, '+1 B', 3)]), [
      { line: 1, endLine: 3, text: '+1 B · 2 s' },
    ]);
  });
});

describe('the image a build wrote, read off its output (unit)', () => {
  const ID = 'a'.repeat(64);
  const OTHER = 'b'.repeat(64);
  for (const [name, chunks, expected] of [
    ['BuildKit plain progress', [`#9 exporting to image\r\n#9 writing image sha256:${ID} done\r\n`], `sha256:${ID}`],
    ['a line cut between chunks', [`#9 writing image sha2`, `56:${ID} done\r\n#9 DONE 0.1s\r\n`], `sha256:${ID}`],
    ['in colour, without a last line break', [`\x1b[34m#9 writing image sha256:${ID}\x1b[0m`], `sha256:${ID}`],
    [
      'the containerd store: the manifest list, after the manifest and the attestation',
      [
        `#7 exporting manifest sha256:${OTHER}\n#7 exporting config sha256:${'c'.repeat(64)} 0.0s done\n`,
        `#7 exporting attestation manifest sha256:${'d'.repeat(64)} 0.1s done\n#7 exporting manifest list sha256:${ID}\n`,
        `#7 naming to moby-dangling@sha256:${ID} 0.0s done\n`,
      ],
      `sha256:${ID}`,
    ],
    [
      'the containerd store without attestations: the manifest',
      [`#7 exporting manifest sha256:${ID} 0.0s done\n`],
      `sha256:${ID}`,
    ],
    ['podman: the full ID last', [`STEP 2/2: RUN true\n--> 1a2b3c\n${ID}\n`], ID],
    [
      'the last of two (build and push)',
      [`writing image sha256:${OTHER} done\n`, `writing image sha256:${ID} done\n`],
      `sha256:${ID}`,
    ],
    ['none: a push, or an image not loaded', ['#10 exporting to oci image format\n#10 DONE\n'], undefined],
    ['not a whole ID', [`writing image sha256:${ID.slice(1)}\n${ID}0\n`], undefined],
  ] as const) {
    it(name, () => {
      const scanner = new BuiltImageScanner();
      for (const chunk of chunks) scanner.push(chunk);
      assert.equal(scanner.imageId(), expected);
    });
  }
});
