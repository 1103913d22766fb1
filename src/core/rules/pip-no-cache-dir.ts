import type { DockerfileModel, Instr } from '../dockerfile/model';
import { runMentions } from '../shell/prefilter';
import { runScript, type SimpleCommand } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding, Fix } from '../types';
import { reachesImage, stageChain } from './support/baseImage';
import { cacheMountFix, mountAdvice, type CacheVerdict, keptVerdicts } from './support/cacheMounts';
import { hasOption, invocationOf, invocations } from './support/invocations';
import { insertAfterWord, runsPosixShell } from './support/runEdits';
import { mountsOutOfLayer } from '../dockerfile/mounts';

const PIP_CACHE = '/root/.cache/pip';

/** A cache or tmpfs mount at pip's cache (or the whole ~/.cache) keeps the wheels out of the layer. */
const mountsPipCache = (instr: Instr) =>
  mountsOutOfLayer(
    instr,
    (t) => t === PIP_CACHE || t === '/root/.cache' || /(^|\/)pip$/.test(t) || /\$\{?PIP_CACHE_DIR/.test(t),
  );

/** `PIP_NO_CACHE_DIR=1` (or true, on, yes): pip reads a false value as keeping its cache, as hadolint does. */
const SETS_NO_CACHE = /\bPIP_NO_CACHE_DIR(?:=|\s+)["']?(?:1|true|on|yes)\b/i;

/** PIP_NO_CACHE_DIR set by ENV or ARG in the RUN's stage or the stages it builds on, before the RUN. */
function envDisablesCache(model: DockerfileModel, instr: Instr): boolean {
  const stage = model.stages[instr.stage];
  if (!stage) return false;
  return stageChain(model, stage).some((s) =>
    s.instructions.some(
      (i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && i.index < instr.index && SETS_NO_CACHE.test(i.argsText),
    ),
  );
}

/** What each `pip install` of the RUN does with pip's download cache. */
function readPipCacheVerdicts(model: DockerfileModel, instr: Instr): ReadonlyMap<SimpleCommand, CacheVerdict> {
  const verdicts = new Map<SimpleCommand, CacheVerdict>();
  const script = runMentions(instr, /\bpip/) ? runScript(model, instr) : undefined;
  if (!script) return verdicts;
  const mounted = mountsPipCache(instr);
  // `export PIP_NO_CACHE_DIR=1` earlier in the same RUN
  // (the parser reads export as a declaration, not a command)
  const disabled =
    envDisablesCache(model, instr) ||
    /\b(export|declare\s+-x)\s+([^;&|\n]*\s)?PIP_NO_CACHE_DIR=["']?(1|true|on|yes)\b/i.test(script.text);
  for (const install of invocations(script, ['pip'], ['install'])) {
    const off =
      disabled ||
      hasOption(install, ['--no-cache-dir', '--no-cache']) ||
      SETS_NO_CACHE.test(model.textOf(install.command.range)); // PIP_NO_CACHE_DIR=1 pip …, env PIP_NO_CACHE_DIR=1 pip …
    verdicts.set(install.command, off ? 'disabled' : mounted ? 'mounted' : 'left');
  }
  return verdicts;
}

export const pipCacheVerdicts = keptVerdicts('pipCacheVerdicts', readPipCacheVerdicts, 'stage');

export const pipNoCacheDir: Rule = {
  id: 'pip-no-cache-dir',
  aliases: { hadolint: ['DL3042'] },
  defaultLevel: 'warning',
  title: 'pip install without --no-cache-dir',
  check({ dockerfile, target }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /\bpip/) || !reachesImage(dockerfile, instr, target)) continue;
      for (const [command, verdict] of pipCacheVerdicts(dockerfile, instr)) {
        if (verdict !== 'left') continue;
        const mount = cacheMountFix(dockerfile, instr, ['pip']);
        findings.push({
          range: command.range,
          message: `pip install keeps its download cache in the layer: add --no-cache-dir${mount ? `, or ${mountAdvice('pip')} to keep it between builds` : ''}.`,
          fixes: [...noCacheDirFix(dockerfile, instr, command), ...(mount ? [mount] : [])],
        });
      }
    }
    return findings;
  },
};

/** Under a SHELL that is not POSIX the words were found by reading the RUN as POSIX shell: no edit. */
function noCacheDirFix(model: DockerfileModel, instr: Instr, command: SimpleCommand): Fix[] {
  const install = invocationOf(command);
  if (!install || !runsPosixShell(model, instr)) return [];
  return [{ title: 'Add --no-cache-dir', safe: true, edits: [insertAfterWord(install.subcommand, '--no-cache-dir')] }];
}
