import type { DockerfileModel, Instr, Stage } from '../dockerfile/model';
import { runMentions } from '../shell/prefilter';
import { runScript, type SimpleCommand } from '../shell/script';
import type { ContextView, Rule } from '../rule';
import type { Finding, Fix } from '../types';
import { instructionLines, leadingLine, lineEnd } from './support/lineEdits';
import { isManifestSource, manifestCopies, managesManifests } from './support/manifests';
import { detectInstalls, INSTALL_MENTION, type Install } from './support/installs';
import { invocationOf } from './support/invocations';

/** Commands that may share a RUN with the install and still run before the sources are there. */
const HARMLESS = new Set(['rm', 'echo', 'mkdir', 'true', 'chown', 'chmod', 'ln', 'touch', 'export', 'set', 'corepack']);
const HARMLESS_SUB = /^(cache|config|set|env|update)$/;

export const dependencyLayerOrder: Rule = {
  id: 'dependency-layer-order',
  aliases: {},
  defaultLevel: 'warning',
  title: 'COPY of the whole context before an install RUN',
  check({ dockerfile, context }) {
    const findings: Finding[] = [];
    for (const stage of dockerfile.stages) {
      for (const copy of stage.instructions.filter(isFullCopy)) {
        const found = firstInstallAfter(dockerfile, stage, copy);
        if (!found) continue;
        const { run, install } = found;
        const earlier = stage.instructions.filter((i) => i.index < copy.index && isContextCopy(i));
        if (earlier.some((c) => sources(c).some((s) => isManifestSource(install.manager, s)))) continue;
        const fix = reorderFix(dockerfile, stage, copy, run, install, context);
        findings.push({
          range: copy.range,
          message: `The whole context is copied before the ${install.manager} install: any source change re-runs the install. Copy the manifest files first, install, then copy the rest.`,
          related: [{ range: run.range, message: 'the install that loses its cache' }],
          fixes: fix ? [fix] : [],
        });
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

function firstInstallAfter(
  model: DockerfileModel,
  stage: Stage,
  copy: Instr,
): { run: Instr; install: Install } | undefined {
  for (const run of stage.instructions) {
    if (run.index <= copy.index || !runMentions(run, INSTALL_MENTION)) continue;
    const script = runScript(model, run);
    if (!script) continue;
    const install = detectInstalls(script).find(
      (i) => i.fromManifest && managesManifests(i.manager) && !installsTheProject(i),
    );
    if (install) return { run, install };
  }
  return undefined;
}

/** `pip install .` installs the project itself: it needs the sources, not only a manifest. */
function installsTheProject(install: Install): boolean {
  const words = install.command.words.map((w) => w.value ?? '');
  if (install.manager === 'pip')
    return words.some((w, i) => i > 1 && /^\.{1,2}(\/|$|\[)/.test(w) && words[i - 1] !== '-r');
  if (install.manager === 'poetry') return !words.includes('--no-root');
  return false;
}

function reorderFix(
  model: DockerfileModel,
  stage: Stage,
  copy: Instr,
  run: Instr,
  install: Install,
  context: ContextView | undefined,
): Fix | undefined {
  // Only the instructions that cannot see the sources may sit between the COPY and the install.
  const between = stage.instructions.filter((i) => i.index > copy.index && i.index < run.index);
  if (between.some((i) => /^(RUN|COPY|ADD|WORKDIR|ONBUILD)$/.test(i.keyword))) return undefined;
  const script = runScript(model, run)!;
  const installs = new Set(detectInstalls(script).map((i) => i.command));
  if (!script.commands.every((c) => installs.has(c) || isHarmless(c))) return undefined;
  const copies = manifestCopies(install, context);
  if (!copies) return undefined;
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
  return {
    title: `Copy the ${install.manager} manifests first, then the sources after the install`,
    safe: false,
    edits: [
      { range: { start: { line: first, character: 0 }, end: copy.range.end }, newText: lines.join(model.eol) },
      {
        range: { start: lineEnd(model, run.range.end.line), end: lineEnd(model, run.range.end.line) },
        newText: model.eol + instructionLines(model, copy),
      },
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
