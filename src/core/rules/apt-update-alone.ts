// A package index refreshed in a layer of its own goes stale: the build cache keeps the old
// index while later install RUNs change, and installs then fail or get old versions.
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { runMentions } from '../shell/prefilter';
import { runScript, type ShellScript, type SimpleCommand } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding, Fix, TextEdit } from '../types';
import { deleteInstruction } from './support/lineEdits';
import { invocationOf } from './support/invocations';
import { continuationLineIndent, runsPosixShell } from './support/runEdits';
import { declaredNames } from '../dockerfile/variables';

type Family = 'apt' | 'apk' | 'rpm';

/** Per family: the programs, the subcommand that refreshes the index, and those that use it. */
const FAMILIES: Record<Family, { programs: readonly string[]; update: readonly string[]; uses: readonly string[] }> = {
  apt: {
    programs: ['apt-get', 'apt'],
    update: ['update'],
    uses: [
      'install',
      'upgrade',
      'dist-upgrade',
      'full-upgrade',
      'build-dep',
      'source',
      'download',
      'reinstall',
      'satisfy',
    ],
  },
  apk: { programs: ['apk'], update: ['update'], uses: ['add', 'upgrade', 'fix'] },
  rpm: {
    programs: ['yum', 'dnf', 'microdnf'],
    update: ['makecache'],
    uses: [
      'install',
      'groupinstall',
      'localinstall',
      'reinstall',
      'upgrade',
      'update',
      'update-minimal',
      'distro-sync',
      'builddep',
    ],
  },
};

const MENTION = /\b(apt-get|apt|apk|yum|dnf|microdnf)\b/;

const FAMILY_SPECS = Object.entries(FAMILIES) as [Family, (typeof FAMILIES)[Family]][];

function familyOf(command: SimpleCommand, kind: 'update' | 'uses'): Family | undefined {
  const invocation = invocationOf(command);
  if (!invocation) return undefined;
  for (const [family, spec] of FAMILY_SPECS) {
    if (spec.programs.includes(invocation.program) && spec[kind].includes(invocation.subcommand.value!)) return family;
  }
  return undefined;
}

/** The first command of the script that uses the family's index, and whether an update precedes it. */
function firstUse(script: ShellScript, family: Family): { command: SimpleCommand; updated: boolean } | undefined {
  let updated = false;
  for (const command of script.commands) {
    if (familyOf(command, 'update') === family) updated = true;
    else if (familyOf(command, 'uses') === family) return { command, updated };
  }
  return undefined;
}

export const aptUpdateAlone: Rule = {
  id: 'apt-update-alone',
  aliases: { trivy: ['DS-0017'] },
  defaultLevel: 'warning',
  title: 'Package index update in a RUN with no install',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /\b(update|makecache)\b/) || !runMentions(instr, MENTION)) continue;
      const script = runScript(dockerfile, instr);
      if (!script) continue;
      const updates = script.commands.filter((c) => familyOf(c, 'update'));
      for (const family of new Set(updates.map((c) => familyOf(c, 'update')!))) {
        if (firstUse(script, family)) continue;
        const update = updates.find((c) => familyOf(c, 'update') === family)!;
        const fix = mergeFix(dockerfile, instr, script, family, update);
        findings.push({
          range: update.range,
          message: `${dockerfile.textOf(update.range)} in a RUN of its own is cached and goes stale; run it in the same RUN as the install.`,
          fixes: fix ? [fix] : [],
        });
      }
    }
    return findings;
  },
};

/** Moves the update into the next RUN of the stage that installs, right before its install. */
function mergeFix(
  model: DockerfileModel,
  instr: Instr,
  script: ShellScript,
  family: Family,
  update: SimpleCommand,
): Fix | undefined {
  // only a RUN that does nothing but refresh the index can go away whole
  if (
    script.heredoc ||
    script.commands.some((c) => !familyOf(c, 'update')) ||
    script.commands.some((c) => c.conditional || c.inSubshell)
  )
    return undefined;
  const stage = model.stages[instr.stage];
  if (!stage) return undefined;
  const later = stage.instructions.filter((i) => i.index > instr.index && i.keyword === 'RUN');
  for (const run of later) {
    if (!runMentions(run, MENTION)) continue;
    const target = runScript(model, run);
    const use = target && firstUse(target, family);
    if (!use) continue;
    if (target.heredoc || flagsText(model, run) !== flagsText(model, instr) || !runsPosixShell(model, run))
      return undefined;
    const between = stage.instructions.filter((i) => i.index > instr.index && i.index < run.index);
    const updateText = model.textOf(update.range);
    if (between.some((i) => changesHowItRuns(model, i, updateText))) return undefined;
    const edits: TextEdit[] = [deleteInstruction(model, instr)];
    if (!use.updated) {
      const edit = insertBefore(model, run, use.command, model.textOf(update.range));
      if (!edit) return undefined;
      edits.push(edit);
    }
    return { title: 'Move the update into the install RUN', safe: between.every(inert), edits };
  }
  return undefined;
}

/** Variables the package managers read from the environment: a proxy, apt's configuration file. */
const MANAGER_ENV = /^((https?|ftp|all|no)_proxy|APT_CONFIG)$/i;

/**
 * An instruction after which the update would run differently: as another user, in another
 * directory or shell, or with a variable it reads (by name, or a proxy) set otherwise.
 */
function changesHowItRuns(model: DockerfileModel, instr: Instr, update: string): boolean {
  switch (instr.keyword) {
    case 'USER':
    case 'WORKDIR':
    case 'SHELL':
      return true;
    case 'ENV':
    case 'ARG':
      return declaredNames(instr, model.escapeChar).some((name) => MANAGER_ENV.test(name) || reads(update, name));
    default:
      return false;
  }
}

/** `$NAME` or `${NAME…}` in the command's text. */
function reads(text: string, name: string): boolean {
  const at = (i: number) => text.startsWith(name, i) && !/[A-Za-z0-9_]/.test(text[i + name.length] ?? '');
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1))
    if (at(i + 1) || (text[i + 1] === '{' && at(i + 2))) return true;
  return false;
}

/** Instructions that change neither the files nor the environment the update sees. */
const INERT = new Set([
  'LABEL',
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'HEALTHCHECK',
  'STOPSIGNAL',
  'MAINTAINER',
  'ONBUILD',
  'ENV',
  'ARG',
]);
const inert = (instr: Instr) => INERT.has(instr.keyword);

function flagsText(model: DockerfileModel, instr: Instr): string {
  return instr.flags.map((f) => model.textOf(f.range)).join(' ');
}

/** Inserts `update && ` before the install, on a line of its own when the install starts its line. */
function insertBefore(
  model: DockerfileModel,
  run: Instr,
  install: SimpleCommand,
  update: string,
): TextEdit | undefined {
  const start = install.range.start;
  const before = model.lines[start.line].slice(0, start.character);
  // after `|` the install would read the update's output; after `||` it would run whether or not
  // the command before failed
  const preceding = model
    .textOf({ start: run.argsStart, end: start })
    .replace(/[\\`]?\s*$/, '')
    .replace(/([\\`]\r?\n|\s)+$/, '');
  if (/\|$/.test(preceding)) return undefined;
  const at = { range: { start, end: start } };
  if (start.line !== run.range.start.line && /^\s*$/.test(before)) {
    return { ...at, newText: `${update} && ${model.escapeChar}${model.eol}${before}` };
  }
  // the RUN's first command in a RUN of several lines: the update takes the first line
  if (model.offsetAt(start) === model.offsetAt(run.argsStart) && run.range.end.line > start.line) {
    return { ...at, newText: `${update} && ${model.escapeChar}${model.eol}${continuationLineIndent(model, run)}` };
  }
  return { ...at, newText: `${update} && ` };
}
