// What the Image Layers view shows, as plain data: the layers by size, each tied to its Dockerfile
// line where the history maps to it, the base image's share, the total, and the wasted bytes with
// the rules that avoid them. Every text is made printable here (a created_by, a path in a layer and
// an image name come from whoever made the image); the HTML escapes it. No vscode here: the unit
// tests and the test hooks read this model as is.
import type { DockerfileModel } from '../../core/dockerfile/model';
import { formatBytes } from '../../core/images/bytes';
import type { ImageFacts } from '../../core/images/history';
import type { LayerMapping } from '../../core/images/mapping';
import type { LayerRef, WasteReport } from '../../core/images/attribution';
import { printable } from '../../core/printable';
import { addedText } from './sizeNotes';

export interface LayerRow {
  /** 0-based Dockerfile line, when the history is mapped to the Dockerfile. */
  line?: number;
  /** `line 4`, or `#3` (the history entry) when unmapped. */
  where: string;
  /** The instruction's first line, or the history's created_by. */
  text: string;
  bytes: number;
  /** `+84.2 MB`, `no layer`; the base image's row: `74.8 MB`. */
  size: string;
  /** bytes / total, 0 to 1. */
  share: number;
  base?: boolean;
}

export interface LayerName {
  text: string;
  line?: number;
}

export interface WasteRow {
  path: string;
  files: number;
  bytes: number;
  size: string;
  how: 'removed' | 'overwritten';
  addedBy: LayerName;
  hiddenBy: LayerName;
  /** The rule that keeps these bytes out, when there is one. */
  rule?: string;
}

export type WasteState =
  | { state: 'reading' }
  | { state: 'failed' | 'cancelled'; message: string }
  | { state: 'done'; bytes: number; total: string; entries: WasteRow[]; unreadable: string[] };

export interface LayersModel {
  image: string;
  /** The image ID, short (12 hex digits). */
  id: string;
  engine: string;
  /** The Dockerfile, as the workspace shows its path; undefined when none was given. */
  dockerfile?: string;
  /** Why the layers are not shown by line, when a Dockerfile was given and its history does not map. */
  unmapped?: string;
  rows: LayerRow[];
  totalBytes: number;
  total: string;
  base?: { image: string; size: string; share: number };
  waste: WasteState;
}

export interface LayersInput {
  image: string;
  engine: string;
  facts: ImageFacts;
  dockerfile?: string;
  model?: DockerfileModel;
  mapping?: LayerMapping;
}

const MAX_TEXT = 120;

/** One line, printable, at most `max` characters. */
export function shown(text: string, max = MAX_TEXT): string {
  const flat = printable(
    text
      .replace(/\\\r?\n/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const shareOf = (bytes: number, total: number) => (total > 0 ? bytes / total : 0);

function mappedRows(model: DockerfileModel, mapping: LayerMapping & { mapped: true }, total: number): LayerRow[] {
  const firstLine = (instruction: number) => {
    const i = model.instructions[instruction];
    const continued = i.range.end.line > i.range.start.line;
    const first = model.lines[i.range.start.line] ?? '';
    return shown(continued ? `${first.replace(/\s*\\\s*$/, '')} …` : first);
  };
  const { base } = mapping;
  const rows: LayerRow[] = [
    {
      line: base.line,
      where: `line ${base.line + 1}`,
      text: firstLine(base.instruction),
      bytes: base.size,
      size: formatBytes(base.size),
      share: shareOf(base.size, total),
      base: true,
    },
  ];
  for (const s of mapping.steps)
    rows.push({
      line: s.line,
      where: `line ${s.line + 1}`,
      text: s.onBuild === undefined ? firstLine(s.instruction) : shown(`ONBUILD ${s.onBuild}`),
      bytes: s.size,
      size: addedText(s),
      share: shareOf(s.size, total),
    });
  return rows;
}

function historyRows(facts: ImageFacts, total: number): LayerRow[] {
  return facts.history.map((e, i) => ({
    where: `#${i + 1}`,
    text: shown(e.createdBy.replace(/ # buildkit$/, '')) || '(imported, or no record)',
    bytes: e.size,
    size: addedText(e),
    share: shareOf(e.size, total),
  }));
}

export function layersModel(input: LayersInput): LayersModel {
  const { facts, mapping, model } = input;
  const totalBytes = facts.history.reduce((sum, e) => sum + e.size, 0);
  const mapped = mapping?.mapped && model ? mapping : undefined;
  // a full ID, as an untagged build's image is named, reads as `docker images` shows it
  const image = /^sha256:[0-9a-f]{64}$/.test(input.image) ? input.image.slice(0, 19) : input.image;
  return {
    image: shown(image),
    id: facts.id.replace(/^sha256:/, '').slice(0, 12),
    engine: input.engine,
    dockerfile: input.dockerfile === undefined ? undefined : shown(input.dockerfile),
    unmapped: mapping && !mapping.mapped ? shown(mapping.reason, 400) : undefined,
    rows: mapped && model ? mappedRows(model, mapped, totalBytes) : historyRows(facts, totalBytes),
    totalBytes,
    total: formatBytes(totalBytes),
    base: mapped && {
      image: shown(mapped.base.image),
      size: formatBytes(mapped.base.size),
      share: shareOf(mapped.base.size, totalBytes),
    },
    waste: { state: 'reading' },
  };
}

function layerName(ref: LayerRef): LayerName {
  if (ref.line !== undefined) return { text: `line ${ref.line + 1}${ref.base ? ' (base image)' : ''}`, line: ref.line };
  if (ref.historyIndex !== undefined)
    return { text: `#${ref.historyIndex + 1} ${shown((ref.createdBy ?? '').replace(/ # buildkit$/, ''), 60)}` };
  return { text: `layer ${ref.layer + 1}` };
}

/** The wasted bytes, as the view lists them. */
export function wasteState(report: WasteReport): WasteState {
  return {
    state: 'done',
    bytes: report.total,
    total: formatBytes(report.total),
    entries: report.entries.map((e) => ({
      path: shown(e.path, 400),
      files: e.files,
      bytes: e.bytes,
      size: formatBytes(e.bytes),
      how: e.how,
      addedBy: layerName(e.addedBy),
      hiddenBy: layerName(e.hiddenBy),
      ...(e.rule && { rule: e.rule }),
    })),
    unreadable: report.unreadable.map((u) => shown(u, 400)),
  };
}
