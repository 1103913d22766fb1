import type { Instr } from '../dockerfile/model';
import type { Rule } from '../rule';
import type { Finding } from '../types';
import { unquote } from '../dockerfile/variables';

/** `/app`, and on Windows images `C:\app`, `c:/app` or `\app`. */
const ABSOLUTE = /^(?:[\\/]|[A-Za-z]:)/;

/** The directory the WORKDIRs so far lead to, when this Dockerfile says it, and the absolute WORKDIR it starts from. */
interface Known {
  dir: string;
  set: Instr;
}

export const workdirAbsolute: Rule = {
  id: 'workdir-absolute',
  aliases: { hadolint: ['DL3000'], buildkit: ['WorkdirRelativePath'], trivy: ['DS-0009'] },
  defaultLevel: 'warning',
  title: 'WORKDIR with a relative path',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    // what each stage ends with: a stage built FROM it starts there
    const ends: (Known | undefined)[] = [];
    for (const stage of dockerfile.stages) {
      let known = stage.baseStage === undefined ? undefined : ends[stage.baseStage];
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'WORKDIR' || !instr.args.length) continue;
        const path = unquote(instr.args.map((a) => a.value).join(' '));
        // `$HOME/app` or `${APP_DIR}` is whatever the variable holds: only the build knows.
        if (path.startsWith('$') || ABSOLUTE.test(path)) {
          known = { dir: path, set: instr };
          continue;
        }
        const next = known && {
          dir: `${known.dir.replace(/[\\/]+$/, '')}/${path.replace(/^\.\//, '')}`,
          set: known.set,
        };
        const finding = relative(instr, path, next, next?.set.stage === stage.index);
        if (finding) findings.push(finding);
        known = next;
      }
      ends[stage.index] = known;
    }
    return findings;
  },
};

/**
 * A relative WORKDIR after an absolute one of its own stage is a shorthand for a path the reader
 * must put together (hadolint and Trivy report it); one in a stage built FROM a stage of this
 * Dockerfile starts from that stage's directory, as BuildKit reads it, and is fine.
 */
function relative(instr: Instr, path: string, resolved: Known | undefined, sameStage: boolean): Finding | undefined {
  const range = { start: instr.argsStart, end: instr.range.end };
  if (!resolved)
    return {
      range,
      message: `WORKDIR ${path} is relative to the base image’s working directory, which this Dockerfile does not show: write an absolute path.`,
    };
  if (!sameStage) return undefined;
  return {
    range,
    message: `WORKDIR ${path} resolves to ${resolved.dir}, from the WORKDIR ${unquote(resolved.set.args.map((a) => a.value).join(' '))} on line ${resolved.set.range.start.line + 1}: write that absolute path.`,
  };
}
