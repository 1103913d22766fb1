import type { Copy, Run } from 'dockerfile-ast';
import type { Instr } from '../dockerfile/model';
import type { Rule } from '../rule';
import type { Finding, Range } from '../types';

/**
 * Flags that the Dockerfile frontend built into older engines does not know, by instruction. That
 * frontend (Dockerfile 1.2, in Docker 20.10's BuildKit) and Podman 4 both take `RUN --mount` and
 * `--chmod` without a directive (docs/rules.md says how that was tried); these came later.
 */
const NEWER_FLAGS: Record<string, ReadonlySet<string>> = {
  RUN: new Set(['network', 'security', 'device']),
  COPY: new Set(['link', 'exclude', 'parents']),
  ADD: new Set(['link', 'exclude', 'parents', 'checksum', 'keep-git-dir', 'unpack']),
};

/** A secret mount into an environment variable (`env=`), which came with Dockerfile 1.10. */
const SECRET_ENV = /(^|,)\s*type\s*=\s*secret\s*(,|$)/i;
const ENV_OPTION = /(^|,)\s*env\s*=/i;

const DIRECTIVE = '# syntax=docker/dockerfile:1';

export const syntaxDirective: Rule = {
  id: 'syntax-directive',
  aliases: {},
  defaultLevel: 'info',
  title: 'Newer BuildKit syntax without a # syntax= directive',
  check({ dockerfile }) {
    if (dockerfile.directive('syntax')) return [];
    for (const instr of dockerfile.instructions) {
      const use = newerSyntax(instr);
      if (!use) continue;
      const finding: Finding = {
        range: use.range,
        message: `${use.what} is newer than the Dockerfile frontend built into older engines (Docker 20.10): add \`${DIRECTIVE}\` so that BuildKit fetches a frontend that has it.`,
        fixes: [
          {
            title: `Insert ${DIRECTIVE}`,
            safe: true,
            edits: [
              {
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                newText: DIRECTIVE + dockerfile.eol,
              },
            ],
          },
        ],
      };
      return [finding];
    }
    return [];
  },
};

function newerSyntax(instr: Instr): { what: string; range: Range } | undefined {
  const flags = NEWER_FLAGS[instr.keyword];
  if (!flags) return undefined;
  const flag = instr.flags.find((f) => flags.has(f.name));
  if (flag) return { what: `${instr.keyword} --${flag.name}`, range: flag.range };
  const env = instr.flags.find(
    (f) => f.name === 'mount' && SECRET_ENV.test(f.value ?? '') && ENV_OPTION.test(f.value!),
  );
  if (env) return { what: 'A secret mount with env=', range: env.range };
  // dockerfile-ast parses heredocs on every call: ask only when `<<` is there at all.
  const heredocs = instr.argsText.includes('<<') ? ((instr.node as Run | Copy).getHeredocs?.() ?? []) : [];
  if (heredocs.length) return { what: `A heredoc in ${instr.keyword}`, range: heredocs[0].getNameRange() };
  return undefined;
}
