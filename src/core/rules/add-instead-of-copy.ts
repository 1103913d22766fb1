import type { ContextView, Rule } from '../rule';
import type { Finding } from '../types';
import { copyArgs } from '../dockerfile/copyArgs';
import { hasWildcard } from './support/glob';

/** What only ADD can do: fetch a URL or a git repository, or unpack a local archive. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;
const GIT = /\.git(?:#.*)?$/i;
/**
 * Names of tar archives, plain or compressed as ADD unpacks them (gzip, bzip2, xz, zstd), and of
 * compressed files that may hold one; in any case, as BuildKit goes by the content, not the name.
 */
const ARCHIVE = /\.(?:tar|tgz|taz|tbz2?|tb2|txz|tzst|tz|tlz|tpz|gz|bz2|xz|zst|lz|lzma|z)$/i;
/** Flags that only exist for ADD's remote and archive sources. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/** What a local source's name says of what ADD does with it. */
type Kind = 'archive' | 'plain' | 'unknown';

export const addInsteadOfCopy: Rule = {
  id: 'add-instead-of-copy',
  aliases: { hadolint: ['DL3020'], trivy: ['DS-0005'] },
  defaultLevel: 'warning',
  title: 'ADD of a local file or folder: use COPY',
  check({ dockerfile, context }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (instr.keyword !== 'ADD' || instr.flags.some((f) => ADD_ONLY_FLAGS.has(f.name))) continue;
      const args = copyArgs(instr);
      // A `$VAR` source may be a URL; a heredoc is the same for both.
      if (!args || args.heredoc || args.sources.some((s) => s.includes('$') || REMOTE.test(s) || GIT.test(s))) continue;
      const kinds = args.sources.map((s) => kindOf(s, context));
      if (kinds.includes('archive')) continue;
      // Like hadolint's DL3020, a name without an extension is reported; but it may be a tar
      // archive that ADD unpacks and COPY would not, so the fix waits for the user's word.
      const unknown = args.sources.filter((_, i) => kinds[i] === 'unknown');
      const keyword = sameCase(dockerfile.textOf(instr.keywordRange));
      findings.push({
        range: instr.keywordRange,
        message:
          'ADD of a local path does what COPY does, plus URL fetching and archive unpacking you did not ask for: use COPY.',
        fixes: [
          {
            title: 'Replace ADD with COPY',
            safe: unknown.length === 0,
            edits: [{ range: instr.keywordRange, newText: keyword }],
            ...(unknown.length && {
              note: `ADD unpacks a local tar archive whatever its name, and COPY does not: keep ADD if ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'may be'} a tar archive.`,
            }),
          },
        ],
      });
    }
    return findings;
  },
};

/**
 * An archive by its extension (in any case); plain when it is a folder or has another extension;
 * unknown when the name has no extension (`rootfs`), or a wildcard where the extension could be.
 */
function kindOf(source: string, context: ContextView | undefined): Kind {
  const path = source.replace(/\\/g, '/');
  if (/(^|\/)\.{0,2}$/.test(path) && !hasWildcard(path)) return 'plain'; // `dir/`, `.`, `..`
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (ARCHIVE.test(name)) return 'archive';
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1) : '';
  if (extension && !hasWildcard(extension)) return 'plain';
  if (hasWildcard(path)) return 'unknown';
  // a folder in the context is copied the same by both; a file there may still be a tar
  if (context && context.list(path).length > 0) return 'plain';
  return 'unknown';
}

/** COPY written in the case the author wrote ADD in. */
function sameCase(keyword: string): string {
  return keyword === keyword.toLowerCase() ? 'copy' : 'COPY';
}
