// An image's history as the engine reports it, read into plain data. docker's `history` says each
// entry's size but not whether it made a layer; podman's `image inspect` says both. Where docker
// leaves it open, the layer count of `image inspect` settles it, or it stays unknown.
import { parseByteSize } from './bytes';
import { readCreatedBy } from './createdBy';

export interface HistoryEntry {
  createdBy: string;
  /** Bytes its layer adds, as the engine counts them; 0 when it has no layer. */
  size: number;
  /** true: no layer; false: a layer; undefined: the engine does not say and the counts cannot tell. */
  emptyLayer: boolean | undefined;
  comment: string;
}

export interface ImageFacts {
  id: string;
  tags: string[];
  /** The engine's own figure for the image (`image inspect`'s Size): compressed under containerd. */
  inspectSize: number;
  /** How many layers the image's root file system has. */
  layerCount: number;
  /** ONBUILD triggers the image hands to the builds FROM it. */
  onBuild: string[];
  /** Oldest first. */
  history: HistoryEntry[];
  /**
   * The ONBUILD triggers of the base image asked for with the image (docker: BuildKit keeps no
   * history entry for them); undefined when not asked, or the base is not in the local store.
   */
  baseOnBuild?: string[];
}

/** The output was not what the engine writes: a different engine or version. */
export class UnreadableOutputError extends Error {
  override readonly name = 'UnreadableOutputError';
}

interface InspectFields {
  Id?: string;
  RepoTags?: string[] | null;
  Size?: number;
  RootFS?: { Layers?: string[] | null };
  Config?: { OnBuild?: string[] | null } | null;
  History?: { created_by?: string; empty_layer?: boolean; comment?: string }[] | null;
}

function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UnreadableOutputError(`${what} is not JSON: ${text.slice(0, 80)}`);
  }
}

/** `image inspect` prints an array: the image, then the base image when it was asked for too. */
function inspected(text: string): { image: InspectFields; base?: InspectFields } {
  const list = parseJson<InspectFields[]>(text, 'image inspect output');
  if (!Array.isArray(list) || !list[0]?.RootFS) throw new UnreadableOutputError('image inspect gave no image');
  return { image: list[0], base: list[1] };
}

function facts(text: string, history: (image: InspectFields) => HistoryEntry[]): ImageFacts {
  const { image, base } = inspected(text);
  return {
    id: image.Id ?? '',
    tags: image.RepoTags ?? [],
    inspectSize: image.Size ?? 0,
    layerCount: image.RootFS?.Layers?.length ?? 0,
    onBuild: image.Config?.OnBuild ?? [],
    history: history(image),
    ...(base && { baseOnBuild: base.Config?.OnBuild ?? [] }),
  };
}

// Instructions that never write to the file system: their entries have no layer.
const METADATA_ONLY = new Set(
  'ARG CMD ENTRYPOINT ENV EXPOSE HEALTHCHECK LABEL MAINTAINER ONBUILD SHELL STOPSIGNAL USER VOLUME'.split(' '),
);

/**
 * Which entries have a layer, when the engine does not say: those with bytes do, metadata
 * instructions do not, and the rest (an empty RUN, COPY or WORKDIR) are settled by the count of
 * layers when it leaves one answer.
 */
export function inferEmptyLayers(history: Omit<HistoryEntry, 'emptyLayer'>[], layerCount: number): HistoryEntry[] {
  const known = history.map(({ size, createdBy }) => {
    if (size > 0) return false;
    const { keyword } = readCreatedBy(createdBy);
    return keyword !== undefined && METADATA_ONLY.has(keyword) ? true : undefined;
  });
  const layers = known.filter((k) => k === false).length;
  const open = known.filter((k) => k === undefined).length;
  const settle = layers + open === layerCount ? false : layers === layerCount ? true : undefined;
  return history.map((entry, i) => ({ ...entry, emptyLayer: known[i] ?? settle }));
}

/** `docker history --human=false --no-trunc --format '{{json .}}'` (newest first) and `docker image inspect <image> [<base>]`. */
export function parseDockerHistory(historyLines: string, inspectJson: string): ImageFacts {
  const entries = historyLines
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const e = parseJson<{ CreatedBy?: string; Size?: string | number; Comment?: string }>(line, 'a history line');
      const size = typeof e.Size === 'number' ? e.Size : (parseByteSize(String(e.Size ?? '0')) ?? NaN);
      if (!Number.isFinite(size)) throw new UnreadableOutputError(`history size '${e.Size}' is not a number`);
      return { createdBy: e.CreatedBy ?? '', size, comment: e.Comment ?? '' };
    })
    .reverse();
  return facts(inspectJson, (image) => inferEmptyLayers(entries, image.RootFS?.Layers?.length ?? 0));
}

/** `podman history --format json` (newest first, sizes) and `podman image inspect` (History, which says which entries have a layer). */
export function parsePodmanHistory(historyJson: string, inspectJson: string): ImageFacts {
  const sizes = parseJson<{ size?: number; CreatedBy?: string }[]>(historyJson, 'podman history output').reverse();
  return facts(inspectJson, (image) => {
    const configHistory = image.History ?? [];
    if (!Array.isArray(sizes) || sizes.length !== configHistory.length)
      throw new UnreadableOutputError(
        `podman history has ${sizes.length} entries and the image's config ${configHistory.length}`,
      );
    return configHistory.map((h, i) => ({
      createdBy: h.created_by ?? '',
      size: sizes[i].size ?? 0,
      emptyLayer: h.empty_layer ?? false,
      comment: h.comment ?? '',
    }));
  });
}
