// Fixes are written against the shell words runScript() reads. In an exec-form RUN those words sit
// in JSON strings: an edit inside the `-c` script of `["sh", "-c", "…"]` keeps its meaning once
// its text is escaped for JSON, while any other edit inside the array (into a program's arguments,
// around the script, after the `]`) breaks the JSON or changes the arguments. Such a fix is not
// offered. An edit that takes the whole instruction (to move it) is left as it is.
import type { DockerfileModel } from '../dockerfile/model';
import { execForm } from '../shell/execForm';
import type { Finding, Fix, Range, TextEdit } from '../types';
import { plainFix } from './lazyFix';

interface ExecRun {
  /** The instruction's text, and the array's, as document offsets. */
  whole: [number, number];
  array: [number, number];
  /** The `-c` script's text between its quotes. */
  script?: [number, number];
}

/** The exec-form RUNs of a file, as fixes must respect them; empty for most files. */
export function execRuns(model: DockerfileModel): ExecRun[] {
  const runs: ExecRun[] = [];
  for (const instr of model.instructions) {
    const exec = execForm(model, instr);
    if (!exec) continue;
    const span = (r: Range): [number, number] => [model.offsetAt(r.start), model.offsetAt(r.end)];
    runs.push({
      whole: span(instr.range),
      array: span({ start: instr.argsStart, end: instr.range.end }),
      script: exec.script === undefined ? undefined : span(exec.argv[exec.script].range),
    });
  }
  return runs;
}

/** The finding with the fixes that stay valid around exec-form RUNs, script edits escaped for JSON. */
export function keepExecFormValid(model: DockerfileModel, runs: readonly ExecRun[], finding: Finding): Finding {
  if (!finding.fixes?.length) return finding;
  const fixes = finding.fixes.map((fix) => validFix(model, runs, fix)).filter((f): f is Fix => !!f);
  return { ...finding, fixes };
}

function validFix(model: DockerfileModel, runs: readonly ExecRun[], fix: Fix): Fix | undefined {
  let changed = false;
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    const start = model.offsetAt(edit.range.start);
    const end = model.offsetAt(edit.range.end);
    const run = runs.find((r) => end >= r.array[0] && start <= r.array[1]);
    if (!run || (start <= run.whole[0] && end >= run.whole[1])) edits.push(edit);
    else if (run.script && start >= run.script[0] && end <= run.script[1]) {
      edits.push({ range: edit.range, newText: JSON.stringify(edit.newText).slice(1, -1) });
      changed = true;
    } else return undefined;
  }
  return changed ? { ...plainFix(fix), edits } : fix;
}
