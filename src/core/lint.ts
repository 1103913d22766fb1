// Runs the rules over one Dockerfile: levels from configuration, ignore comments, ordering.
import { DockerfileModel } from './dockerfile/model';
import { resolveRuleId } from './config';
import type { ContextView, Rule, RuleContext } from './rule';
import { allRules } from './rules';
import type { Diagnostic, Level, Severity } from './types';

export interface LintOptions {
  /** Levels by rule id; they win over `hadolintLevels` and the defaults. */
  rules?: Record<string, Level>;
  /** Levels mapped from `.hadolint.yaml`. */
  hadolintLevels?: Record<string, Level>;
  trustedRegistries?: string[];
  context?: ContextView;
  target?: string;
  /** Called when a rule throws; the other rules still run. Without it the error is thrown. */
  onRuleError?: (rule: Rule, error: unknown) => void;
}

/** The level a rule runs at under these options, or 'off'. */
export function effectiveLevel(rule: Rule, options: LintOptions): Level {
  const level = options.rules?.[rule.id] ?? options.hadolintLevels?.[rule.id] ?? rule.severity;
  return level;
}

/**
 * Lints a text with a model of its own. It does not go through parseDockerfile()'s cache: a kept
 * model outlives the next keystroke's lint, so V8 copies it in its young-generation collections
 * and then promotes it, and those collections set the editor's slowest re-lints.
 */
export function lint(text: string, options: LintOptions = {}): Diagnostic[] {
  return lintModel(new DockerfileModel(text), options);
}

export function lintModel(dockerfile: DockerfileModel, options: LintOptions = {}): Diagnostic[] {
  const ignores = readIgnoreComments(dockerfile);
  const ctx: RuleContext = { dockerfile, context: options.context, target: options.target, trustedRegistries: options.trustedRegistries };
  const out: Diagnostic[] = [];
  for (const rule of allRules) {
    const level = effectiveLevel(rule, options);
    if (level === 'off' || ignores.file.has(rule.id)) continue;
    let findings;
    try {
      findings = rule.check(ctx);
    } catch (error) {
      if (!options.onRuleError) throw error;
      options.onRuleError(rule, error);
      continue;
    }
    for (const f of findings) {
      if (ignores.lines.get(f.range.start.line)?.has(rule.id)) continue;
      out.push({ ...f, rule: rule.id, severity: level as Severity, fixes: f.fixes ?? [] });
    }
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule));
}

interface Ignores {
  file: Set<string>;
  /** Rule ids ignored on each line of the instruction that follows an ignore comment. */
  lines: Map<number, Set<string>>;
}

const NEXT_INSTRUCTION = [/^dockwright-ignore\s+(.+)$/i, /^hadolint\s+ignore\s*=\s*(.+)$/i, /^trivy:ignore:(.+)$/i];
const WHOLE_FILE = [/^dockwright-ignore-file\s+(.+)$/i, /^hadolint\s+global\s+ignore\s*=\s*(.+)$/i, /^check\s*=\s*skip\s*=\s*(.+)$/i];

function ids(list: string): string[] {
  return list
    .split(/[,\s]+/)
    .map((code) => (code.toLowerCase() === 'all' ? '*' : resolveRuleId(code)))
    .filter((id): id is string => !!id);
}

function readIgnoreComments(model: DockerfileModel): Ignores {
  const file = new Set<string>();
  const lines = new Map<number, Set<string>>();
  // `# check=skip=…` is a parser directive; dockerfile-ast lists it there, not among comments.
  const comments = [...model.directives.map((d) => ({ text: `${d.name}=${d.value}`, range: d.range })), ...model.comments];
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
  if (file.has('*')) for (const rule of allRules) file.add(rule.id);
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
