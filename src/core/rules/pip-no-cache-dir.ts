import type { DockerfileModel, Instr } from '../dockerfile/model';
import { runMentions } from '../shell/prefilter';
import { runScript } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding } from '../types';
import { stageChain } from './support/baseImage';
import { hasOption, invocations } from './support/invocations';
import { insertAfterWord, runsPosixShell } from './support/runEdits';
import { hasCacheMount } from '../dockerfile/mounts';

const PIP_CACHE = '/root/.cache/pip';

/** A cache mount at pip's cache (or the whole ~/.cache) keeps the wheels out of the layer. */
const mountsPipCache = (instr: Instr) =>
  hasCacheMount(
    instr,
    (t) => t === PIP_CACHE || t === '/root/.cache' || /(^|\/)pip$/.test(t) || /\$\{?PIP_CACHE_DIR/.test(t),
  );

/** PIP_NO_CACHE_DIR set by ENV or ARG in the RUN's stage or the stages it builds on, before the RUN. */
function envDisablesCache(model: DockerfileModel, instr: Instr): boolean {
  const stage = model.stages[instr.stage];
  if (!stage) return false;
  return stageChain(model, stage).some((s) =>
    s.instructions.some(
      (i) =>
        (i.keyword === 'ENV' || i.keyword === 'ARG') &&
        i.index < instr.index &&
        /\bPIP_NO_CACHE_DIR\b/.test(i.argsText),
    ),
  );
}

export const pipNoCacheDir: Rule = {
  id: 'pip-no-cache-dir',
  aliases: { hadolint: ['DL3042'] },
  defaultLevel: 'warning',
  title: 'pip install without --no-cache-dir',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /\bpip/) || mountsPipCache(instr) || envDisablesCache(dockerfile, instr)) continue;
      const script = runScript(dockerfile, instr);
      if (!script) continue;
      // `export PIP_NO_CACHE_DIR=1` earlier in the same RUN
      // (the parser reads export as a declaration, not a command)
      const exported = /\b(export|declare\s+-x)\s+([^;&|\n]*\s)?PIP_NO_CACHE_DIR\b/.test(script.text);
      if (exported) continue;
      for (const install of invocations(script, ['pip'], ['install'])) {
        if (
          hasOption(install, ['--no-cache-dir', '--no-cache']) ||
          install.command.assigns.includes('PIP_NO_CACHE_DIR')
        )
          continue;
        if (install.command.words.some((w) => /^PIP_NO_CACHE_DIR=/.test(w.value ?? ''))) continue; // env PIP_NO_CACHE_DIR=1 pip …
        findings.push({
          range: install.command.range,
          message: 'pip install keeps its download cache in the layer; add --no-cache-dir.',
          // under a SHELL that is not POSIX the words were found by reading the RUN as POSIX shell
          fixes: runsPosixShell(dockerfile, instr)
            ? [
                {
                  title: 'Add --no-cache-dir',
                  safe: true,
                  edits: [insertAfterWord(install.subcommand, '--no-cache-dir')],
                },
              ]
            : [],
        });
      }
    }
    return findings;
  },
};
