import type { DockerfileModel, Instr } from '../dockerfile/model';
import type { Rule } from '../rule';
import type { Fix } from '../types';

const LABEL = 'org.opencontainers.image.authors';
/** What Go's strings.TrimSpace and unicode.IsSpace take for white space. */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

export const maintainerDeprecated: Rule = {
  id: 'maintainer-deprecated',
  aliases: { hadolint: ['DL4000'], buildkit: ['MaintainerDeprecated'], trivy: ['DS-0022'] },
  defaultLevel: 'warning',
  title: 'MAINTAINER is deprecated',
  check({ dockerfile }) {
    return dockerfile.instructions
      .filter((i) => i.keyword === 'MAINTAINER')
      .map((i) => {
        const author = maintainerText(dockerfile, i);
        const fixes: Fix[] =
          author === undefined
            ? []
            : [
                {
                  title: `Replace with LABEL ${LABEL}`,
                  safe: true,
                  edits: [{ range: i.range, newText: `LABEL ${LABEL}=${doubleQuoted(author, dockerfile.escapeChar)}` }],
                },
              ];
        return {
          range: i.range,
          message: `MAINTAINER is deprecated; record the author in the ${LABEL} label.`,
          fixes,
        };
      });
  },
};

/**
 * The author as BuildKit records it: MAINTAINER takes the rest of its line literally (no quotes,
 * escapes or variables), continuations joined (comment and empty lines inside them dropped) and
 * white space trimmed. Undefined when there is none, or when it starts with `--`, which BuildKit
 * reads as a flag.
 */
function maintainerText(model: DockerfileModel, instr: Instr): string | undefined {
  if (!/^maintainer$/i.test(model.textOf(instr.keywordRange))) return undefined;
  const rest = model.text.slice(model.offsetAt(instr.keywordRange.end), model.offsetAt(instr.range.end));
  const escape = model.escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  const continued = new RegExp(`^(.*)${escape}[ \\t]*$`, 's');
  const skipped = new RegExp(`^[${GO_SPACE}]*(#|$)`);
  let text = '';
  for (const [n, raw] of rest.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (n > 0 && skipped.test(line)) continue;
    const m = continued.exec(line);
    text += m ? m[1] : line;
    if (!m) break;
  }
  const author = text.replace(new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g'), '');
  return author && !author.startsWith('--') ? author : undefined;
}

/**
 * A LABEL value that BuildKit reads back as exactly `text`: in double quotes, where the escape
 * character escapes `"`, `$` (LABEL expands variables, MAINTAINER does not) and itself.
 */
export function doubleQuoted(text: string, escape: string): string {
  let out = '"';
  for (const c of text) out += c === '"' || c === '$' || c === escape ? escape + c : c;
  return `${out}"`;
}
