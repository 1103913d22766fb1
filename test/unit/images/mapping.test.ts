import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { mapHistory, rootBaseImage, type LayerMapping } from '../../../src/core/images';
import { recorded, type RecordedCase } from './recorded';

/** `line keyword size` per step (1-based lines; `-` for no layer, `?` when it cannot be told). */
function summary(mapping: LayerMapping): string[] {
  assert.ok(mapping.mapped, mapping.mapped ? '' : mapping.reason);
  const layer = (empty: boolean | undefined) => (empty === undefined ? '?' : empty ? '-' : '+');
  return mapping.steps.map(
    (s) => `${s.line + 1} ${s.onBuild ? `ONBUILD ${s.onBuild}` : s.keyword} ${layer(s.emptyLayer)}${s.size}`,
  );
}

const MULTISTAGE_DOCKER20 = [
  '5 ARG -0',
  '6 ENV -0',
  '7 LABEL -0',
  '8 WORKDIR +0',
  '9 COPY +3',
  '10 COPY +6',
  '11 RUN +3145728',
  '12 RUN +0',
  '13 RUN +7',
  '15 USER -0',
  '16 EXPOSE -0',
  '17 CMD -0',
];

describe('image history mapped to Dockerfile instructions (unit)', () => {
  const cases: {
    name: RecordedCase;
    target?: string;
    base: { line: number; size: number; entries: number };
    steps: string[];
  }[] = [
    // Docker 20.10's BuildKit: WORKDIR and `RUN rm` have layers of 0 bytes, told by the layer count
    { name: 'docker20-multistage', base: { line: 4, size: 1984181, entries: 1 }, steps: MULTISTAGE_DOCKER20 },
    // --target: the stage and the stage it is FROM, not the last stage
    {
      name: 'docker20-target',
      target: 'mid',
      base: { line: 1, size: 1984181, entries: 1 },
      steps: ['2 RUN +5', '5 ENV -0', '6 RUN +102400'],
    },
    {
      name: 'buildx-target',
      target: 'MID',
      base: { line: 1, size: 2060288, entries: 1 },
      steps: ['2 RUN +20480', '5 ENV -0', '6 RUN +106496'],
    },
    // buildx 0.13 on dockerd 26 (containerd store): ONBUILD triggers of the base, COPY --link,
    // COPY --from --chmod, ADD, RUN --mount, heredocs in RUN and COPY, RUN in exec form
    {
      name: 'buildx-features',
      base: { line: 4, size: 2060288, entries: 1 },
      steps: [
        '4 ONBUILD RUN echo triggered > /trig +20480',
        '4 ONBUILD COPY hello.txt /onb/ +12288',
        '5 ARG -0',
        '6 ENV -0',
        '7 LABEL -0',
        '8 WORKDIR +8192',
        '9 COPY +12288',
        '10 COPY +12288',
        '11 ADD +8192',
        '12 RUN +3149824',
        '13 RUN +4096',
        '14 RUN +8192',
        '18 COPY +8192',
        '21 RUN +4096',
        '22 USER -0',
        '23 EXPOSE -0',
        '24 HEALTHCHECK -0',
        '25 VOLUME -0',
        '26 STOPSIGNAL -0',
        '27 SHELL -0',
        '28 ENTRYPOINT -0',
        '29 CMD -0',
      ],
    },
    // podman 4.3 (buildah): `#(nop)` entries, RUN without a keyword, sizes of the layer tars
    {
      name: 'podman-multistage',
      base: { line: 4, size: 2129920, entries: 1 },
      steps: [
        '5 ARG -0',
        '6 ENV -0',
        '7 LABEL -0',
        '8 WORKDIR -0',
        '9 COPY +2560',
        '10 COPY +2560',
        '11 RUN +3150336',
        '12 RUN +2048',
        '13 RUN +2560',
        '15 USER -0',
        '16 EXPOSE -0',
        '17 CMD -0',
      ],
    },
    // buildah keeps the base's ONBUILD entries in the history: the triggers are read from them
    {
      name: 'podman-onbuild',
      base: { line: 1, size: 2129920, entries: 3 },
      steps: [
        '1 ONBUILD RUN echo triggered > /trig +5120',
        '1 ONBUILD COPY hello.txt /onb/ +2560',
        '2 COPY +2560',
        '3 RUN +1536',
        '4 ENTRYPOINT -0',
      ],
    },
  ];
  for (const { name, target, base, steps } of cases) {
    it(`maps ${name}${target ? ` --target ${target}` : ''}`, () => {
      const { dockerfile, facts, baseOnBuild } = recorded(name);
      const mapping = mapHistory(parseDockerfile(dockerfile), facts.history, { target, baseOnBuild });
      assert.deepEqual(summary(mapping), steps);
      assert.ok(mapping.mapped);
      assert.deepEqual({ line: mapping.base.line + 1, size: mapping.base.size, entries: mapping.base.entries }, base);
    });
  }

  // A Dockerfile that is not the one the image came from maps nothing, and says where it parts.
  const mismatches: { name: string; edit: (text: string) => string; target?: string; reason: RegExp }[] = [
    {
      name: 'a RUN whose command changed',
      edit: (t) => t.replace('rm /big', 'rm -f /big'),
      reason: /history entry 9 of 13 \('RUN \|1 VERSION=1 \/bin\/sh -c rm \/big # buildkit'\) is not line 12's RUN/,
    },
    {
      name: 'an instruction added at the top of the stage',
      edit: (t) => t.replace('ARG VERSION=1', 'ARG VERSION=1\nENV EXTRA=1'),
      reason: /history entry 2 of 13 \('ARG VERSION=1'\) is not line 6's ENV/,
    },
    {
      name: 'two instructions swapped',
      edit: (t) => t.replace('USER 1000\nEXPOSE 8080', 'EXPOSE 8080\nUSER 1000'),
      reason: /is not line 16's USER/,
    },
    { name: 'another user', edit: (t) => t.replace('USER 1000', 'USER 1001'), reason: /line 15's USER/ },
    { name: 'another ENV name', edit: (t) => t.replace('ENV A=b', 'ENV B=b'), reason: /line 6's ENV/ },
    {
      name: 'another COPY destination',
      edit: (t) => t.replace('/app/artifact', '/app/other'),
      reason: /line 10's COPY/,
    },
    {
      name: 'the build stage as target',
      target: 'build',
      edit: (t) => t,
      reason: /history entry 13 of 13 \('CMD \["sh"\]'\) is not line 2's RUN: .* target 'build'\?/,
    },
    { name: 'a target that does not exist', target: 'nope', edit: (t) => t, reason: /no stage named 'nope'/ },
    {
      name: 'more instructions than the history has',
      edit: (t) => t.replace('FROM local/busybox:1\n', `FROM local/busybox:1\n${'ENV X=1\n'.repeat(20)}`),
      reason: /is not line|history ends before line/,
    },
  ];
  for (const { name, edit, target, reason } of mismatches) {
    it(`maps nothing for ${name}, and says why`, () => {
      const { dockerfile, facts } = recorded('docker20-multistage');
      const mapping = mapHistory(parseDockerfile(edit(dockerfile)), facts.history, { target });
      assert.equal(mapping.mapped, false);
      assert.match(mapping.mapped ? '' : mapping.reason, reason);
    });
  }

  it('keeps a RUN whose continuation lines hold comments', () => {
    const { dockerfile, facts } = recorded('docker20-multistage');
    const commented = dockerfile.replace('echo "$VERSION" > /v && \\\n', 'echo "$VERSION" > /v && \\\n# a note\n');
    const below = (step: string) => step.replace(/^1[5-7] /, (n) => `${Number(n) + 1} `);
    assert.deepEqual(summary(mapHistory(parseDockerfile(commented), facts.history)), MULTISTAGE_DOCKER20.map(below));
  });

  for (const [text, target, base] of [
    ['FROM alpine:3.20\nRUN true\n', undefined, 'alpine:3.20'],
    ['FROM node:20 AS build\nFROM build AS test\nFROM test\n', undefined, 'node:20'],
    ['FROM node:20 AS build\nFROM nginx:1 AS web\nFROM build\n', 'web', 'nginx:1'],
    ['FROM scratch\nCOPY a /a\n', undefined, undefined],
    ['FROM alpine\n', 'nope', undefined],
  ] as const) {
    it(`rootBaseImage: ${JSON.stringify(text)}${target ? ` --target ${target}` : ''} is FROM ${base}`, () => {
      assert.equal(rootBaseImage(parseDockerfile(text), target), base);
    });
  }
});
