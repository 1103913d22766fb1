import type { Rule } from '../rule';
import type { Finding } from '../types';
import { unquote } from '../dockerfile/variables';

/** `/app`, and on Windows images `C:\app`, `c:/app` or `\app`. */
const ABSOLUTE = /^(?:[\\/]|[A-Za-z]:)/;

export const workdirAbsolute: Rule = {
  id: 'workdir-absolute',
  aliases: { hadolint: ['DL3000'], buildkit: ['WorkdirRelativePath'], trivy: ['DS-0009'] },
  defaultLevel: 'warning',
  title: 'WORKDIR with a relative path',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (instr.keyword !== 'WORKDIR' || !instr.args.length) continue;
      const path = unquote(instr.args.map((a) => a.value).join(' '));
      // `$HOME/app` or `${APP_DIR}` is whatever the variable holds: only the build knows.
      if (path.startsWith('$') || ABSOLUTE.test(path)) continue;
      findings.push({
        range: { start: instr.argsStart, end: instr.range.end },
        message: `WORKDIR ${path} is relative to whatever the previous WORKDIR was (the base image's, unseen here): write an absolute path.`,
      });
    }
    return findings;
  },
};
