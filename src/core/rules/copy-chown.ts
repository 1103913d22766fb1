import type { Instr } from '../dockerfile/model';
import type { Rule } from '../rule';
import type { Finding } from '../types';
import { copyArgs } from '../dockerfile/copyArgs';
import { isRootUser } from './support/baseImage';

/** System folders: files copied there are read by the user, never meant to be changed by it. */
const SYSTEM_DEST = /^\/(?:etc|usr|bin|sbin|lib\w*)(?:\/|$)/;

export const copyChown: Rule = {
  id: 'copy-chown',
  aliases: {},
  defaultLevel: 'info',
  title: 'COPY as a non-root USER without --chown',
  check({ dockerfile, target }) {
    const findings: Finding[] = [];
    const endUser: (string | undefined)[] = [];
    const final = dockerfile.finalStage(target)?.index;
    const isBase = new Set(dockerfile.stages.map((s) => s.baseStage).filter((i) => i !== undefined));
    for (const stage of dockerfile.stages) {
      // An image's own USER is unknown here: only USER instructions of this file are followed.
      let user = stage.baseStage !== undefined ? endUser[stage.baseStage] : undefined;
      const pending: { copy: Instr; user: string }[] = [];
      for (const instr of stage.instructions) {
        // USER takes one word; more (`USER app \` continued into the next line) fails the build
        if (instr.keyword === 'USER' && instr.args.length)
          user = instr.args.length === 1 && !/\s/.test(instr.args[0].value) ? instr.args[0].value : undefined;
        else if (instr.keyword === 'COPY' && user && !isRootUser(user) && ownerMatters(instr))
          pending.push({ copy: instr, user });
        else if (instr.keyword === 'RUN' && user) {
          // A RUN as that user after the COPY may need to write the files.
          for (const p of pending.filter((p) => p.user === user && p.copy.index < instr.index))
            report(findings, p.copy, p.user);
          pending.splice(0, pending.length, ...pending.filter((p) => p.user !== user));
        }
      }
      endUser[stage.index] = user;
      // The image runs as that user, or later stages build on it as that user.
      if (stage.index === final || isBase.has(stage.index))
        for (const p of pending.filter((p) => p.user === user)) report(findings, p.copy, p.user);
    }
    return findings.sort((a, b) => a.range.start.line - b.range.start.line);
  },
};

function ownerMatters(copy: Instr): boolean {
  if (copy.flags.some((f) => f.name === 'chown' || f.name === 'chmod')) return false;
  const dest = copyArgs(copy)?.dest;
  return dest !== undefined && !SYSTEM_DEST.test(dest);
}

function report(findings: Finding[], copy: Instr, user: string): void {
  const at = copy.keywordRange.end;
  findings.push({
    range: copy.range,
    message: `COPY leaves its files owned by root although the stage runs as ${user}, who cannot change them: add --chown=${user}.`,
    fixes: [
      {
        title: `Add --chown=${user}`,
        safe: true,
        edits: [{ range: { start: at, end: at }, newText: ` --chown=${user}` }],
      },
    ],
  });
}
