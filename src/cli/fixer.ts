// `--fix` on files: the core's fix-all loop, with context files (e.g. `.dockerignore`) written to disk.
import fs from 'node:fs';
import path from 'node:path';
import { normalizeContextPath } from '../core/context';
import { applyEdits } from '../core/fix';
import { fixText } from '../core/fixAll';
import type { ContextFileEdit } from '../core/types';
import { contextReads, lintText, readDockerfile, NOT_A_DOCKERFILE, type FileJob, type FileReport } from './lintFile';

export function fixFile(job: FileJob): FileReport {
  const report: FileReport = { file: job.file, diagnostics: [], ruleErrors: [], fixed: 0 };
  const read = readDockerfile(job.file);
  if ('error' in read) return { ...report, error: read.error };
  const root = path.dirname(job.file);
  // Rule errors are reported once, from the first lint: later rounds would repeat them.
  let ruleErrors = report.ruleErrors;
  const result = fixText(read.text, {
    lint: (text) => {
      const diagnostics = lintText(text, job, ruleErrors);
      ruleErrors = [];
      return diagnostics;
    },
    applyContextEdit: (edit) => applyContextEdit(root, edit),
  });
  if (!result) return { ...report, error: NOT_A_DOCKERFILE };
  if (result.text !== read.text) fs.writeFileSync(job.file, (read.bom ? '\ufeff' : '') + result.text);
  return { ...report, diagnostics: result.diagnostics, fixed: result.fixed };
}

/** Writes one context edit (e.g. a new `.dockerignore`); false when it changed nothing. */
function applyContextEdit(root: string, edit: ContextFileEdit): boolean {
  const rel = normalizeContextPath(edit.path);
  if (!rel) return false;
  const file = path.join(root, rel);
  const exists = fs.existsSync(file);
  // A file to create that exists already was made by an earlier round: its finding is gone.
  if (edit.create && exists) return false;
  const before = exists ? fs.readFileSync(file, 'utf8') : '';
  const after = applyEdits(before, edit.edits);
  if (exists && after === before) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, after);
  contextReads.clear();
  return true;
}
