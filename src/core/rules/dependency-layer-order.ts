import type { DockerfileModel, Instr, Stage } from '../dockerfile/model';
import { runMentions } from '../shell/prefilter';
import { runScript, type SimpleCommand } from '../shell/script';
import { commandProgram } from '../shell/programs';
import type { ContextView, Rule } from '../rule';
import type { Finding, Fix, Range, TextEdit } from '../types';
import { instructionLines, leadingLine, lineEnd } from './support/lineEdits';
import { runsPosixShell } from './support/runEdits';
import { isManifestSource, manifestCopies, managesManifests, type ManifestCopy } from './support/manifests';
import { detectInstalls, INSTALL_MENTION, type Install } from './support/installs';
import { invocationOf } from './support/invocations';

/** Commands that may share a RUN with the install and still run before the sources are there. */
const HARMLESS = new Set(['rm', 'echo', 'mkdir', 'true', 'chown', 'chmod', 'ln', 'touch', 'export', 'set', 'corepack']);
const HARMLESS_SUB = /^(cache|config|set|env|update)$/;

/** Commands that are harmless before the install but change the shell for the commands after it (so do bare assignments). */
const STATEFUL = new Set(['set']);

/** Instructions that see the sources, so that the install cannot move above them. */
const SEES_SOURCES = /^(RUN|COPY|ADD|WORKDIR|ONBUILD)$/;

export const dependencyLayerOrder: Rule = {
  id: 'dependency-layer-order',
  aliases: {},
  defaultLevel: 'warning',
  title: 'COPY of the whole context before an install RUN',
  // One pass over each stage: a full COPY waits for the first install after it, and each RUN is
  // read once however many COPYs wait for it (the rule went over the stage again for each COPY).
  check({ dockerfile, context }) {
    const findings: Finding[] = [];
    for (const stage of dockerfile.stages) {
      const manifestsCopiedAt = firstManifestCopies(stage);
      let waiting: Instr[] = [];
      for (const instr of stage.instructions) {
        if (isFullCopy(instr)) {
          waiting.push(instr);
          continue;
        }
        if (!waiting.length) continue;
        const install = installIn(dockerfile, instr);
        if (!install) continue;
        const reorder = reorderable(dockerfile, instr, install, context);
        for (const copy of waiting) {
          // the manifests were copied before this COPY: its install keeps its cache
          if (manifestsCopiedAt(install.manager) < copy.index) continue;
          const fix = reorder && reorderFix(dockerfile, stage, copy, instr, install, reorder);
          findings.push({
            range: copy.range,
            message: `The whole context is copied before the ${commandName(install)}: any source change re-runs the install. Copy the manifest files first, install, then copy the rest.`,
            related: [{ range: instr.range, message: 'the install that loses its cache' }],
            fixes: fix ? [fix] : [],
          });
        }
        waiting = [];
      }
    }
    return findings;
  },
};

function isContextCopy(i: Instr): boolean {
  return (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.name === 'from');
}

/** The COPY's sources, quotes of the JSON form removed. */
function sources(copy: Instr): string[] {
  return copy.args.slice(0, -1).map((a) => a.value.replace(/^\[?\s*"?|"?\s*,?\s*\]?$/g, ''));
}

function isFullCopy(i: Instr): boolean {
  return isContextCopy(i) && i.args.length >= 2 && sources(i).some((s) => s === '.' || s === './');
}

/**
 * The index of the stage's first COPY of a manager's manifest files (Infinity when there is none),
 * each manager's worked out once, in one pass over the stage.
 */
function firstManifestCopies(stage: Stage): (manager: Install['manager']) => number {
  const found = new Map<Install['manager'], number>();
  return (manager) => {
    let at = found.get(manager);
    if (at === undefined) {
      const copy = stage.instructions.find(
        (i) => isContextCopy(i) && sources(i).some((s) => isManifestSource(manager, s)),
      );
      found.set(manager, (at = copy ? copy.index : Infinity));
    }
    return at;
  };
}

/** The RUN's install from a manifest, of a manager whose manifests can be copied on their own. */
function installIn(model: DockerfileModel, run: Instr): Install | undefined {
  if (!runMentions(run, INSTALL_MENTION)) return undefined;
  const script = runScript(model, run);
  if (!script) return undefined;
  return detectInstalls(script).find((i) => i.fromManifest && managesManifests(i.manager) && !installsTheProject(i));
}

/** The install as the user wrote it: the program and its subcommand (`dotnet restore`, `go mod download`, `yarn`). */
function commandName(install: Install): string {
  const words = install.command.words;
  const at = commandProgram(install.command)?.wordIndex ?? 0;
  const program = (words[at].value ?? install.manager).replace(/^.*\//, '');
  const sub = install.subcommand?.value;
  if (!sub) return program;
  const next = words[words.indexOf(install.subcommand!) + 1]?.value;
  return install.manager === 'go' && sub === 'mod' ? `${program} mod ${next}` : `${program} ${sub}`;
}

/** `pip install .` installs the project itself: it needs the sources, not only a manifest. */
function installsTheProject(install: Install): boolean {
  const words = install.command.words.map((w) => w.value ?? '');
  if (install.manager === 'pip')
    return words.some((w, i) => i > 1 && /^\.{1,2}(\/|$|\[)/.test(w) && words[i - 1] !== '-r');
  if (install.manager === 'poetry') return !words.includes('--no-root');
  return false;
}

interface Reorder {
  copies: ManifestCopy[];
  /** The `&&` where the RUN splits when it goes on after the install (`npm ci && npm run build`): the rest stays below the sources. */
  split?: Range;
}

/**
 * The manifest COPYs, when the install RUN can move above the sources: it starts with the install
 * and harmless commands, and the manifests are known; what follows an `&&` after them stays below
 * the sources in a RUN of its own. The same for every COPY waiting for it.
 */
function reorderable(
  model: DockerfileModel,
  run: Instr,
  install: Install,
  context: ContextView | undefined,
): Reorder | undefined {
  const script = runScript(model, run)!;
  const installs = new Set(detectInstalls(script).map((i) => i.command));
  const moved = script.commands.findIndex((c) => !installs.has(c) && !isHarmless(c));
  if (moved < 0) {
    const copies = manifestCopies(install, context);
    return copies && { copies };
  }
  const head = script.commands.slice(0, moved);
  if (!head.includes(install.command) || head.some((c) => STATEFUL.has(c.name) || !c.words.length)) return undefined;
  // a declaration (export …) anywhere may be one the rest needs
  if (script.declares || script.heredoc || !runsPosixShell(model, run)) return undefined;
  const split = { start: head[head.length - 1].range.end, end: script.commands[moved].range.start };
  if (model.offsetAt(split.start) > model.offsetAt(split.end)) return undefined;
  // only a top-level `&&` between them: a `;`, `||` or an open `if` would change what runs
  const gap = model
    .textOf(split)
    .split(/\r?\n/)
    .filter((l, i) => i === 0 || !/^\s*#/.test(l))
    .join('\n');
  if (!/^[\s\\`]*&&[\s\\`]*$/.test(gap)) return undefined;
  const copies = manifestCopies(install, context);
  return copies && { copies, split };
}

function reorderFix(
  model: DockerfileModel,
  stage: Stage,
  copy: Instr,
  run: Instr,
  install: Install,
  { copies, split }: Reorder,
): Fix | undefined {
  // Only the instructions that cannot see the sources may sit between the COPY and the install.
  // Stage instructions are in file order from the FROM; the scan stops at the first that sees
  // them, which is the next waiting COPY at the latest, so the stage is read about once in all.
  const offset = stage.from.index;
  for (let at = copy.index + 1; at < run.index; at++)
    if (SEES_SOURCES.test(stage.instructions[at - offset].keyword)) return undefined;
  const dest = copy.args[copy.args.length - 1].value;
  const destDir = dest === '.' || dest === './' ? './' : dest.endsWith('/') ? dest : `${dest}/`;
  const flags = copy.flags.map((f) => model.textOf(f.range)).join(' ');
  const indent = model.indentOf(copy.range.start.line);
  const keyword = model.textOf(copy.keywordRange);
  const lines = copies.map(
    (c) =>
      `${indent}${keyword} ${flags ? `${flags} ` : ''}${c.sources.join(' ')} ${c.subdir ? joinDest(destDir, c.subdir) : destDir}`,
  );
  const first = leadingLine(model, copy);
  const sources = instructionLines(model, copy);
  const runIndent = model.indentOf(run.range.start.line);
  // the rest of the RUN goes below the sources, with the RUN's flags (a secret or cache it may need)
  const runStart = [model.textOf(run.keywordRange), ...run.flags.map((f) => model.textOf(f.range))].join(' ');
  const after: TextEdit = split
    ? { range: split, newText: `${model.eol}${sources}${model.eol}${runIndent}${runStart} ` }
    : {
        range: { start: lineEnd(model, run.range.end.line), end: lineEnd(model, run.range.end.line) },
        newText: model.eol + sources,
      };
  return {
    title: `Copy the ${install.manager} manifests first, then the sources after the install`,
    safe: false,
    edits: [
      { range: { start: { line: first, character: 0 }, end: copy.range.end }, newText: lines.join(model.eol) },
      after,
    ],
  };
}

function joinDest(dir: string, subdir: string): string {
  return dir === './' ? subdir : `${dir}${subdir}`;
}

function isHarmless(command: SimpleCommand): boolean {
  if (HARMLESS.has(command.name) || command.words.length === 0) return true;
  const inv = invocationOf(command);
  return !!inv && HARMLESS_SUB.test(inv.subcommand.value ?? '');
}
