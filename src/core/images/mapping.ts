// Which history entry each Dockerfile instruction made. The image's history ends with the entries of
// the final stage (or the target) and of the stages it is FROM; before them come the base image's
// entries, and the steps its ONBUILD triggers ran. The two lists are aligned from the end, and each
// pair must agree (the keyword, and the text where every engine writes it recognisably): where one
// does not, nothing is mapped and `reason` says why, since a size on the wrong line misleads.
import type { DockerfileModel, Instr, Stage } from '../dockerfile/model';
import { readCreatedBy, squash } from './createdBy';
import type { HistoryEntry } from './history';

export interface MapOptions {
  /** The stage that was built; the last one when left out. */
  target?: string;
  /** The base image's ONBUILD triggers (`image inspect` of the base): BuildKit keeps no history entry for them. */
  baseOnBuild?: string[];
}

export interface InstructionLayer {
  /** Index in the model's instructions. */
  instruction: number;
  /** 0-based line the instruction starts on. */
  line: number;
  keyword: string;
  /** Bytes its layer adds; 0 when it has none. */
  size: number;
  emptyLayer: boolean | undefined;
  /** Index of its entry in the history (oldest first). */
  historyIndex: number;
  createdBy: string;
  /** Set on a step an ONBUILD trigger of the base ran: the trigger. Its line is the FROM's. */
  onBuild?: string;
}

export interface BaseImage {
  /** The root stage's FROM: its instruction index and line. */
  instruction: number;
  line: number;
  /** As the FROM names it; `scratch` for none. */
  image: string;
  /** Its entries' bytes, the ONBUILD steps left out. */
  size: number;
  /** How many history entries are the base image's. */
  entries: number;
}

export type LayerMapping =
  { mapped: true; base: BaseImage; steps: InstructionLayer[] } | { mapped: false; reason: string };

interface Expected {
  instr: Instr;
  keyword: string;
  /** Another text, one of which the entry must show (RUN: end with; others: as check() says). */
  check?: (body: string) => boolean;
  /** BuildKit writes no entry for ONBUILD; classic builders and buildah do. */
  optional?: boolean;
}

/**
 * The image the built stage's root stage is FROM, for readImageFacts' `baseImage` (its ONBUILD
 * triggers); undefined for `scratch`, or when the Dockerfile has no such stage.
 */
export function rootBaseImage(model: DockerfileModel, target?: string): string | undefined {
  let stage = model.finalStage(target);
  // a stage's base stage is an earlier one: the walk ends
  while (stage?.baseStage !== undefined) stage = model.stages[stage.baseStage];
  return stage?.image ? stage.base : undefined;
}

/** The stages whose instructions the image holds, the root (FROM an image or scratch) first. */
function stageChain(model: DockerfileModel, final: Stage): Stage[] {
  const chain = [final];
  for (let s = final; s.baseStage !== undefined && !chain.includes(model.stages[s.baseStage]);)
    chain.unshift((s = model.stages[s.baseStage]));
  return chain;
}

const withoutComments = (text: string): string =>
  text
    .split(/\r?\n/)
    .filter((line, i) => i === 0 || !/^\s*#/.test(line))
    .join('\n');

/** The texts one of which a RUN's entry ends with: its shell command, or its exec form's words. */
function runCommands(instr: Instr): string[] {
  const text = withoutComments(instr.argsText);
  if (!instr.jsonForm) return [squash(text)];
  try {
    const words = JSON.parse(text) as unknown;
    if (Array.isArray(words)) return [words.join(' '), squash(text)];
  } catch {
    // not JSON after all: the shell runs it as written
  }
  return [squash(text)];
}

/** A heredoc RUN: BuildKit writes the body as the script, others the instruction's first line. */
function heredocTexts(instr: Instr): string[] {
  const [first, ...rest] = instr.argsText.split(/\r?\n/);
  const body = rest.slice(0, -1).join('\n');
  const head = first.replace(/<<-?["']?\w+["']?/g, '').trim();
  return [squash(body), squash(head)].filter(Boolean);
}

/** A COPY or ADD's destination when it is literal and absolute: every engine writes it last. */
function copyDestination(instr: Instr): string | undefined {
  const firstLine = instr.argsText.split(/\r?\n/)[0];
  let words: string[] = instr.args.map((a) => a.value);
  if (/<</.test(firstLine)) words = firstLine.trim().split(/\s+/);
  else if (instr.argsText.trimStart().startsWith('[')) {
    try {
      words = JSON.parse(instr.argsText) as string[];
    } catch {
      return undefined;
    }
  }
  const dest = words[words.length - 1];
  return dest?.startsWith('/') && !dest.includes('$') ? dest : undefined;
}

function expectation(instr: Instr): Expected {
  const { keyword } = instr;
  const firstKey = /^[^\s=]+/.exec(instr.argsText)?.[0] ?? '';
  switch (keyword) {
    case 'RUN': {
      if (/^\s*[^\n]*<</.test(instr.argsText) && instr.argsText.includes('\n')) {
        const texts = heredocTexts(instr);
        return { instr, keyword, check: (body) => texts.some((t) => squash(body).includes(t)) };
      }
      const commands = runCommands(instr);
      return { instr, keyword, check: (body) => commands.some((c) => squash(body).endsWith(c)) };
    }
    case 'COPY':
    case 'ADD': {
      const dest = copyDestination(instr);
      return { instr, keyword, check: dest ? (body) => squash(body).endsWith(dest) : undefined };
    }
    case 'ENV':
    case 'ARG':
    case 'LABEL':
      return firstKey.includes('$') || firstKey.includes('"')
        ? { instr, keyword }
        : { instr, keyword, check: (body) => body.startsWith(firstKey) };
    case 'USER':
      return {
        instr,
        keyword,
        check: (body) => instr.argsText.includes('$') || squash(body) === squash(instr.argsText),
      };
    case 'ONBUILD':
      return { instr, keyword, optional: true };
    default:
      return { instr, keyword };
  }
}

/** The entries the stages make, in order; ONBUILDs of a stage run in the stage FROM it. */
function expectations(chain: Stage[]): Expected[] {
  const out: Expected[] = [];
  chain.forEach((stage, k) => {
    const parent = chain[k - 1];
    for (const trigger of parent?.instructions.filter((i) => i.keyword === 'ONBUILD') ?? []) {
      const keyword = trigger.argsText.split(/\s/, 1)[0].toUpperCase();
      out.push({ instr: stage.from, keyword });
    }
    for (const instr of stage.instructions) if (instr.keyword !== 'FROM') out.push(expectation(instr));
  });
  return out;
}

const shorten = (text: string): string => {
  const flat = squash(text);
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
};

function step(entry: HistoryEntry, historyIndex: number, instr: Instr, onBuild?: string): InstructionLayer {
  return {
    instruction: instr.index,
    line: instr.range.start.line,
    keyword: onBuild === undefined ? instr.keyword : 'ONBUILD',
    size: entry.size,
    emptyLayer: entry.emptyLayer,
    historyIndex,
    createdBy: entry.createdBy,
    ...(onBuild === undefined ? {} : { onBuild }),
  };
}

/** The base image's ONBUILD triggers: given, or read from its `ONBUILD` entries (classic builders, buildah). */
function baseTriggers(base: HistoryEntry[], given: string[] | undefined): string[] {
  if (given) return given;
  return base.map((e) => readCreatedBy(e.createdBy)).flatMap((c) => (c.keyword === 'ONBUILD' ? [c.body] : []));
}

export function mapHistory(model: DockerfileModel, history: HistoryEntry[], options: MapOptions = {}): LayerMapping {
  const final = model.finalStage(options.target);
  if (!final)
    return {
      mapped: false,
      reason: options.target ? `the Dockerfile has no stage named '${options.target}'` : 'the Dockerfile has no FROM',
    };
  const chain = stageChain(model, final);
  const root = chain[0];
  const expected = expectations(chain);
  const steps: InstructionLayer[] = [];
  let h = history.length - 1;
  for (let e = expected.length - 1; e >= 0; e--) {
    const want = expected[e];
    const line = want.instr.range.start.line + 1;
    if (h < 0) return { mapped: false, reason: `the image's history ends before line ${line} (${want.keyword})` };
    const got = readCreatedBy(history[h].createdBy);
    const agrees = got.keyword === want.keyword && (want.check?.(got.body) ?? true);
    if (!agrees && want.optional) continue;
    if (!agrees)
      return {
        mapped: false,
        reason: `history entry ${h + 1} of ${history.length} ('${shorten(history[h].createdBy) || '(empty)'}') is not line ${line}'s ${want.keyword}: was the image built from this Dockerfile${options.target ? ` and target '${options.target}'` : ''}?`,
      };
    steps.unshift(step(history[h], h, want.instr));
    h--;
  }
  let base = history.slice(0, h + 1);
  const triggers = baseTriggers(base, options.baseOnBuild);
  const ran = base.slice(base.length - triggers.length);
  const triggersRan =
    triggers.length > 0 &&
    ran.length === triggers.length &&
    ran.every((e, i) => readCreatedBy(e.createdBy).keyword === triggers[i].split(/\s/, 1)[0].toUpperCase());
  if (triggersRan) {
    base = base.slice(0, base.length - triggers.length);
    steps.unshift(...ran.map((e, i) => step(e, base.length + i, root.from, triggers[i])));
  }
  return {
    mapped: true,
    base: {
      instruction: root.from.index,
      line: root.from.range.start.line,
      image: root.base,
      size: base.reduce((sum, e) => sum + e.size, 0),
      entries: base.length,
    },
    steps,
  };
}
