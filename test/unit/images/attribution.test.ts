import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { attributeWaste, mapHistory, type LayerFile, type SavedImage } from '../../../src/core/images';
import { recorded } from './recorded';

const file = (path: string, size: number): LayerFile => ({ path, size, kind: 'file' });
const whiteout = (path: string): LayerFile => ({ path, size: 0, kind: 'whiteout' });

describe('wasted bytes told by Dockerfile line (unit)', () => {
  // docker20-multistage: 13 history entries, 7 layers (base, WORKDIR, COPY, COPY, RUN dd, RUN rm, RUN echo)
  const { dockerfile, facts } = recorded('docker20-multistage');
  const history = facts.history.map((e) => ({ created_by: e.createdBy, ...(e.emptyLayer && { empty_layer: true }) }));
  const layers: LayerFile[][] = [
    [file('etc/passwd', 300)],
    [],
    [file('app/hello.txt', 3)],
    [file('app/artifact', 6)],
    [file('big', 3145728)],
    [whiteout('big'), file('etc/passwd', 310)],
    [file('v', 7)],
  ];
  const saved: SavedImage = { layers, history, unreadable: [] };
  const mapping = mapHistory(parseDockerfile(dockerfile), facts.history);

  const cases: { name: string; mapped: boolean; expected: string[] }[] = [
    {
      name: 'with the history mapped: lines, the base image on its FROM line',
      mapped: true,
      expected: [
        '/big 3145728: line 11 (#8) -> line 12 (#9) prefer-multi-stage',
        '/etc/passwd 300: line 4 base (#1) -> line 12 (#9) -',
      ],
    },
    {
      name: 'without a Dockerfile: history entries only',
      mapped: false,
      expected: ['/big 3145728: #8 -> #9 prefer-multi-stage', '/etc/passwd 300: #1 -> #9 -'],
    },
  ];
  for (const { name, mapped, expected } of cases) {
    it(name, () => {
      const report = attributeWaste(saved, mapped ? mapping : undefined);
      const where = (r: { line?: number; base?: boolean; historyIndex?: number }) =>
        `${r.line === undefined ? '' : `line ${r.line + 1}${r.base ? ' base' : ''} (`}#${r.historyIndex! + 1}${r.line === undefined ? '' : ')'}`;
      assert.deepEqual(
        report.entries.map((e) => `${e.path} ${e.bytes}: ${where(e.addedBy)} -> ${where(e.hiddenBy)} ${e.rule ?? '-'}`),
        expected,
      );
      assert.equal(report.total, 3145728 + 300);
    });
  }

  it('matches layers to the history from the top when the config has fewer entries with a layer', () => {
    const short: SavedImage = { layers, history: history.slice(1), unreadable: [] };
    const report = attributeWaste(short);
    assert.deepEqual(
      report.entries.map((e) => [e.addedBy.historyIndex, e.hiddenBy.historyIndex]),
      [
        [6, 7],
        [undefined, 7],
      ],
    );
  });
});
