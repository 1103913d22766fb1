// One Dockerfile read from disk and linted with its folder as the build context.
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { ContextReads, folderContext } from '../core/context';
import type { ContextView } from '../core/rule';
import { DockerfileModel, INSTRUCTION_KEYWORDS } from '../core/dockerfile/model';
import { isDockerfileName } from '../core/dockerfile/names';
import { lintModel, type LintOptions } from '../core/lint/lint';
import type { Diagnostic, Level, Range, Severity } from '../core/types';
import { MAX_DOCKERFILE_BYTES, readRegularFile } from '../core/files';
import { fingerprint, recordingView, type ContextQuestion } from './contextQuestions';

/** Everything a thread needs to lint one file: plain data, so it can be posted to a worker. */
export interface FileJob {
  file: string;
  /** The folder being linted; `--fix` writes only inside it. */
  root: string;
  rules: Record<string, Level>;
  hadolintLevels?: Record<string, Level>;
  trustedRegistries?: string[];
  /** Report what the result depends on, for the result cache. */
  record?: boolean;
}

/**
 * A finding as the reports print it: plain data made as soon as the file is linted, so that no
 * file's model or lazy fix stays alive until the end of the run.
 */
export interface ReportedFinding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  /** What a report shows of a fix; `--fix` applies the edits while it lints, reports never show them. */
  fixes: { title: string; safe: boolean }[];
}

export function reportedFinding(d: Diagnostic): ReportedFinding {
  const { start, end } = d.range;
  return {
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    range: {
      start: { line: start.line, character: start.character },
      end: { line: end.line, character: end.character },
    },
    fixes: d.fixes.map((f) => ({ title: f.title, safe: f.safe })),
  };
}

export interface FileReport {
  file: string;
  diagnostics: ReportedFinding[];
  /** Why the file could not be linted: unreadable, binary, no instruction. */
  error?: string;
  /** What went wrong without stopping the file's findings: rules that threw, fixes not written. */
  problems: string[];
  /** Safe fixes applied by `--fix`. */
  fixed: number;
  /** With `record`: the fingerprint of the bytes linted and what the rules asked of the build context. */
  dependsOn?: { content: string; context: ContextQuestion[] };
}

export interface DockerfileText {
  text: string;
  /** A UTF-8 byte order mark, taken off for the parser and put back when the file is written. */
  bom: boolean;
  /** The bytes as read, to tell whether the file changed before a fix is written. */
  bytes: Buffer;
  /** Where the bytes stop being UTF-8, e.g. "line 3"; the text then holds U+FFFD there. */
  notUtf8?: string;
}

/** The file's text, or a one-line reason why it is not a Dockerfile we can read. */
export function readDockerfile(file: string): DockerfileText | { error: string } {
  const read = readRegularFile(file, MAX_DOCKERFILE_BYTES);
  if ('error' in read) return read;
  const bytes = read.bytes;
  // A NUL byte never appears in a text file: this is an image, an archive or an executable.
  if (bytes.subarray(0, 8192).includes(0)) return { error: 'a binary file, not a Dockerfile' };
  const text = bytes.toString('utf8');
  const notUtf8 = isUtf8(bytes) ? undefined : lineOfFirstReplacement(text);
  return text.charCodeAt(0) === 0xfeff
    ? { text: text.slice(1), bom: true, bytes, notUtf8 }
    : { text, bom: false, bytes, notUtf8 };
}

/** Where decoding put its first U+FFFD: the line of the first byte that is not UTF-8. */
function lineOfFirstReplacement(text: string): string {
  const at = Math.max(text.indexOf('\ufffd'), 0);
  return `line ${text.slice(0, at).split('\n').length}`;
}

/** The Dockerfile's folder as its build context, as read during this run (`reads`). */
export function buildContextOf(job: FileJob, reads: ContextReads): ContextView {
  return folderContext(path.dirname(job.file), job.file, reads);
}

function lintOptionsFor(job: FileJob, problems: string[], context: ContextView): LintOptions {
  return {
    rules: job.rules,
    hadolintLevels: job.hadolintLevels,
    trustedRegistries: job.trustedRegistries,
    context,
    onRuleError: (rule, error) =>
      problems.push(`rule ${rule.id} failed: ${(error as Error)?.message ?? String(error)}`.split('\n')[0]),
  };
}

/**
 * Whether a text is a Dockerfile, broken or not. The parser takes any line's first word for a
 * keyword, so prose passes for one. A file named like a Dockerfile needs one known instruction; a
 * file named otherwise (a README with a line that starts with "from") must also start as a
 * Dockerfile does, with FROM or ARG, and most of its instructions must be known ones.
 */
export function isDockerfileText(model: DockerfileModel, file: string): boolean {
  const known = model.instructions.filter((i) => INSTRUCTION_KEYWORDS.has(i.keyword)).length;
  if (isDockerfileName(file)) return known > 0;
  const first = model.instructions[0]?.keyword;
  return (first === 'FROM' || first === 'ARG') && known * 2 >= model.instructions.length;
}

/** Lints a text; undefined when it is not a Dockerfile (see isDockerfileText). */
export function lintText(
  text: string,
  job: FileJob,
  problems: string[],
  context: ContextView,
): Diagnostic[] | undefined {
  const model = new DockerfileModel(text); // each text is linted once: a cache would only keep it alive
  if (!isDockerfileText(model, job.file)) return undefined;
  return lintModel(model, lintOptionsFor(job, problems, context));
}

export const NOT_A_DOCKERFILE = 'no Dockerfile instructions in it, not a Dockerfile';

/** Lints the file; `reads` holds the build contexts as this run has read them (a worker has its own). */
export function lintFile(job: FileJob, reads = new ContextReads()): FileReport {
  const report: FileReport = { file: job.file, diagnostics: [], problems: [], fixed: 0 };
  const read = readDockerfile(job.file);
  if ('error' in read) return { ...report, error: read.error };
  const context = buildContextOf(job, reads);
  const recorder = job.record ? recordingView(context) : undefined;
  const diagnostics = lintText(read.text, job, report.problems, recorder?.view ?? context);
  if (!diagnostics) return { ...report, error: NOT_A_DOCKERFILE };
  const dependsOn = recorder && { content: fingerprint(read.bytes), context: recorder.questions() };
  return { ...report, diagnostics: diagnostics.map(reportedFinding), ...(dependsOn && { dependsOn }) };
}
