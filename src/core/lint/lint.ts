// Runs the rules over one Dockerfile: levels from configuration, ignore comments, ordering.
import { DockerfileModel } from '../dockerfile/model';
import { execRuns, keepExecFormValid } from './execFormFixes';
import { readIgnoreComments } from './ignoreComments';
import { TRIGGER_RULES, triggerFindings, triggerView } from './triggers';
import type { ContextView, Rule, RuleContext } from '../rule';
import { allRules } from '../rules';
import type { Diagnostic, Finding, Level, Severity } from '../types';

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
function effectiveLevel(rule: Rule, options: LintOptions): Level {
  const level = options.rules?.[rule.id] ?? options.hadolintLevels?.[rule.id] ?? rule.defaultLevel;
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
  const ctx: RuleContext = {
    dockerfile,
    context: options.context,
    target: options.target,
    trustedRegistries: options.trustedRegistries,
  };
  const out: Diagnostic[] = [];
  const exec = execRuns(dockerfile);
  const onbuild = triggerView(dockerfile);
  for (const rule of allRules) {
    const level = effectiveLevel(rule, options);
    if (level === 'off' || ignores.file.has(rule.id)) continue;
    let findings;
    try {
      findings = rule.check(ctx);
      if (exec.length) findings = findings.map((f) => keepExecFormValid(dockerfile, exec, f));
      if (onbuild && TRIGGER_RULES.has(rule.id)) findings.push(...triggerFindings(onbuild, rule, ctx));
    } catch (error) {
      if (!options.onRuleError) throw error;
      options.onRuleError(rule, error);
      continue;
    }
    for (const f of findings) {
      if (ignores.lines.get(f.range.start.line)?.has(rule.id)) continue;
      out.push(diagnostic(f, rule.id, level as Severity));
    }
  }
  return out.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.rule.localeCompare(b.rule),
  );
}

/**
 * The finding as a diagnostic, written out field by field: a spread of findings made in dozens of
 * places, each of its own shape, took V8's slow generic copy (a twentieth of a corpus lint).
 */
function diagnostic(f: Finding, rule: string, severity: Severity): Diagnostic {
  const d: Diagnostic = { range: f.range, message: f.message, fixes: f.fixes ?? [], rule, severity };
  if (f.related !== undefined) d.related = f.related;
  return d;
}
