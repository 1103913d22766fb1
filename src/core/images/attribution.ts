// The wasted bytes told by instruction: each layer index of the archive becomes the history entry
// that made it (the config's non-empty entries, in order) and, where the history is mapped, the
// Dockerfile line; and each entry gets the guide rule that avoids it.
import type { SavedImage } from './archive';
import { readCreatedBy } from './createdBy';
import type { LayerMapping } from './mapping';
import { findWaste, type HiddenFiles } from './waste';
import { wasteRule } from './wasteRules';

export interface LayerRef {
  /** Index of the layer, bottom first. */
  layer: number;
  /** Its entry in the history (oldest first), when the config tells. */
  historyIndex?: number;
  createdBy?: string;
  /** 0-based line of its instruction, when the history is mapped to the Dockerfile; the FROM line for the base image's layers. */
  line?: number;
  /** Set when the layer is the base image's (shown on the FROM line). */
  base?: boolean;
}

export interface WastedEntry extends Omit<HiddenFiles, 'addedBy' | 'hiddenBy'> {
  addedBy: LayerRef;
  hiddenBy: LayerRef;
  /** The guide rule that keeps these bytes out, when there is one. */
  rule?: string;
}

export interface WasteReport {
  total: number;
  /** Largest first. */
  entries: WastedEntry[];
  /** Layers that could not be read: the total leaves them out. */
  unreadable: string[];
}

/** The history index of each layer: the config's non-empty entries, matched from the top. */
function layerHistory(saved: SavedImage): (number | undefined)[] {
  const withLayer = saved.history.flatMap((h, i) => (h.empty_layer ? [] : [i]));
  const offset = withLayer.length - saved.layers.length;
  return saved.layers.map((_, layer) => withLayer[layer + offset]);
}

export function attributeWaste(saved: SavedImage, mapping?: LayerMapping): WasteReport {
  const historyOf = layerHistory(saved);
  const steps = mapping?.mapped ? new Map(mapping.steps.map((s) => [s.historyIndex, s])) : undefined;
  const ref = (layer: number): LayerRef => {
    const historyIndex = historyOf[layer];
    const createdBy = historyIndex === undefined ? undefined : (saved.history[historyIndex].created_by ?? '');
    const out: LayerRef = { layer, historyIndex, createdBy };
    if (!mapping?.mapped || historyIndex === undefined) return out;
    if (historyIndex < mapping.base.entries) return { ...out, line: mapping.base.line, base: true };
    const line = steps?.get(historyIndex)?.line;
    return line === undefined ? out : { ...out, line };
  };
  const waste = findWaste(saved.layers);
  const entries = waste.entries.map((e): WastedEntry => {
    const hiddenBy = ref(e.hiddenBy);
    const keyword = hiddenBy.createdBy === undefined ? undefined : readCreatedBy(hiddenBy.createdBy).keyword;
    const rule = wasteRule(e.path, e.how, keyword);
    return { ...e, addedBy: ref(e.addedBy), hiddenBy, ...(rule && { rule }) };
  });
  return { total: waste.total, entries, unreadable: saved.unreadable };
}
