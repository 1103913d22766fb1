import assert from 'node:assert/strict';
import { parseImageArgs, type ImageLayersOptions } from '../../../src/cli/imageLayers';
import { formatLayersJson, formatLayersText } from '../../../src/cli/imageLayersReport';
import { UsageError } from '../../../src/cli/options';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { mapHistory, type WasteReport } from '../../../src/core/images';
import { recorded } from '../images/recorded';

describe('dockwright image layers: arguments (unit)', () => {
  const defaults: ImageLayersOptions = { image: 'app:1', format: 'text', wasted: true, engine: 'auto' };
  const valid: [string, Partial<ImageLayersOptions> | undefined][] = [
    ['layers app:1', {}],
    ['layers app:1 --dockerfile d/Dockerfile --target build', { dockerfile: 'd/Dockerfile', target: 'build' }],
    ['layers app:1 --format json --engine podman', { format: 'json', engine: 'podman' }],
    ['layers app:1 --max-size 200MB --max-wasted 1.5GiB', { maxSize: 200e6, maxWasted: 1.5 * 2 ** 30 }],
    ['layers app:1 --max-size 1000 --no-wasted', { maxSize: 1000, wasted: false }],
    ['layers app:1 --max-size 12kb', { maxSize: 12_000 }],
    ['layers --help', undefined],
    ['help', undefined],
  ];
  for (const [args, expected] of valid) {
    it(`reads ${args}`, () => {
      const options = parseImageArgs(args.split(' '));
      const defined = options && Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
      assert.deepEqual(defined, expected && { ...defaults, ...expected });
    });
  }

  const invalid: [string, RegExp][] = [
    ['', /no command given/],
    ['list', /unknown command 'image list'/],
    ['layers', /no image given/],
    ['layers a b', /'b' is one too many/],
    ['layers a --max-size big', /--max-size 'big' is not a size/],
    ['layers a --max-wasted 3XB', /--max-wasted '3XB' is not a size/],
    ['layers a --format sarif', /--format 'sarif' is not one of text, json/],
    ['layers a --engine nerdctl', /--engine 'nerdctl' is not one of auto, docker, buildx, podman/],
    ['layers a --target build', /--target needs --dockerfile/],
    ['layers a --no-wasted --max-wasted 1MB', /--max-wasted needs the wasted bytes/],
    ['layers a --bogus', /Unknown option '--bogus'/],
  ];
  for (const [args, message] of invalid) {
    it(`refuses '${args}'`, () => {
      assert.throws(
        () => parseImageArgs(args ? args.split(' ') : []),
        (e: Error) => e instanceof UsageError && message.test(e.message),
      );
    });
  }
});

describe('dockwright image layers: output (unit)', () => {
  const { dockerfile, facts } = recorded('docker20-multistage');
  const model = parseDockerfile(dockerfile);
  const waste: WasteReport = {
    total: 3145728,
    entries: [
      {
        path: '/big',
        bytes: 3145728,
        files: 1,
        how: 'removed',
        addedBy: { layer: 4, historyIndex: 7, createdBy: facts.history[7].createdBy, line: 10 },
        hiddenBy: { layer: 5, historyIndex: 8, createdBy: facts.history[8].createdBy, line: 11 },
        rule: 'prefer-multi-stage',
      },
    ],
    unreadable: [],
  };
  const report = {
    image: 'app:1',
    engine: 'docker' as const,
    facts,
    dockerfile: '/w/Dockerfile',
    model,
    mapping: mapHistory(model, facts.history),
    waste,
  };

  it('puts each size on its instruction line, the base image on its FROM', () => {
    const text = formatLayersText(report, '/w');
    for (const line of [
      '     4      2.0 MB  FROM local/busybox:1  (base image)',
      '     5    no layer  ARG VERSION=1',
      '     8        +0 B  WORKDIR /app',
      '    10        +6 B  COPY --from=build /artifact /app/artifact',
      '    11     +3.1 MB  RUN dd if=/dev/zero of=/big bs=1M count=3',
      '    13        +7 B  RUN echo "$VERSION" > /v && ...',
      ' total      5.1 MB',
      'Wasted bytes: 3.1 MB',
      '     3.1 MB  /big (1 file): added by line 11, removed by line 12  [prefer-multi-stage]',
    ])
      assert.ok(text.split('\n').includes(line), `no line ${JSON.stringify(line)} in:\n${text}`);
  });

  it('lists the history when the Dockerfile does not match, naming layers by entry', () => {
    const other = parseDockerfile(dockerfile.replace('rm /big', 'rm -f /big'));
    const text = formatLayersText(
      {
        ...report,
        model: other,
        mapping: mapHistory(other, facts.history),
        waste: {
          ...waste,
          entries: [
            {
              ...waste.entries[0],
              addedBy: { layer: 4, historyIndex: 7, createdBy: 'RUN dd' },
              hiddenBy: { layer: 5 },
            },
          ],
        },
      },
      '/w',
    );
    assert.match(text, /^ {4}#8 {5}\+3\.1 MB {2}RUN \|1 VERSION=1 \/bin\/sh -c dd/m);
    assert.match(text, /added by entry #8 \(RUN dd\), removed by layer 6/);
  });

  it('writes JSON with 1-based lines, and the controls of a created_by escaped', () => {
    const hostile = {
      ...facts,
      history: facts.history.map((e, i) => (i === 0 ? { ...e, createdBy: 'x\u001b]52;c;AA\u0007' } : e)),
    };
    const json = formatLayersJson({ ...report, facts: hostile }, '/w');
    const parsed = JSON.parse(json) as {
      base: { line: number };
      instructions: { line: number; layer: boolean | null }[];
      wasted: { entries: { addedBy: { line: number } }[] };
      history: { createdBy: string }[];
    };
    assert.equal(parsed.base.line, 4);
    assert.deepEqual(parsed.instructions[3], {
      line: 8,
      keyword: 'WORKDIR',
      size: 0,
      layer: true,
      createdBy: 'WORKDIR /app',
    });
    assert.equal(parsed.wasted.entries[0].addedBy.line, 11);
    assert.equal(parsed.history[0].createdBy, 'x\u001b]52;c;AA\u0007');
    assert.ok(!json.includes('\u001b'));
  });
});
