// Ignore comments, read and written in one place. Six syntaxes are read, so that files written for
// hadolint, BuildKit or Trivy keep their meaning; Dockwright writes its own.
import { resolveRuleId } from './config';
import { checkOption, topDirectives } from '../dockerfile/directives';
import type { DockerfileModel } from '../dockerfile/model';
import { allRules } from '../rules';
import type { Range, TextEdit } from '../types';

export interface Ignores {
  file: Set<string>;
  /** Rule ids ignored on each line of the instruction that follows an ignore comment. */
  lines: Map<number, Set<string>>;
}

const NEXT_INSTRUCTION = [/^dockwright-ignore\s+(.+)$/i, /^hadolint\s+ignore\s*=\s*(.+)$/i, /^trivy:ignore:(.+)$/i];
const WHOLE_FILE = [/^dockwright-ignore-file\s+(.+)$/i, /^hadolint\s+global\s+ignore\s*=\s*(.+)$/i];

/** The rule ids a list of ids and aliases names; `all` names every rule. */
function ids(list: string): string[] {
  return list.split(/[,\s]+/).flatMap((code) => {
    if (code.toLowerCase() === 'all') return allRules.map((r) => r.id);
    const id = resolveRuleId(code);
    return id ? [id] : [];
  });
}

export function readIgnoreComments(model: DockerfileModel): Ignores {
  // BuildKit's `# check=skip=…` counts only among the directives at the top of the file; a check it
  // names in `experimental=…` runs even under `skip=all`, as in BuildKit
  const top = topDirectives(model.lines);
  const experimental = new Set(
    checkOption(top, 'experimental')
      .filter((c) => c.toLowerCase() !== 'all')
      .flatMap(ids),
  );
  const file = new Set<string>(
    checkOption(top, 'skip')
      .flatMap(ids)
      .filter((id) => !experimental.has(id)),
  );
  const lines = new Map<number, Set<string>>();
  // Comments of the form `# key=value` at the top of the file are parser directives; dockerfile-ast
  // lists them there, not among comments, and names `# hadolint ignore=…` the directive `hadolint`:
  // read them as written.
  const directives = model.directives.map((d) => ({
    text: model.textOf(d.range).replace(/^\s*#/, '').trim(),
    range: d.range,
  }));
  const comments = [...directives, ...model.comments];
  const starts = model.instructions.map((i) => i.range.start.line);
  for (const comment of comments) {
    for (const pattern of WHOLE_FILE) {
      const m = pattern.exec(comment.text);
      if (m) for (const id of ids(m[1])) file.add(id);
    }
    for (const pattern of NEXT_INSTRUCTION) {
      const m = pattern.exec(comment.text);
      if (!m) continue;
      const next = model.instructions[lowerBound(starts, comment.range.start.line + 1)];
      if (!next) continue;
      for (let line = next.range.start.line; line <= next.range.end.line; line++) {
        const set = lines.get(line) ?? new Set<string>();
        for (const id of ids(m[1])) set.add(id);
        lines.set(line, set);
      }
    }
  }
  return { file, lines };
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `# dockwright-ignore <id>` on its own line above the instruction at `range`, indented like it. */
export function ignoreCommentEdit(model: DockerfileModel, rule: string, range: Range): TextEdit {
  const line = range.start.line;
  const instruction = model.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line);
  const at = { line: instruction?.range.start.line ?? line, character: 0 };
  return {
    range: { start: at, end: at },
    newText: `${model.indentOf(at.line)}# dockwright-ignore ${rule}${model.eol}`,
  };
}
