import type { Copy, Run } from 'dockerfile-ast';
import type { Instr } from '../dockerfile/model';
import type { Rule } from '../rule';
import type { Finding, Range } from '../types';

/** Flags that only BuildKit's Dockerfile frontend knows, by instruction. */
const BUILDKIT_FLAGS: Record<string, ReadonlySet<string>> = {
  RUN: new Set(['mount', 'network', 'security', 'device']),
  COPY: new Set(['link', 'chmod', 'exclude', 'parents']),
  ADD: new Set(['link', 'chmod', 'exclude', 'parents', 'checksum', 'keep-git-dir', 'unpack']),
};

const DIRECTIVE = '# syntax=docker/dockerfile:1';

export const syntaxDirective: Rule = {
  id: 'syntax-directive',
  aliases: {},
  defaultLevel: 'info',
  title: 'BuildKit-only syntax without a # syntax= directive',
  check({ dockerfile }) {
    if (dockerfile.directive('syntax')) return [];
    for (const instr of dockerfile.instructions) {
      const use = buildkitOnly(instr);
      if (!use) continue;
      const finding: Finding = {
        range: use.range,
        message: `${use.what} needs BuildKit's Dockerfile frontend: add \`${DIRECTIVE}\` so that every builder uses a frontend that has it.`,
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

function buildkitOnly(instr: Instr): { what: string; range: Range } | undefined {
  const flags = BUILDKIT_FLAGS[instr.keyword];
  if (!flags) return undefined;
  const flag = instr.flags.find((f) => flags.has(f.name));
  if (flag) return { what: `${instr.keyword} --${flag.name}`, range: flag.range };
  // dockerfile-ast parses heredocs on every call: ask only when `<<` is there at all.
  const heredocs = instr.argsText.includes('<<') ? ((instr.node as Run | Copy).getHeredocs?.() ?? []) : [];
  if (heredocs.length) return { what: `A heredoc in ${instr.keyword}`, range: heredocs[0].getNameRange() };
  return undefined;
}
