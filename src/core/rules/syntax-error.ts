// What BuildKit refuses to build: an unknown instruction, a flag it does not know, an instruction
// missing its arguments, anything but ARG before the first FROM, no FROM at all. The parser
// dockerfile-ast reads such files without complaint, so without this rule they passed clean.
// Messages are BuildKit's own words, so that they match what `docker build` prints.
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { INSTRUCTION_KEYWORDS } from '../dockerfile/model';
import type { Rule } from '../rule';
import type { Finding, Fix, Range } from '../types';

type FlagKind = 'string' | 'bool';

/** The flags each instruction takes in BuildKit's Dockerfile frontend (labs included), by kind. */
const FLAGS: Record<string, Record<string, FlagKind>> = {
  FROM: { platform: 'string' },
  RUN: { mount: 'string', network: 'string', security: 'string', device: 'string' },
  COPY: { from: 'string', chown: 'string', chmod: 'string', link: 'bool', parents: 'bool', exclude: 'string' },
  ADD: {
    chown: 'string',
    chmod: 'string',
    link: 'bool',
    checksum: 'string',
    'keep-git-dir': 'bool',
    exclude: 'string',
    parents: 'bool',
    unpack: 'bool',
  },
  HEALTHCHECK: {
    interval: 'string',
    timeout: 'string',
    'start-period': 'string',
    'start-interval': 'string',
    retries: 'string',
  },
};

/** Instructions BuildKit refuses with no argument, and how it says so. */
const AT_LEAST_ONE = new Set(['ENV', 'LABEL', 'ONBUILD', 'HEALTHCHECK', 'EXPOSE', 'VOLUME', 'ARG', 'SHELL']);
const EXACTLY_ONE = new Set(['MAINTAINER', 'WORKDIR', 'USER', 'STOPSIGNAL']);
const JSON_CAPABLE = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);

export const syntaxError: Rule = {
  id: 'syntax-error',
  aliases: { hadolint: ['DL1000'] },
  defaultLevel: 'error',
  title: 'A Dockerfile BuildKit refuses to build',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      const problem = instructionProblem(dockerfile, instr) ?? placementProblem(dockerfile, instr);
      if (problem) findings.push(problem);
    }
    const first = dockerfile.instructions[0];
    if (first && !dockerfile.stages.length && !findings.length)
      findings.push({ range: first.keywordRange, message: 'dockerfile contains no stages to build: add a FROM' });
    return findings;
  },
};

function instructionProblem(model: DockerfileModel, instr: Instr): Finding | undefined {
  if (!INSTRUCTION_KEYWORDS.has(instr.keyword)) return unknownInstruction(model, instr);
  if (instr.keyword === 'ONBUILD') {
    const trigger = model.trigger(instr);
    if (!trigger) return at(instr.keywordRange, 'ONBUILD requires at least one argument');
    if (trigger.keyword === 'ONBUILD')
      return at(trigger.keywordRange, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    if (trigger.keyword === 'FROM' || trigger.keyword === 'MAINTAINER')
      return at(trigger.keywordRange, `${trigger.keyword} isn't allowed as an ONBUILD trigger`);
    return instructionProblem(model, trigger);
  }
  return flagProblem(model, instr) ?? argumentProblem(instr);
}

/** Before the first FROM only ARG may stand; when there is no FROM at all, the file says so once. */
function placementProblem(model: DockerfileModel, instr: Instr): Finding | undefined {
  if (instr.stage >= 0 || instr.keyword === 'ARG' || !model.stages.length) return undefined;
  return at(instr.keywordRange, `no build stage in current context: only ARG may come before the first FROM`);
}

function unknownInstruction(model: DockerfileModel, instr: Instr): Finding {
  const suggestion = closest(instr.keyword, [...INSTRUCTION_KEYWORDS]);
  const written = model.textOf(instr.keywordRange);
  const fixes: Fix[] = suggestion
    ? [{ title: `Change to ${suggestion}`, safe: false, edits: [{ range: instr.keywordRange, newText: suggestion }] }]
    : [];
  return {
    range: instr.keywordRange,
    message: `unknown instruction: ${written.toUpperCase()}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
    fixes,
  };
}

function flagProblem(model: DockerfileModel, instr: Instr): Finding | undefined {
  const known = FLAGS[instr.keyword];
  if (!known) return undefined;
  for (const flag of instr.flags) {
    // BuildKit matches flag names as written: `--FROM` is no flag of COPY
    const name = /^--([^=]*)/.exec(model.textOf(flag.range))?.[1] ?? flag.name;
    const kind = known[name];
    if (!kind) {
      const suggestion = closest(name, Object.keys(known));
      const nameRange: Range = {
        start: { line: flag.range.start.line, character: flag.range.start.character + 2 },
        end: { line: flag.range.start.line, character: flag.range.start.character + 2 + name.length },
      };
      return {
        range: flag.range,
        message: `unknown flag: ${name}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
        fixes: suggestion
          ? [{ title: `Change to --${suggestion}`, safe: false, edits: [{ range: nameRange, newText: suggestion }] }]
          : [],
      };
    }
    if (kind === 'string' && flag.value === null) return at(flag.range, `missing a value on flag: ${name}`);
  }
  return undefined;
}

function argumentProblem(instr: Instr): Finding | undefined {
  const { keyword, args } = instr;
  const range = instr.keywordRange;
  if (keyword === 'FROM') return fromProblem(instr);
  if ((keyword === 'COPY' || keyword === 'ADD') && args.length < 2)
    return at(
      range,
      `${keyword} requires at least two arguments, but only one was provided. Destination could not be determined.`,
    );
  if (!args.length && AT_LEAST_ONE.has(keyword)) return at(range, `${keyword} requires at least one argument`);
  if (!args.length && EXACTLY_ONE.has(keyword)) return at(range, `${keyword} requires exactly one argument`);
  if ((keyword === 'ENV' || keyword === 'LABEL') && args.length === 1 && !args[0].value.includes('='))
    return at(instr.range, `${keyword} must have two arguments`);
  if (keyword === 'HEALTHCHECK') return healthcheckProblem(instr);
  if (JSON_CAPABLE.has(keyword)) return jsonProblem(instr);
  return undefined;
}

function fromProblem(instr: Instr): Finding | undefined {
  const args = instr.args;
  if (args.length === 3 && args[1].value.toLowerCase() === 'as') {
    if (/^[a-z][a-z0-9-_.]*$/.test(args[2].value.toLowerCase())) return undefined;
    return at(
      args[2].range,
      `invalid name for build stage: "${args[2].value}", name can't start with a number or contain symbols`,
    );
  }
  return args.length === 1 ? undefined : at(instr.range, 'FROM requires either one or three arguments');
}

function healthcheckProblem(instr: Instr): Finding | undefined {
  const [type, ...rest] = instr.args;
  const name = type.value.toUpperCase();
  if (name === 'NONE') return rest.length ? at(instr.range, 'HEALTHCHECK NONE takes no arguments') : undefined;
  if (name !== 'CMD') return at(type.range, `Unknown type "${type.value}" in HEALTHCHECK (try CMD)`);
  return rest.length ? undefined : at(instr.range, 'Missing command after HEALTHCHECK CMD');
}

/** A JSON array with something other than strings in it is an error; other broken JSON is shell form. */
function jsonProblem(instr: Instr): Finding | undefined {
  // only text that starts with [ is read as JSON: a parse that throws on every shell-form RUN is slow
  if (!instr.jsonForm)
    return instr.keyword === 'SHELL' ? at(instr.range, 'SHELL requires the arguments to be in JSON form') : undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(instr.argsText.replace(/[\\`][ \t]*\r?\n/g, ' '));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && !parsed.every((w) => typeof w === 'string'))
    return at(instr.range, 'when using JSON array syntax, arrays must be comprised of strings only');
  if (instr.keyword === 'SHELL' && !Array.isArray(parsed))
    return at(instr.range, 'SHELL requires the arguments to be in JSON form');
  return undefined;
}

function at(range: Range, message: string): Finding {
  return { range, message };
}

/** The candidate a typo most likely meant, as BuildKit suggests one: close in spelling, any case. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = lower.length > 4 ? 3 : 2;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
