// `dockwright image layers` output: a table of sizes by Dockerfile line (or by history entry when
// there is no Dockerfile, or it does not match), then the wasted bytes. Lines are 1-based, in text
// and JSON alike. Text from the image (created_by) is the image author's: shown, never acted on.
import type { EngineKind } from '../core/builds/spec';
import type { DockerfileModel } from '../core/dockerfile/model';
import {
  formatBytes,
  type HistoryEntry,
  type ImageFacts,
  type LayerMapping,
  type LayerRef,
  type WasteReport,
} from '../core/images';
import { squash } from '../core/images/createdBy';
import { printable, printableJson } from '../core/printable';
import { displayPath } from './formats/paths';

export interface LayersReport {
  image: string;
  engine: EngineKind;
  facts: ImageFacts;
  dockerfile?: string;
  model?: DockerfileModel;
  target?: string;
  mapping?: LayerMapping;
  waste?: WasteReport;
}

const shorten = (text: string, max: number): string => {
  const flat = squash(text);
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
};

const added = (size: number, emptyLayer: boolean | undefined): string =>
  emptyLayer ? 'no layer' : `+${formatBytes(size)}`;

const totalOf = (history: HistoryEntry[]): number => history.reduce((sum, e) => sum + e.size, 0);

function row(where: string, size: string, text: string): string {
  return `${where.padStart(6)}  ${size.padStart(10)}  ${printable(text)}`;
}

function instructionRows(report: LayersReport, mapping: LayerMapping & { mapped: true }): string[] {
  const model = report.model!;
  // the instruction's first line as written, flags included; a continued one ends in `...`
  const text = (index: number) => {
    const i = model.instructions[index];
    const first = model.lines[i.range.start.line].trim();
    const continued = i.range.end.line > i.range.start.line;
    return shorten(continued ? `${first.replace(/\s*\\$/, '')} ...` : first, 72);
  };
  const rows = [row('line', 'size', 'instruction')];
  const { base } = mapping;
  rows.push(row(String(base.line + 1), formatBytes(base.size), `${text(base.instruction)}  (base image)`));
  for (const s of mapping.steps) {
    const what = s.onBuild === undefined ? text(s.instruction) : `${shorten(s.onBuild, 60)}  (ONBUILD of the base)`;
    rows.push(row(String(s.line + 1), added(s.size, s.emptyLayer), what));
  }
  return rows;
}

function historyRows(history: HistoryEntry[]): string[] {
  return [
    row('entry', 'size', 'created by'),
    ...history.map((e, i) =>
      row(`#${i + 1}`, added(e.size, e.emptyLayer), shorten(e.createdBy, 72) || '(imported, or no record)'),
    ),
  ];
}

function layerName(ref: LayerRef): string {
  if (ref.line !== undefined) return `line ${ref.line + 1}${ref.base ? ' (base image)' : ''}`;
  if (ref.historyIndex !== undefined) return `entry #${ref.historyIndex + 1} (${shorten(ref.createdBy ?? '', 40)})`;
  return `layer ${ref.layer + 1}`;
}

function wasteRows(waste: WasteReport): string[] {
  const rows = [
    `Wasted bytes: ${formatBytes(waste.total)}${waste.entries.length ? '' : ' (no file is hidden by a later layer)'}`,
  ];
  for (const e of waste.entries) {
    const files = `${e.files} file${e.files === 1 ? '' : 's'}`;
    const rule = e.rule ? `  [${e.rule}]` : '';
    rows.push(
      `  ${formatBytes(e.bytes).padStart(9)}  ${printable(e.path)} (${files}): added by ${printable(layerName(e.addedBy))}, ${e.how} by ${printable(layerName(e.hiddenBy))}${rule}`,
    );
  }
  for (const u of waste.unreadable) rows.push(`  not counted: ${printable(u)}`);
  return rows;
}

export function formatLayersText(report: LayersReport, cwd: string): string {
  const { facts, mapping } = report;
  const lines = [
    `${printable(report.image)} (${facts.id.replace(/^sha256:/, '').slice(0, 12)}, ${report.engine}): ${facts.history.length} history entries, ${facts.layerCount} layers`,
  ];
  if (report.dockerfile)
    lines.push(
      `Dockerfile ${printable(displayPath(report.dockerfile, cwd))}${report.target ? `, target ${printable(report.target)}` : ''}`,
    );
  lines.push('');
  lines.push(...(mapping?.mapped ? instructionRows(report, mapping) : historyRows(facts.history)));
  lines.push(`${'total'.padStart(6)}  ${formatBytes(totalOf(facts.history)).padStart(10)}`);
  if (report.waste) lines.push('', ...wasteRows(report.waste));
  return lines.join('\n') + '\n';
}

const layerJson = (ref: LayerRef) => ({
  layer: ref.layer + 1,
  ...(ref.line !== undefined && { line: ref.line + 1 }),
  ...(ref.base && { base: true }),
  ...(ref.createdBy !== undefined && { createdBy: ref.createdBy }),
});

export function formatLayersJson(report: LayersReport, cwd: string): string {
  const { facts, mapping, waste } = report;
  const json = {
    image: report.image,
    engine: report.engine,
    id: facts.id,
    total: totalOf(facts.history),
    layers: facts.layerCount,
    ...(report.dockerfile && { dockerfile: displayPath(report.dockerfile, cwd) }),
    ...(report.target && { target: report.target }),
    ...(mapping?.mapped && {
      base: { line: mapping.base.line + 1, image: mapping.base.image, size: mapping.base.size },
      instructions: mapping.steps.map((s) => ({
        line: s.line + 1,
        keyword: s.keyword,
        size: s.size,
        layer: s.emptyLayer === undefined ? null : !s.emptyLayer,
        ...(s.onBuild !== undefined && { onBuild: s.onBuild }),
        createdBy: s.createdBy,
      })),
    }),
    ...(mapping && !mapping.mapped && { unmapped: mapping.reason }),
    history: facts.history.map((e) => ({
      createdBy: e.createdBy,
      size: e.size,
      layer: e.emptyLayer === undefined ? null : !e.emptyLayer,
    })),
    ...(waste && {
      wasted: {
        total: waste.total,
        entries: waste.entries.map((e) => ({
          path: e.path,
          bytes: e.bytes,
          files: e.files,
          how: e.how,
          addedBy: layerJson(e.addedBy),
          hiddenBy: layerJson(e.hiddenBy),
          ...(e.rule && { rule: e.rule }),
        })),
        unreadable: waste.unreadable,
      },
    }),
  };
  return printableJson(JSON.stringify(json, null, 2)) + '\n';
}
