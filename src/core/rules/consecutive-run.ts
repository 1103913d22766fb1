// Every RUN is a layer; consecutive RUNs of one command each, with the same flags, can usually be one.
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { runScript, type ShellScript } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding, Fix, TextEdit } from '../types';
import { contentEnd, continuationLineIndent, endsInComment, runsPosixShell } from './support/runEdits';
import { commandsChangeState, scriptChaining } from '../shell/chaining';

/** A RUN that can join others: shell form and no heredoc (the parse comes later, only for groups). */
function joinable(instr: Instr): boolean {
  return instr.keyword === 'RUN' && !instr.jsonForm && !!instr.argsText.trim() && !instr.argsText.includes('<<');
}

const flagsOf = (model: DockerfileModel, instr: Instr) =>
  instr.flags
    .map((f) => model.textOf(f.range))
    .sort()
    .join(' ');

/** Consecutive joinable RUNs with the same flags and no comment lines between them. */
function groups(model: DockerfileModel): Instr[][] {
  const out: Instr[][] = [];
  let group: Instr[] = [];
  const close = () => {
    if (group.length > 1) out.push(group);
    group = [];
  };
  for (const instr of model.instructions) {
    if (!joinable(instr)) {
      close();
      continue;
    }
    const prev = group[group.length - 1];
    if (
      prev &&
      (prev.index !== instr.index - 1 ||
        flagsOf(model, prev) !== flagsOf(model, instr) ||
        commentBetween(model, prev, instr))
    )
      close();
    group.push(instr);
  }
  close();
  // a RUN the shell parser rejects stays silent, and one that chains commands joins none: either splits its group
  return out.flatMap((g) =>
    splitAt(g, (i) => {
      const script = runScript(model, i);
      return !script || chainsCommands(script);
    }),
  );
}

/**
 * A RUN of several commands was kept apart from its neighbours on purpose, as hadolint's DL3059
 * reads it: `RUN groupadd … && useradd …` beside the build's RUN is a step of its own. Commands
 * are counted as hadolint counts them: every named one, nested or not, and a declaration (export …).
 */
function chainsCommands(script: ShellScript): boolean {
  return script.commands.filter((c) => c.words.length > 0).length + (script.declares ? 1 : 0) > 1;
}

function splitAt(group: Instr[], breaks: (i: Instr) => boolean): Instr[][] {
  const parts: Instr[][] = [[]];
  for (const i of group) {
    if (breaks(i)) parts.push([]);
    else parts[parts.length - 1].push(i);
  }
  return parts.filter((p) => p.length > 1);
}

function commentBetween(model: DockerfileModel, a: Instr, b: Instr): boolean {
  for (let line = a.range.end.line + 1; line < b.range.start.line; line++)
    if (/^\s*#/.test(model.lines[line])) return true;
  return false;
}

/**
 * Joins the RUNs with `&& \` when that keeps their meaning: every RUN after the first is an &&
 * chain (so a failure before it still stops it), and none before the last leaves shell state
 * (cd, export, set …) that would change the commands after it. Only under a POSIX shell.
 */
function mergeFix(model: DockerfileModel, group: Instr[]): Fix | undefined {
  // `&&` is POSIX: PowerShell 5.1 rejects it, and no other separator keeps a failure stopping the RUN
  if (!runsPosixShell(model, group[0])) return undefined;
  const scripts = group.map((i) => runScript(model, i)!);
  // what the commands and the text already tell comes first: the tree shape costs a parse
  if (scripts.some((s, k) => k < group.length - 1 && (commandsChangeState(s) || endsInComment(s.text))))
    return undefined;
  // a later RUN that starts with cd is run-cd's to turn into a WORKDIR; merged, its cd is buried
  if (scripts.some((s, k) => k > 0 && s.commands[0]?.name === 'cd' && !s.commands[0].inSubshell)) return undefined;
  const shapes = scripts.map(scriptChaining);
  const joinsAfter = (k: number) => !shapes[k].changesState && !shapes[k].background && !endsInComment(scripts[k].text);
  if (shapes.some((s, k) => (k > 0 && !s.andChain) || (k < group.length - 1 && !joinsAfter(k)))) return undefined;
  const edits: TextEdit[] = [];
  for (let k = 0; k + 1 < group.length; k++) {
    const left = group[k];
    const right = group[k + 1];
    let end = contentEnd(model, left);
    // `a;` cannot be followed by `&&`: the `;` goes
    if (model.text[model.offsetAt(end) - 1] === ';') {
      let at = model.offsetAt(end) - 1;
      while (/[ \t]/.test(model.text[at - 1])) at--;
      end = model.positionAt(at);
    }
    const indent = continuationLineIndent(model, right);
    edits.push({
      range: { start: end, end: right.argsStart },
      newText: ` && ${model.escapeChar}${model.eol}${indent}`,
    });
  }
  return { title: 'Merge into one RUN', safe: true, edits };
}

export const consecutiveRun: Rule = {
  id: 'consecutive-run',
  aliases: { hadolint: ['DL3059'] },
  defaultLevel: 'info',
  title: 'Consecutive RUN instructions',
  check({ dockerfile }) {
    return groups(dockerfile).map((group): Finding => {
      const fix = mergeFix(dockerfile, group);
      return {
        range: { start: group[0].range.start, end: group[group.length - 1].range.end },
        message: `${group.length} consecutive RUN instructions make ${group.length} layers; they can be one RUN.`,
        fixes: fix ? [fix] : [],
        related: group.slice(1).map((i) => ({ range: i.keywordRange, message: 'joins the RUN above' })),
      };
    });
  },
};
