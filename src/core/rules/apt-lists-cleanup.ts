import type { DockerfileModel, Instr } from '../dockerfile/model';
import { runMentions } from '../shell/prefilter';
import { runScript, type ShellScript, type SimpleCommand } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding, Position } from '../types';
import { reachesImage } from './support/baseImage';
import { cacheMountFix, mountAdvice, type CacheVerdict, keptVerdicts } from './support/cacheMounts';
import { invocationOf, invocations } from './support/invocations';
import { commandProgram } from '../shell/programs';
import { appendCommand, asRoot, atOrAfter } from './support/runEdits';
import { mountsOutOfLayer } from '../dockerfile/mounts';

const LISTS = '/var/lib/apt/lists';
/** The front ends of apt that fetch package lists: all three leave them in /var/lib/apt/lists. */
const APT = ['apt-get', 'apt', 'aptitude'];

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

/** A cache or tmpfs mount of the lists makes them part of no layer. */
const mountsLists = (instr: Instr) =>
  mountsOutOfLayer(instr, (t) => t === '/var/lib/apt' || t === LISTS || t === '/var/lib');

/** The RUN's apt installs, each with what the RUN does with the lists: one verdict for all of them. */
function readAptListsVerdicts(model: DockerfileModel, instr: Instr): ReadonlyMap<SimpleCommand, CacheVerdict> {
  const script = runMentions(instr, /\bapt/) ? runScript(model, instr) : undefined;
  const installs = script ? invocations(script, APT, ['install']) : [];
  if (!script || !installs.length) return new Map();
  const last = installs[installs.length - 1];
  const verdict: CacheVerdict = mountsLists(instr)
    ? 'mounted'
    : removesListsAfter(script, last.command.range.end)
      ? 'cleaned'
      : 'left';
  return new Map(installs.map((i) => [i.command, verdict]));
}

export const aptListsVerdicts = keptVerdicts('aptListsVerdicts', readAptListsVerdicts, 'run');

export const aptListsCleanup: Rule = {
  id: 'apt-lists-cleanup',
  aliases: { hadolint: ['DL3009'] },
  defaultLevel: 'warning',
  title: 'apt lists left in the layer',
  check({ dockerfile, target }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /\bapt/) || !reachesImage(dockerfile, instr, target)) continue;
      const verdicts = [...aptListsVerdicts(dockerfile, instr)];
      if (verdicts[0]?.[1] !== 'left') continue;
      const last = verdicts[verdicts.length - 1][0];
      // as another user than root the lists can only go the way the install got root: with sudo
      const sudo = asRoot(dockerfile, instr, last);
      const edit =
        sudo === undefined
          ? undefined
          : appendCommand(dockerfile, instr, runScript(dockerfile, instr)!, `${sudo}rm -rf ${LISTS}/*`);
      const mount = cacheMountFix(dockerfile, instr, ['apt']);
      findings.push({
        range: last.range,
        message: `The apt package lists stay in this layer: remove them in the same RUN with rm -rf ${LISTS}/*${mount ? `, or ${mountAdvice('apt')} to keep them between builds` : ''}.`,
        fixes: [
          ...(edit ? [{ title: `Append ${sudo}rm -rf ${LISTS}/*`, safe: true, edits: [edit] }] : []),
          ...(mount ? [mount] : []),
        ],
      });
    }
    return findings;
  },
};
