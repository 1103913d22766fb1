// `--fix` on files: the core's fix-all loop, with the Dockerfile and its context files (e.g.
// `.dockerignore`) written to disk through writeInside, so a hostile repository cannot steer a
// write outside the folder being linted. A file that cannot be written is one problem line.
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { ContextReads, normalizeContextPath } from '../core/context';
import { applyEdits } from '../core/lint/fix';
import { readRegularFile } from '../core/files';
import { fixText } from '../core/lint/fixAll';
import type { ContextFileEdit } from '../core/types';
import {
  buildContextOf,
  lintText,
  readDockerfile,
  reportedFinding,
  NOT_A_DOCKERFILE,
  type FileJob,
  type FileReport,
} from './lintFile';
import { writeInside } from './writeFile';

/** A test's way in between reading and writing the Dockerfile. */
export interface FixHooks {
  beforeWrite?(file: string): void;
}

/** Fixes and lints the file; `reads` holds the build contexts as read, cleared on each context file written. */
export function fixFile(job: FileJob, hooks: FixHooks = {}, reads = new ContextReads()): FileReport {
  const lint = (text: string, problems: string[]) => lintText(text, job, problems, buildContextOf(job, reads));
  const report: FileReport = { file: job.file, diagnostics: [], problems: [], fixed: 0 };
  const read = readDockerfile(job.file);
  if ('error' in read) return { ...report, error: read.error };
  if (read.notUtf8) {
    // Decoding replaced the bytes that are not UTF-8; writing the text back would change them.
    const diagnostics = lint(read.text, report.problems);
    if (!diagnostics) return { ...report, error: NOT_A_DOCKERFILE };
    return {
      ...report,
      diagnostics: diagnostics.map(reportedFinding),
      problems: [...report.problems, `not UTF-8 (${read.notUtf8}): not fixed, so that no byte changes`],
    };
  }
  const root = path.dirname(job.file);
  // Rule errors are reported once, from the first lint: later rounds would repeat them.
  let ruleErrors = report.problems;
  const contextProblems: string[] = [];
  const result = fixText(read.text, {
    lint: (text) => {
      const diagnostics = lint(text, ruleErrors);
      ruleErrors = [];
      return diagnostics;
    },
    applyContextEdit: (edit) => applyContextEdit(job.root, root, edit, contextProblems, reads),
  });
  if (!result) return { ...report, error: NOT_A_DOCKERFILE };
  report.problems.push(...contextProblems);
  if (result.text !== read.text) {
    hooks.beforeWrite?.(job.file);
    const problem = writeInside(job.root, job.file, Buffer.from((read.bom ? '\ufeff' : '') + result.text), read.bytes);
    if (problem) {
      // The file keeps its old text: its findings are those of that text.
      const diagnostics = (lint(read.text, []) ?? []).map(reportedFinding);
      return { ...report, diagnostics, problems: [...report.problems, problem] };
    }
  }
  return { ...report, diagnostics: result.diagnostics.map(reportedFinding), fixed: result.fixed };
}

/** Writes one context edit (e.g. a new `.dockerignore`); false when it changed nothing or could not. */
function applyContextEdit(
  lintRoot: string,
  contextRoot: string,
  edit: ContextFileEdit,
  problems: string[],
  reads: ContextReads,
): boolean {
  const rel = normalizeContextPath(edit.path);
  if (!rel) return false;
  const file = path.join(contextRoot, rel);
  const read = readRegularFile(file);
  const exists = 'bytes' in read;
  if (!exists && !/no such file/.test(read.error)) {
    problems.push(`${rel}: ${read.error}: not changed`);
    return false;
  }
  // A file to create that exists already was made by an earlier round: its finding is gone.
  if (edit.create && exists) return false;
  const before = exists ? read.bytes.toString('utf8') : '';
  if (exists && !isUtf8(read.bytes)) {
    problems.push(`${rel}: not UTF-8: not changed, so that no byte changes`);
    return false;
  }
  const crlf = /\r\n/.test(before);
  const after = applyEdits(
    before,
    crlf ? edit.edits.map((e) => ({ ...e, newText: e.newText.replace(/\r?\n/g, '\r\n') })) : edit.edits,
  );
  if (exists && after === before) return false;
  const problem = writeInside(lintRoot, file, Buffer.from(after), exists ? read.bytes : undefined);
  if (problem) {
    problems.push(`${rel}: ${problem}`);
    return false;
  }
  reads.clear();
  return true;
}
