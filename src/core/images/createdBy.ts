// What an image history entry says it came from. Each builder writes `created_by` its own way:
//   BuildKit        `RUN |1 V=1 /bin/sh -c make # buildkit`, `COPY a /b # buildkit`, `ENV A=b`
//   classic, buildah `/bin/sh -c #(nop) ENV A=b`, `|1 V=1 /bin/sh -c make` (a RUN has no keyword)
// An empty `created_by` is an imported layer (a base image made with `docker import`).
import { INSTRUCTION_KEYWORDS } from '../dockerfile/model';

export interface CreatedBy {
  /** The instruction's keyword, upper case; undefined for an empty or unreadable entry. */
  keyword?: string;
  /** The rest, as the builder wrote it (for RUN, args and shell prefix included). */
  body: string;
}

const NOP = /^(?:\|\d+ .*?)?\/bin\/sh -c #\(nop\)\s+(\S+)\s*([\s\S]*)$/;
const BUILDKIT_SUFFIX = / # buildkit$/;

export function readCreatedBy(createdBy: string): CreatedBy {
  const text = createdBy.trim().replace(BUILDKIT_SUFFIX, '');
  if (!text) return { body: '' };
  const nop = NOP.exec(text);
  if (nop) return { keyword: nop[1].toUpperCase(), body: nop[2].trimEnd() };
  const first = /^(\S+)\s*([\s\S]*)$/.exec(text)!;
  // BuildKit writes the keyword as the Dockerfile has it, upper case
  if (INSTRUCTION_KEYWORDS.has(first[1]) && first[1] === first[1].toUpperCase())
    return { keyword: first[1], body: first[2] };
  // classic builders and buildah write a RUN as the command alone
  return { keyword: 'RUN', body: text };
}

/** Continuations joined and runs of white space made one space, so a Dockerfile's text and an engine's compare. */
export function squash(text: string): string {
  return text
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
