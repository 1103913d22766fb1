// `cd` in RUN hides the directory the following commands run in; WORKDIR states it and
// carries over to later instructions, as most Dockerfiles mean it to.
import { posix } from 'node:path';
import type { DockerfileModel, Instr, Stage } from '../dockerfile/model';
import { instructionsOf, lastBefore } from '../dockerfile/stageLayout';
import { memoOn } from '../memo';
import { runMentions } from '../shell/prefilter';
import { runScript, type ShellScript, type SimpleCommand } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding, Fix } from '../types';
import { stageChain } from './support/baseImage';
import { insertLinesBefore } from './support/lineEdits';
import { atOrAfter, runsPosixShell } from './support/runEdits';

/** The stage's working directory before the RUN when the Dockerfile itself states it. */
function workdirBefore(model: DockerfileModel, instr: Instr): string | undefined {
  const stage = model.stages[instr.stage];
  if (!stage) return undefined;
  const { start, after } = workdirs(model, stage);
  const last = lastBefore(instructionsOf(stage, 'WORKDIR'), instr.index);
  const dir = last ? after.get(last) : start;
  return dir && !dir.includes('$') ? dir : undefined;
}

const WORKDIRS = Symbol('dockwright.workdirs');

/**
 * The folder each WORKDIR of the stage leaves (after the base stages' WORKDIRs), and the one the
 * stage starts in; undefined once a relative WORKDIR follows an unknown folder. Kept on the stage:
 * folding them again for each RUN made the rule quadratic.
 */
function workdirs(
  model: DockerfileModel,
  stage: Stage,
): { start: string | undefined; after: Map<Instr, string | undefined> } {
  return memoOn(stage, WORKDIRS, () => {
    const fold = (dir: string | undefined, workdir: Instr) => {
      const d = workdir.args.map((a) => a.value).join(' ');
      return d.startsWith('/') ? d : dir && posix.join(dir, d);
    };
    let start: string | undefined;
    for (const base of stageChain(model, stage).slice(1).reverse())
      start = instructionsOf(base, 'WORKDIR').reduce(fold, start);
    const after = new Map<Instr, string | undefined>();
    let dir = start;
    for (const workdir of instructionsOf(stage, 'WORKDIR')) after.set(workdir, (dir = fold(dir, workdir)));
    return { start, after };
  });
}

/** The folder a RUN's first command `cd dir` goes to, when the Dockerfile tells it and a WORKDIR can say it. */
function cdTarget(model: DockerfileModel, instr: Instr, cd: SimpleCommand): string | undefined {
  if (cd.conditional || cd.words.length !== 2 || model.offsetAt(cd.range.start) !== model.offsetAt(instr.argsStart))
    return undefined;
  // cmd's and PowerShell's cd and paths are not read here
  if (!runsPosixShell(model, instr)) return undefined;
  const arg = cd.words[1].value;
  if (!arg || arg === '-' || /[$~*?]/.test(arg)) return undefined;
  const base = workdirBefore(model, instr);
  return arg.startsWith('/') ? arg : base && posix.join(base, arg);
}

/** WORKDIR plus the RUN without its leading `cd dir &&`, when the cd is the RUN's first command. */
function workdirFix(model: DockerfileModel, instr: Instr, script: ShellScript, cd: SimpleCommand): Fix | undefined {
  const next = script.commands.find((c) => atOrAfter(c.range.start, cd.range.end));
  if (!next) return undefined;
  const gap = model
    .textOf({ start: cd.range.end, end: next.range.start })
    .split(/\r?\n/)
    .filter((l, i) => i === 0 || !/^\s*#/.test(l))
    .join('\n');
  if (!/^[\s\\`]*&&[\s\\`]*$/.test(gap)) return undefined;
  const dir = cdTarget(model, instr, cd);
  if (!dir) return undefined;
  return {
    title: `Use WORKDIR ${dir}`,
    safe: false,
    edits: [
      insertLinesBefore(model, instr, [`WORKDIR ${dir}`]),
      { range: { start: cd.range.start, end: next.range.start }, newText: '' },
    ],
  };
}

export const runCd: Rule = {
  id: 'run-cd',
  aliases: { hadolint: ['DL3003'], trivy: ['DS-0013'] },
  defaultLevel: 'warning',
  title: 'cd in RUN instead of WORKDIR',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /(^|[\s;&|(`])cd(\s|$)/)) continue;
      const script = runScript(dockerfile, instr);
      if (!script) continue;
      for (const cd of script.commands) {
        if (cd.name !== 'cd' || cd.inSubshell) continue;
        // a cd that nothing follows changes nothing: its author expected the next instruction to start there
        if (!script.commands.some((c) => atOrAfter(c.range.start, cd.range.end))) {
          findings.push(trailingCd(dockerfile, instr, script, cd));
          continue;
        }
        const fix = workdirFix(dockerfile, instr, script, cd);
        findings.push({
          range: cd.range,
          message: 'Use WORKDIR to set the directory instead of cd in RUN.',
          fixes: fix ? [fix] : [],
        });
      }
    }
    return findings;
  },
};

/** A cd that ends the RUN; when it is the whole RUN, WORKDIR in its place does what it meant. */
function trailingCd(model: DockerfileModel, instr: Instr, script: ShellScript, cd: SimpleCommand): Finding {
  const dir = script.commands.length === 1 && !instr.flags.length ? cdTarget(model, instr, cd) : undefined;
  return {
    range: cd.range,
    message: 'This cd changes nothing: the next instruction starts in the WORKDIR again. Use WORKDIR to change it.',
    fixes: dir
      ? [{ title: `Use WORKDIR ${dir}`, safe: false, edits: [{ range: instr.range, newText: `WORKDIR ${dir}` }] }]
      : [],
  };
}
