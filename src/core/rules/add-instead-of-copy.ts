import type { Rule } from '../rule';
import type { Finding } from '../types';
import { copyArgs } from '../dockerfile/copyArgs';

/** What only ADD can do: fetch a URL or a git repository, or unpack a local archive. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;
const GIT = /\.git(?:#.*)?$/i;
const ARCHIVE = /\.(?:tar|tgz|tbz2?|txz|tzst|taz|tz|tlz|gz|bz2|xz|zst|lz|lzma|Z)$/;
/** Flags that only exist for ADD's remote and archive sources. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const addInsteadOfCopy: Rule = {
  id: 'add-instead-of-copy',
  aliases: { hadolint: ['DL3020'], trivy: ['DS-0005'] },
  defaultLevel: 'warning',
  title: 'ADD of a local file or folder: use COPY',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (instr.keyword !== 'ADD' || instr.flags.some((f) => ADD_ONLY_FLAGS.has(f.name))) continue;
      const args = copyArgs(instr);
      // A `$VAR` source may be a URL; a heredoc is the same for both.
      if (
        !args ||
        args.heredoc ||
        args.sources.some((s) => s.includes('$') || REMOTE.test(s) || GIT.test(s) || ARCHIVE.test(s))
      )
        continue;
      findings.push({
        range: instr.keywordRange,
        message:
          'ADD of a local path does what COPY does, plus URL fetching and archive unpacking you did not ask for: use COPY.',
        fixes: [
          {
            title: 'Replace ADD with COPY',
            safe: true,
            edits: [{ range: instr.keywordRange, newText: sameCase(dockerfile.textOf(instr.keywordRange)) }],
          },
        ],
      });
    }
    return findings;
  },
};

/** COPY written in the case the author wrote ADD in. */
function sameCase(keyword: string): string {
  return keyword === keyword.toLowerCase() ? 'copy' : 'COPY';
}
