import type { Instr } from '../dockerfile/model';
import { runMentions } from '../shell/prefilter';
import { runScript, type ShellScript } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding, Position } from '../types';
import { aptInstalls, invocationOf } from './support/invocations';
import { commandProgram } from '../shell/programs';
import { appendCommand, asRoot, atOrAfter } from './support/runEdits';
import { hasCacheMount } from '../dockerfile/mounts';

const LISTS = '/var/lib/apt/lists';

/** An `rm` (or `find … -delete`, or `apt-get dist-clean`) of the lists that runs after the given position. */
function removesListsAfter(script: ShellScript, from: Position): boolean {
  return script.commands.some((c) => {
    if (!atOrAfter(c.range.start, from)) return false;
    const invocation = invocationOf(c);
    if (
      (invocation?.program === 'apt-get' || invocation?.program === 'apt') &&
      invocation.subcommand.value === 'dist-clean'
    )
      return true;
    const program = commandProgram(c)?.program;
    if (program !== 'rm' && program !== 'find') return false;
    return c.words.some((w) => w.value !== undefined && (w.value === LISTS || w.value.startsWith(`${LISTS}/`)));
  });
}

/** A cache mount of the lists makes them part of no layer. */
const mountsLists = (instr: Instr) =>
  hasCacheMount(instr, (t) => t === '/var/lib/apt' || t === LISTS || t === '/var/lib');

export const aptListsCleanup: Rule = {
  id: 'apt-lists-cleanup',
  aliases: { hadolint: ['DL3009'] },
  defaultLevel: 'warning',
  title: 'apt lists left in the layer',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /apt-get/) || mountsLists(instr)) continue;
      const script = runScript(dockerfile, instr);
      if (!script) continue;
      const installs = aptInstalls(script);
      if (!installs.length) continue;
      const last = installs[installs.length - 1];
      if (removesListsAfter(script, last.command.range.end)) continue;
      // as another user than root the lists can only go the way the install got root: with sudo
      const sudo = asRoot(dockerfile, instr, last.command);
      const edit =
        sudo === undefined ? undefined : appendCommand(dockerfile, instr, script, `${sudo}rm -rf ${LISTS}/*`);
      findings.push({
        range: last.command.range,
        message:
          'The apt package lists stay in this layer; remove them in the same RUN with rm -rf /var/lib/apt/lists/*.',
        fixes: edit ? [{ title: `Append ${sudo}rm -rf /var/lib/apt/lists/*`, safe: true, edits: [edit] }] : [],
      });
    }
    return findings;
  },
};
