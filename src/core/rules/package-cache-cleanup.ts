// yum/dnf keep downloaded packages and metadata under /var/cache, yarn keeps every package
// tarball in its cache: without a clean in the same RUN they stay in the layer for good.
import { runMentions } from '../shell/prefilter';
import { runScript, type ShellScript, type SimpleCommand } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding } from '../types';
import { commandProgram } from '../shell/programs';
import { detectInstalls, type Install } from './support/installs';
import { invocationOf } from './support/invocations';
import { appendCommand, asRoot, atOrAfter, withSudo } from './support/runEdits';
import { reachesImage, userAt } from './support/baseImage';
import { cacheMountFix, keptVerdicts, mountAdvice, type CacheVerdict } from './support/cacheMounts';
import { memoOn } from '../memo';
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { mountsOutOfLayer } from '../dockerfile/mounts';

const RPM = ['yum', 'dnf', 'microdnf'];

/** yum is dnf on current systems, with one cache; microdnf keeps its own. */
const rpmCache = (manager: string) => (manager === 'microdnf' ? 'microdnf' : 'dnf');

/** `yum clean all` by a manager of the install's cache, or an rm of their cache folder. */
function rpmCleaned(command: SimpleCommand, install: Install): boolean {
  const invocation = invocationOf(command);
  if (invocation && RPM.includes(invocation.program) && invocation.subcommand.value === 'clean')
    return (
      rpmCache(invocation.program) === rpmCache(install.manager) &&
      invocation.operands.some((w) => w.value === 'all' || w.value === 'packages')
    );
  return (
    commandProgram(command)?.program === 'rm' &&
    command.words.some((w) => /^\/var\/cache\/(yum|dnf|libdnf5?)(\/|$)/.test(w.value ?? ''))
  );
}

function yarnCleaned(command: SimpleCommand): boolean {
  const invocation = invocationOf(command);
  if (invocation?.program === 'yarn' && invocation.subcommand.value === 'cache')
    return invocation.operands[0]?.value === 'clean';
  return (
    commandProgram(command)?.program === 'rm' &&
    command.words.some((w) => /(^|\/)\.?cache\/yarn(\/|$)|\/\.yarn\/(berry\/)?cache/.test(w.value ?? ''))
  );
}

interface Kind {
  matches(install: Install): boolean;
  /** Whether the command cleans the cache the install filled. */
  cleaned(command: SimpleCommand, install: Install): boolean;
  mounted(target: string): boolean;
  clean(install: Install): string;
  /** The cache is the system's (root's): a user other than root cleans it with sudo. */
  system: boolean;
}

const KINDS: Kind[] = [
  {
    matches: (i) => i.manager === 'yum' || i.manager === 'dnf' || i.manager === 'microdnf',
    cleaned: rpmCleaned,
    mounted: (t) => /^\/var\/cache(\/(yum|dnf|libdnf5?))?$/.test(t),
    clean: (i) => `${i.manager} clean all`,
    system: true,
  },
  {
    matches: (i) => i.manager === 'yarn' && (i.subcommand === undefined || i.subcommand.value === 'install'),
    cleaned: yarnCleaned,
    mounted: (t) => /yarn/.test(t),
    clean: () => 'yarn cache clean',
    system: false,
  },
];

function lastCleanAfter(script: ShellScript, kind: Kind, install: Install): boolean {
  return script.commands.some((c) => atOrAfter(c.range.start, install.command.range.end) && kind.cleaned(c, install));
}

/**
 * The clean runs as the install did: a system cache needs root (sudo when the install got root
 * that way, no fix when it had none), a user's cache (yarn's) is the user's that ran the install.
 */
function cleanAs(model: DockerfileModel, instr: Instr, kind: Kind, install: Install): string | undefined {
  if (kind.system) return asRoot(model, instr, install.command);
  return !userAt(model, instr).root && withSudo(install.command) ? 'sudo ' : '';
}

const KINDS_IN = Symbol('dockwright.cacheKinds');

/**
 * Each kind's installs in the RUN, with what the RUN does with their cache: one verdict a kind.
 * The RUN alone decides them, so they are kept on it.
 */
function kindsIn(model: DockerfileModel, instr: Instr): readonly KindInRun[] {
  return memoOn(instr, KINDS_IN, () => readKindsIn(model, instr));
}

interface KindInRun {
  kind: Kind;
  installs: Install[];
  verdict: CacheVerdict;
}

function readKindsIn(model: DockerfileModel, instr: Instr): KindInRun[] {
  const script = runMentions(instr, /\b(yum|dnf|microdnf|yarn)\b/) ? runScript(model, instr) : undefined;
  if (!script) return [];
  const installs = detectInstalls(script);
  return KINDS.flatMap((kind) => {
    const mine = installs.filter((i) => kind.matches(i));
    if (!mine.length) return [];
    const verdict: CacheVerdict = mountsOutOfLayer(instr, (t) => kind.mounted(t))
      ? 'mounted'
      : lastCleanAfter(script, kind, mine[mine.length - 1])
        ? 'cleaned'
        : 'left';
    return [{ kind, installs: mine, verdict }];
  });
}

/** The RUN's yum/dnf/microdnf and yarn installs, with what the RUN does with their cache. */
export const packageCacheVerdicts = keptVerdicts(
  'packageCacheVerdicts',
  (model, instr) =>
    new Map(kindsIn(model, instr).flatMap(({ installs, verdict }) => installs.map((i) => [i.command, verdict]))),
  'run',
);

export const packageCacheCleanup: Rule = {
  id: 'package-cache-cleanup',
  aliases: { hadolint: ['DL3032', 'DL3040', 'DL3060'], trivy: ['DS-0015', 'DS-0019'] },
  defaultLevel: 'warning',
  title: 'Package manager cache left in the layer',
  check({ dockerfile, target }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /\b(yum|dnf|microdnf|yarn)\b/) || !reachesImage(dockerfile, instr, target)) continue;
      for (const { kind, installs, verdict } of kindsIn(dockerfile, instr)) {
        if (verdict !== 'left') continue;
        const last = installs[installs.length - 1];
        const clean = kind.clean(last);
        const sudo = cleanAs(dockerfile, instr, kind, last);
        const edit =
          sudo === undefined
            ? undefined
            : appendCommand(dockerfile, instr, runScript(dockerfile, instr)!, sudo + clean);
        const mount = cacheMountFix(dockerfile, instr, [last.manager]);
        findings.push({
          range: last.command.range,
          message: `The package cache stays in this layer: run ${clean} in the same RUN${mount ? `, or ${mountAdvice(last.manager)} to keep it between builds` : ''}.`,
          fixes: [
            ...(edit ? [{ title: `Append ${sudo}${clean}`, safe: true, edits: [edit] }] : []),
            ...(mount ? [mount] : []),
          ],
        });
      }
    }
    return findings;
  },
};
