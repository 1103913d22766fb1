// The image a FROM really pulls, with the global ARG defaults filled in, and where in the
// file a pin fix must edit it: the FROM line itself, or the ARG default when the FROM is
// nothing but `$BASE`.
import type { Arg } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from './model';
import { parseImageRef, type ImageRef } from './imageRef';
import { registryKey } from '../registry/endpoint';
import type { Position, Range, TextEdit } from '../types';
import { expandWord, unquote, variableNames } from './variables';
import { memoOn } from '../memo';

export interface GlobalArg {
  name: string;
  /** The default, quotes removed; undefined for `ARG NAME` with none. */
  value?: string;
  /** Where the default is written, without quotes. */
  valueStart?: Position;
  range: Range;
}

const GLOBAL_ARGS = Symbol('dockwright.globalArgs');
const VALUES = Symbol('dockwright.globalArgValues');
const FROM_IMAGE = Symbol('dockwright.fromImage');

/**
 * ARGs declared before the first FROM, by name (a later one wins). Kept on the model, with the
 * images worked out from them: several rules ask for every stage's image on each lint.
 */
export function globalArgs(model: DockerfileModel): ReadonlyMap<string, GlobalArg> {
  return memoOn(model, GLOBAL_ARGS, () => readGlobalArgs(model));
}

function readGlobalArgs(model: DockerfileModel): Map<string, GlobalArg> {
  const args = new Map<string, GlobalArg>();
  for (const instr of model.instructions) {
    if (instr.stage >= 0) break;
    if (instr.keyword !== 'ARG') continue;
    for (const p of (instr.node as Arg).getProperties()) {
      const valueRange = p.getValueRange();
      const raw = valueRange ? model.textOf(valueRange) : undefined;
      const value = raw === undefined ? undefined : unquote(raw);
      const shift = raw !== undefined && value !== raw ? 1 : 0;
      const valueStart = valueRange ? model.positionAt(model.offsetAt(valueRange.start) + shift) : undefined;
      args.set(p.getName(), { name: p.getName(), value, valueStart, range: instr.range });
    }
  }
  return args;
}

export interface FromImage {
  stage: Stage;
  /** The reference after ARG defaults are filled in. */
  ref: ImageRef;
  /** The reference's text where a fix edits it, and where that text starts. */
  spot: { text: string; start: Position };
  /** Set when the reference is an ARG default, not the FROM's own text. */
  viaArg?: GlobalArg;
  /** The FROM's image word, for the finding's range. */
  range: Range;
}

/**
 * The stage's image, or undefined for scratch, stage bases, and references that stay unknown
 * until build time (a variable with no default).
 */
export function fromImage(model: DockerfileModel, stage: Stage, args = globalArgs(model)): FromImage | undefined {
  if (args !== globalArgs(model)) return readFromImage(model, stage, args);
  return memoOn(stage, FROM_IMAGE, () => readFromImage(model, stage, args) ?? null) ?? undefined;
}

/** The ARGs' defaults, as variable expansion takes them. */
function defaults(args: ReadonlyMap<string, GlobalArg>): ReadonlyMap<string, string | undefined> {
  return memoOn(args, VALUES, () => new Map([...args].map(([name, a]) => [name, a.value])));
}

function readFromImage(
  model: DockerfileModel,
  stage: Stage,
  args: ReadonlyMap<string, GlobalArg>,
): FromImage | undefined {
  const word = stage.from.args[0];
  if (!stage.image || !word) return undefined;
  if (!stage.image.hasVariable)
    return { stage, ref: stage.image, spot: { text: word.value, start: word.range.start }, range: word.range };
  const values = defaults(args);
  const expanded = expandWord(word.value, values, model.escapeChar);
  if (!expanded || expanded.includes('$')) return undefined;
  if (expanded.toLowerCase() === 'scratch' || model.stageByRef(expanded)) return undefined;
  const ref = parseImageRef(expanded);
  const only = /^\$\{?(\w+)\}?$/.exec(word.value);
  const viaArg = only ? args.get(only[1]) : undefined;
  if (viaArg?.value !== undefined && viaArg.valueStart && viaArg.value === expanded) {
    return { stage, ref, spot: { text: viaArg.value, start: viaArg.valueStart }, viaArg, range: word.range };
  }
  // A reference built from several pieces (`node:${VERSION}`): judged, but not edited.
  return { stage, ref, spot: { text: '', start: word.range.start }, range: word.range };
}

export interface UnsetArgImage {
  stage: Stage;
  /** The reference read with a stand-in for each unset ARG: enough to tell whether a tag or digest is written. */
  ref: ImageRef;
  /** The ARGs the word uses that have no default. */
  unset: string[];
  /** The FROM's image word. */
  range: Range;
  text: string;
}

/**
 * A FROM whose image word uses ARGs with no default (`${REGISTRY}/ubuntu`, `alpine$TAG`), which
 * fromImage() cannot expand. Undefined when fromImage() can, and for a word that is one variable
 * alone (`$BASE`): only the build knows that image, as hadolint has it too.
 */
export function imageWithUnsetArgs(
  model: DockerfileModel,
  stage: Stage,
  args = globalArgs(model),
): UnsetArgImage | undefined {
  const word = stage.from.args[0];
  if (!stage.image?.hasVariable || !word || /^\$\{?\w+\}?$/.test(word.value)) return undefined;
  if (fromImage(model, stage, args)) return undefined;
  const unset = variableNames(word.value, model.escapeChar).filter((name) => !args.get(name)?.value);
  const values = new Map(defaults(args));
  for (const name of unset) values.set(name, 'x'); // a letter stands where the build may put anything
  const expanded = expandWord(word.value, values, model.escapeChar);
  if (!unset.length || !expanded) return undefined;
  return { stage, ref: parseImageRef(expanded), unset, range: word.range, text: word.value };
}

/** True when a fix can edit the reference in place. */
export function editable(image: FromImage): boolean {
  return image.spot.text !== '';
}

/** Edits that set the tag (replacing any) and drop a digest, e.g. `node` → `node:22-alpine`. */
export function setTagEdit(model: DockerfileModel, image: FromImage, tag: string): TextEdit {
  const nameEnd = image.ref.name.length;
  return spotEdit(model, image, nameEnd, image.spot.text.length, `:${tag}`);
}

/** The edit that appends `@sha256:…`, replacing a digest already there. */
export function setDigestEdit(model: DockerfileModel, image: FromImage, digest: string): TextEdit {
  const at = image.spot.text.indexOf('@');
  return spotEdit(model, image, at < 0 ? image.spot.text.length : at, image.spot.text.length, `@${digest}`);
}

function spotEdit(model: DockerfileModel, image: FromImage, from: number, to: number, newText: string): TextEdit {
  const base = model.offsetAt(image.spot.start);
  return { range: { start: model.positionAt(base + from), end: model.positionAt(base + to) }, newText };
}

/**
 * The FROM whose image is `repository` on `registry`, and that a fix can edit: the one on `line`
 * first, else the first. For the Registries view's Pin FROM to This Digest.
 */
export function fromOfRepository(
  model: DockerfileModel,
  registry: string,
  repository: string,
  line = -1,
): FromImage | undefined {
  const args = globalArgs(model);
  const host = registryKey(registry);
  const images = model.stages
    .map((stage) => fromImage(model, stage, args))
    .filter(
      (image): image is FromImage =>
        !!image && editable(image) && image.ref.path === repository && registryKey(image.ref.domain) === host,
    );
  const at = { line, character: 0 };
  const here = stageAt(model, { start: at, end: at });
  return images.find((image) => image.stage === here) ?? images[0];
}

/** The stage a finding was reported on: the one whose FROM holds the finding's start. */
export function stageAt(model: DockerfileModel, range: Range): Stage | undefined {
  const line = range.start.line;
  return model.stages.find((s) => s.from.range.start.line <= line && line <= s.from.range.end.line);
}

/**
 * The variant a tag carries after its version: `-alpine` for `20-alpine`, `-slim-bookworm` for
 * `3.12-slim-bookworm`, '' for `20.11.1` and for no tag or `latest`. Undefined for a tag with no
 * version in front (`alpine`, `lts`), which has no numbered siblings to offer.
 */
export function variantOf(tag: string | undefined): string | undefined {
  if (!tag || tag === 'latest') return '';
  const m = /^v?\d+(?:\.\d+)*(.*)$/.exec(tag);
  return m ? m[1] : undefined;
}

/** Tags with a version and exactly this variant, in the resolver's order (newest first). */
export function siblingTags(tags: readonly string[], variant: string, limit = 5): string[] {
  return tags.filter((t) => t !== 'latest' && variantOf(t) === variant).slice(0, limit);
}
