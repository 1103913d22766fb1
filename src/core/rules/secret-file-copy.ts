import type { DockerfileModel, Instr, Stage, Word } from '../dockerfile/model';
import { runScript } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding, Fix, TextEdit } from '../types';
import { stageChain, userAt } from './support/baseImage';
import { deleteInstruction } from './support/lineEdits';
import { mayRunProgram } from '../shell/prefilter';
import { memoOn } from '../memo';

/** Files that hold credentials, by their path in the context. */
const SECRET_FILE =
  /(^|\/)(\.env|\.env\.(?!(example|sample|template|dist|defaults?)$)[^/]+|\.npmrc|\.pypirc|\.netrc|id_(rsa|dsa|ecdsa|ed25519)(?!\.pub$)[^/]*|[^/]*\.key|\.aws\/credentials|\.docker\/config\.json)$/;
/** `*.pem` holds private keys, but certificates and CA bundles are public. */
const PRIVATE_PEM = /(^|\/)(?![^/]*(cert|ca|chain|bundle|public|pub)[^/]*$)[^/]+\.pem$/i;
/** The tools that read each file, to find the RUN that needs it. */
const READERS: [RegExp, string[]][] = [
  [/\.npmrc$/, ['npm', 'yarn', 'pnpm', 'npx']],
  [/\.pypirc$/, ['pip', 'pip3', 'twine', 'poetry']],
  [/\.netrc$/, ['curl', 'wget', 'git', 'pip', 'pip3', 'go']],
  [/id_[a-z0-9]+$/, ['git', 'ssh', 'scp', 'rsync']],
  [/credentials$/, ['aws']],
  [/config\.json$/, ['docker']],
];

export const secretFileCopy: Rule = {
  id: 'secret-file-copy',
  aliases: { trivy: ['DS-0031'] },
  defaultLevel: 'error',
  title: 'COPY/ADD of a file that holds credentials',
  check({ dockerfile, target }) {
    const final = dockerfile.finalStage(target);
    const reachesFinal = new Set(final ? stageChain(dockerfile, final).map((s) => s.index) : []);
    const findings: Finding[] = [];
    for (const stage of dockerfile.stages) {
      for (const copy of stage.instructions) {
        if (
          (copy.keyword !== 'COPY' && copy.keyword !== 'ADD') ||
          copy.flags.some((f) => f.name === 'from') ||
          copy.args.length < 2
        )
          continue;
        for (const source of copy.args.slice(0, -1)) {
          const path = source.value.replace(/^\.\//, '');
          if (path.includes('$') || /^[a-z]+:\/\//i.test(path) || !(SECRET_FILE.test(path) || PRIVATE_PEM.test(path)))
            continue;
          const fix = secretMountFix(dockerfile, stage, copy, source);
          findings.push({
            range: source.range,
            message: reachesFinal.has(stage.index)
              ? `${path} holds credentials and is copied into the image, where anyone who pulls it can read it. Mount it as a build secret for the RUN that needs it.`
              : `${path} holds credentials; even in a build stage it stays in that stage's layers and cache. Mount it as a build secret for the RUN that needs it.`,
            fixes: fix ? [fix] : [],
          });
        }
      }
    }
    return findings;
  },
};

function secretMountFix(model: DockerfileModel, stage: Stage, copy: Instr, source: Word): Fix | undefined {
  const path = source.value.replace(/^\.\//, '');
  const base = path.slice(path.lastIndexOf('/') + 1);
  const run = consumer(model, stage, copy, path);
  const target = targetPath(stage, copy, base);
  if (!run || !target || /[*?[]/.test(path) || run.jsonForm) return undefined;
  const id = base.replace(/^\./, '').replace(/[^A-Za-z0-9_.-]/g, '_') || 'secret';
  const at = copy.args.indexOf(source);
  const removal: TextEdit =
    copy.args.length === 2
      ? deleteInstruction(model, copy)
      : at === 0
        ? { range: { start: source.range.start, end: copy.args[1].range.start }, newText: '' }
        : { range: { start: copy.args[at - 1].range.end, end: source.range.end }, newText: '' };
  // a secret is root's and 0400 unless told otherwise: a RUN as another user could not read it,
  // where it could read the copied file (root's, world-readable as files in a context are)
  const mode = userAt(model, run).root ? '' : ',mode=0444';
  const mount = `--mount=type=secret,id=${id},target=${target}${mode}`;
  const flagAt = run.keywordRange.end;
  return {
    title: `Mount ${path} as a build secret for the RUN that needs it`,
    safe: false,
    edits: [removal, { range: { start: flagAt, end: flagAt }, newText: ` ${mount}` }],
    note: `The build now needs --secret id=${id},src=${path}.`,
    secrets: [{ id, src: path }],
  };
}

/** What a stage's RUNs and WORKDIRs say, read once for all the secret COPYs in it. */
interface StageIndex {
  /** The stage's RUNs, in order. */
  runs: Instr[];
  /** For each file name, the RUNs whose text names it; for each list of tools, those running one. */
  naming: Map<string, Instr[]>;
  running: Map<string[], Instr[]>;
  /** The absolute WORKDIR in force at each instruction of the stage (by position), or undefined. */
  workdirs: (string | undefined)[];
}

// Kept on the stage, not in a WeakMap: the index holds the stage's instructions, and a WeakMap
// value that points back at the model keeps it through V8's scavenges (see memo.ts).
const INDEX = Symbol('dockwright.secretFileCopyIndex');
const NO_TOOLS: string[] = [];

function indexOf(stage: Stage): StageIndex {
  return memoOn(stage, INDEX, () => {
    const workdirs: (string | undefined)[] = [];
    let dir: string | undefined;
    for (const i of stage.instructions) {
      workdirs.push(dir);
      if (i.keyword === 'WORKDIR') dir = i.args[0]?.value.startsWith('/') ? i.args[0].value : undefined;
    }
    return {
      runs: stage.instructions.filter((i) => i.keyword === 'RUN'),
      naming: new Map<string, Instr[]>(),
      running: new Map<string[], Instr[]>(),
      workdirs,
    };
  });
}

/** The first of the RUNs (in order) after the instruction, by binary search. */
function firstAfter(runs: Instr[], instr: Instr): Instr | undefined {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid].index <= instr.index) lo = mid + 1;
    else hi = mid;
  }
  return runs[lo];
}

/** The RUN that reads the file: the first later RUN naming it or running a tool that reads it, else the next RUN. */
function consumer(model: DockerfileModel, stage: Stage, copy: Instr, path: string): Instr | undefined {
  const index = indexOf(stage);
  const base = path.slice(path.lastIndexOf('/') + 1);
  const tools = READERS.find(([file]) => file.test(path))?.[1] ?? NO_TOOLS;
  let naming = index.naming.get(base);
  if (!naming) index.naming.set(base, (naming = index.runs.filter((r) => r.argsText.includes(base))));
  let running = index.running.get(tools);
  if (!running)
    index.running.set(
      tools,
      (running = index.runs.filter(
        (run) =>
          mayRunProgram(run, tools) &&
          (runScript(model, run)?.commands ?? []).some((c) =>
            tools.includes(c.name.slice(c.name.lastIndexOf('/') + 1)),
          ),
      )),
    );
  return firstAfter(naming, copy) ?? firstAfter(running, copy) ?? firstAfter(index.runs, copy);
}

/** Where the COPY put the file, as an absolute path (a secret mount's target). */
function targetPath(stage: Stage, copy: Instr, base: string): string | undefined {
  const dest = copy.args[copy.args.length - 1].value;
  if (dest.includes('$')) return undefined;
  const intoDir = dest.endsWith('/') || dest === '.' || copy.args.length > 2;
  const file = intoDir ? `${dest.replace(/\/$/, '')}/${base}` : dest;
  if (file.startsWith('/')) return file.replace(/\/\.\//g, '/');
  const dir = indexOf(stage).workdirs[copy.index - stage.from.index];
  if (!dir || dir.includes('$')) return undefined;
  return `${dir.replace(/\/$/, '')}/${file.replace(/^\.\//, '')}`.replace(/\/\.\//g, '/');
}
