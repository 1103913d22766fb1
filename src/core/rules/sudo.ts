// RUN already runs as root unless a USER (or the base image) says otherwise; sudo adds a setuid
// binary to the image and unpredictable TTY and signal behaviour.
import { runMentions } from '../shell/prefilter';
import { runScript, type SimpleCommand } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding, Fix, TextEdit } from '../types';
import { userAt } from './support/baseImage';
import { insertLinesAfter, insertLinesBefore } from './support/lineEdits';
import { runsPosixShell } from './support/runEdits';
import { resolveProgram, type Wrapper } from '../shell/programs';

/** sudo options that change nothing when the command runs as root anyway. */
const HARMLESS = /^(-E|-H|-n|-S|-k|--preserve-env(=.*)?|--set-home|--non-interactive|--stdin|-[EHnSk]+)$/;

/** Removes `sudo [harmless options]`; undefined when an option changes who runs the command. */
function removal(command: SimpleCommand, sudo: Wrapper): TextEdit | undefined {
  const options = command.words.slice(sudo.index + 1, sudo.next).map((w) => w.value ?? '');
  if (!options.every((o) => HARMLESS.test(o) || o === '--')) return undefined;
  const next = command.words[sudo.next];
  if (!next) return undefined;
  return { range: { start: command.words[sudo.index].range.start, end: next.range.start }, newText: '' };
}

export const sudo: Rule = {
  id: 'sudo',
  aliases: { hadolint: ['DL3004'], trivy: ['DS-0010'] },
  defaultLevel: 'error',
  title: 'sudo in RUN',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /\bsudo\b/)) continue;
      const script = runScript(dockerfile, instr);
      if (!script) continue;
      const found = script.commands.flatMap((command) =>
        resolveProgram(command)
          .wrappers.filter((w) => w.name === 'sudo')
          .map((w) => ({ command, wrapper: w })),
      );
      if (!found.length) continue;
      // under PowerShell or cmd the words were read as POSIX shell: no edit is sure of them
      const posix = runsPosixShell(dockerfile, instr);
      const removals = found.map(({ command, wrapper }) => (posix ? removal(command, wrapper) : undefined));
      // as another user (a USER, or the one the image starts as) the commands need root some
      // other way: USER root around the RUN, then back to that user when it can be named
      const { user, root } = userAt(dockerfile, instr);
      const asOther: Fix | undefined =
        !root && user !== undefined && removals.every((r) => r)
          ? {
              title: `Remove sudo and run this RUN as root (USER root, then USER ${user})`,
              safe: false,
              edits: [
                insertLinesBefore(dockerfile, instr, ['USER root']),
                ...(removals as TextEdit[]),
                insertLinesAfter(dockerfile, instr, [`USER ${user}`]),
              ],
            }
          : undefined;
      found.forEach(({ command, wrapper }, k) => {
        const edit = removals[k];
        const fixes: Fix[] = root
          ? edit
            ? [{ title: 'Remove sudo', safe: true, edits: [edit] }]
            : []
          : asOther
            ? [asOther]
            : [];
        findings.push({
          range: command.words[wrapper.index].range,
          message: root
            ? 'RUN already runs as root; sudo is not needed.'
            : `Avoid sudo in RUN; switch with USER root for the commands that need root.`,
          fixes,
        });
      });
    }
    return findings;
  },
};
