// The rules engine on the real-world corpus (../shared/corpus, 398 files), all in one run:
//  1. whole process, every rule on, on a copy of the corpus: `node dist/cli.js lint --format json`
//     cold (--no-cache), warm (its cache filled, nothing changed) and with one file changed, each
//     against dockerfile-utils' validate() over the same files in one process, all in turn in each
//     of BENCH_RUNS (5) rounds; ratios of medians. Goals: cold ≥ 0.7x, warm ≥ 3x, one file
//     changed ≥ 1.5x. Also in each round: dockwright with every rule off and no cache (start,
//     discovery, reading, dockerfile-ast's parse and the model), the floor under any rule set;
//     and once, peak RSS on 13 copies of the corpus (5,174 files), no cache. Goal: ≤ 150 MB;
//  2. in process, warm: linting (parse + every rule) over dockerfile-ast's parse alone, the
//     library as shipped (a second copy, without Dockwright's patches), a pass of each in turn,
//     15 times; the median of the passes' ratios. Goal: the rules add at most 25%.
//  3. linearity: all corpus lines as one file against the 398 files, in process, in turn 9 times.
//     Goal: ≤ 1.2x.
//     And a file of over 100,000 lines (the corpus joined, six times over), in process (the CLI
//     refuses a Dockerfile over 256 KB), against dockerfile-utils' validate() of the same text in
//     turn, 3 rounds. Goals: ≥ 4x dockerfile-utils; time per line ≤ 1.2x the 398 files'.
//  4. editor latency: re-lints of a 300-line Dockerfile after each of 2,000 edits inside a RUN
//     (every text new, so no cache by text hits), in 5 rounds, the full lint and the editor's lint
//     session in turn: median, p99, the share of lints a garbage collection overlaps, and the
//     allocation per edit. Goals: p99 < 5 ms, ≤ 0.3 MB.
//     `npx tsx bench/lint.bench.ts editor` runs this part alone (`in-process`, parts 2 and 3); BENCH_BASELINE_CORE=<a dist/core.js
//     built from another commit> adds that bundle's full lint to each round, as the "before".
// Run alone: `npx tsx bench/lint.bench.ts` after `npm run build`: the in-process parts time dist/core.js.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import * as patchedDockerfileAst from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import type { CoreBundle } from '../src/vscode/coreBundle';
import { median, medianRatio, percentile, recordResults } from './support/results';
import { loadUnpatchedDockerfileAst } from './support/unpatchedDockerfileAst';
import { allOn as everyRuleOn, corpusRoot, readCorpus } from '../test/unit/real-world/sharedCorpus';

const root = path.resolve(__dirname, '..');
const corpus = corpusRoot;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GOALS = {
  cold: 0.7,
  warm: 3,
  oneFileChanged: 1.5,
  peakRssMb: 150,
  rulesOverParse: 0.25,
  linearity: 1.2,
  hundredThousandLines: 4,
  editorP99Ms: 5,
  editorMbPerEdit: 0.3,
};
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const allOn = everyRuleOn();
const allOff = Object.fromEntries(Object.keys(allOn).map((id) => [id, 'off' as const]));
// The rules as they ship, in the bundle the editor loads (npm run bench builds it first); src/
// through tsx would also time tsx's wrappers around every inner function.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lint, LintSession, ContextReads, folderContext } = require(path.join(root, 'dist/core.js')) as CoreBundle;

/** `dockerfile-utils time / dockwright time`: the ratio of medians with its bootstrap interval, and the per-round range. */
function against(theirs: number[], ours: number[]) {
  const { ratio, low, high } = medianRatio(theirs, ours);
  const rounds = theirs.map((t, i) => t / ours[i]);
  return { ratio, low, high, min: Math.min(...rounds), max: Math.max(...rounds), ms: median(ours) };
}

function describeRatio(name: string, r: ReturnType<typeof against>, goal: number) {
  console.log(
    `    ${name}: ${r.ms.toFixed(0)} ms, ${r.ratio.toFixed(2)}x dockerfile-utils (95% ${r.low.toFixed(2)}-${r.high.toFixed(2)}x; rounds ${r.min.toFixed(2)}-${r.max.toFixed(2)}x); goal ≥ ${goal}x: ${verdict(r.ratio >= goal)}`,
  );
}

async function wholeProcess() {
  const { execa } = await import('execa');
  // A copy of the corpus, so that one file can change between runs; never kept.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-bench-'));
  const files = path.join(folder, 'corpus');
  fs.cpSync(corpus, files, { recursive: true });
  const cache = path.join(folder, 'cache');
  const config = (name: string, rules: Record<string, string>) => {
    fs.writeFileSync(path.join(folder, name), JSON.stringify({ rules }));
    return path.join(folder, name);
  };
  // every rule on, including the ones off by default
  const everyRule = config('all-on.json', allOn);
  const noRule = config('all-off.json', allOff);
  const dockwright = async (configFile: string, cacheArgs: string[]) => {
    const t = performance.now();
    const run = await execa(
      'node',
      [path.join(root, 'dist/cli.js'), 'lint', '--format', 'json', '--config', configFile, ...cacheArgs, files],
      { reject: false, maxBuffer: 1e9 },
    );
    if (run.exitCode === 2) throw new Error(`dockwright lint failed on the corpus: ${run.stderr}`);
    return { ms: performance.now() - t, findings: JSON.parse(String(run.stdout)).length as number };
  };
  const cached = ['--cache-location', cache];
  // the file changed in each round: a middling one, a new comment each time
  const changing = readCorpus()[Math.floor(readCorpus().length / 2)].file.replace(corpus, files);
  const original = fs.readFileSync(changing, 'utf8');
  const loadBefore = os.loadavg()[0];
  await dockwright(everyRule, cached); // fills the cache
  const times = { theirs: [] as number[], cold: [] as number[], warm: [] as number[], changed: [] as number[] };
  const floor: number[] = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const cold = await dockwright(everyRule, ['--no-cache']);
    times.cold.push(cold.ms);
    findings = cold.findings;
    const t = performance.now();
    await execa('node', [path.join(__dirname, 'support/validate-with-dockerfile-utils.cjs'), files]);
    times.theirs.push(performance.now() - t);
    times.warm.push((await dockwright(everyRule, cached)).ms);
    fs.writeFileSync(changing, `${original}\n# bench round ${i}\n`);
    times.changed.push((await dockwright(everyRule, cached)).ms);
    floor.push((await dockwright(noRule, ['--no-cache'])).ms);
  }
  const peakRss = await peakRssOnCopies(folder, everyRule);
  fs.rmSync(folder, { recursive: true, force: true });
  const ratios = {
    cold: against(times.theirs, times.cold),
    warm: against(times.theirs, times.warm),
    oneFileChanged: against(times.theirs, times.changed),
  };
  const floorSpeedup = median(times.theirs) / median(floor);
  console.log(
    `  whole process, ${readCorpus().length} files, every rule on (${findings} findings), against dockerfile-utils validate (${median(times.theirs).toFixed(0)} ms); medians of ${RUNS} rounds, each round runs all in turn; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after:`,
  );
  describeRatio('cold (--no-cache)', ratios.cold, GOALS.cold);
  describeRatio('warm (cached, nothing changed)', ratios.warm, GOALS.warm);
  describeRatio('one file changed (cached)', ratios.oneFileChanged, GOALS.oneFileChanged);
  console.log(
    `    floor, every rule off, no cache (start, reading, parse, model): ${median(floor).toFixed(0)} ms, ${floorSpeedup.toFixed(2)}x`,
  );
  console.log(
    `  peak RSS linting ${peakRss.files} files (the corpus ${COPIES} times), no cache: ${(peakRss.bytes / 2 ** 20).toFixed(0)} MB; goal ≤ ${GOALS.peakRssMb} MB: ${verdict(peakRss.bytes / 2 ** 20 <= GOALS.peakRssMb)}`,
  );
  return {
    dockerfileUtilsMs: median(times.theirs),
    findings,
    rounds: RUNS,
    ...ratios,
    everyRuleOffMs: median(floor),
    everyRuleOffSpeedup: floorSpeedup,
    loadAverage: [loadBefore, os.loadavg()[0]],
    peakRssMb: peakRss.bytes / 2 ** 20,
    peakRssFiles: peakRss.files,
  };
}

/** Copies of the corpus: a large repository's worth of Dockerfiles, made for the run and removed with it. */
const COPIES = 13;

async function peakRssOnCopies(folder: string, configFile: string) {
  const { execa } = await import('execa');
  const many = path.join(folder, 'many');
  for (let i = 0; i < COPIES; i++) fs.cpSync(corpus, path.join(many, `copy${i}`), { recursive: true });
  const run = await execa(
    'node',
    [
      path.join(__dirname, 'support/peak-rss.cjs'),
      'lint',
      '--format',
      'json',
      '--no-cache',
      '--config',
      configFile,
      many,
    ],
    { reject: false, maxBuffer: 1e9 },
  );
  const bytes = Number(/peak-rss (\d+)/.exec(String(run.stderr))?.[1]);
  if (run.exitCode === 2 || !bytes) throw new Error(`dockwright lint failed on the copies: ${run.stderr}`);
  return { bytes, files: readCorpus().length * COPIES };
}

/**
 * Wall times of each measure's passes, taken in turn pass by pass, `rounds` times after a warm-up
 * pass of each: a slow spell of the machine (other programs share its two cores) then weighs on
 * neighbouring passes alike, and ratios are taken pass by pass.
 */
function interleaved<K extends string>(measures: Record<K, () => void>, rounds: number): Record<K, number[]> {
  const names = Object.keys(measures) as K[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (const name of names) measures[name]();
  for (let round = 0; round < rounds; round++)
    for (const name of names) {
      const t = performance.now();
      measures[name]();
      times[name].push(performance.now() - t);
    }
  return times;
}

/** The median of a[i] / b[i], with the range of those ratios. */
function pairedRatio(a: readonly number[], b: readonly number[]) {
  const ratios = a.map((x, i) => x / b[i]);
  return { ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

const IN_PROCESS_ROUNDS = 15;

function inProcess(texts: { file: string; text: string }[]) {
  // A new model each time, so the per-instruction shell cache never hits; the build contexts are
  // read afresh on each pass, as one CLI run reads them. The shell shapes kept by RUN text
  // (shell.ts) do hit after the warm-up pass, as they do in the editor. The baseline is a copy of
  // the library as shipped, loaded beside the patched one.
  const library = loadUnpatchedDockerfileAst(patchedDockerfileAst);
  const passes = interleaved(
    {
      parse: () => texts.forEach(({ text }) => library.DockerfileParser.parse(text)),
      // Dockwright's own parse (the patched library) and model: a lint with every rule off
      model: () => texts.forEach(({ text }) => lint(text, { rules: allOff })),
      lint: () => {
        const reads = new ContextReads();
        texts.forEach(({ file, text }) =>
          lint(text, { rules: allOn, context: folderContext(path.dirname(file), file, reads) }),
        );
      },
    },
    IN_PROCESS_ROUNDS,
  );
  const parseOnly = median(passes.parse);
  const ownParse = median(passes.model);
  const full = median(passes.lint);
  const over = pairedRatio(passes.lint, passes.parse);
  const overhead = over.ratio - 1;
  const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(0)}%`;
  console.log(
    `  in process, warm, ${IN_PROCESS_ROUNDS} passes of each in turn: dockerfile-ast parse (as shipped) ${parseOnly.toFixed(0)} ms, parse + model + every rule ${full.toFixed(0)} ms`,
  );
  console.log(
    `    the rules add ${percent(over.ratio)} (pass by pass ${percent(over.min)} to ${percent(over.max)}); goal ≤ ${GOALS.rulesOverParse * 100}%: ${verdict(overhead <= GOALS.rulesOverParse)}`,
  );
  console.log(
    `    (Dockwright's own parse and model, every rule off: ${ownParse.toFixed(0)} ms; the rules and the build contexts add ${((full / ownParse - 1) * 100).toFixed(0)}% over that)`,
  );

  const joined = texts.map(({ text }) => text.replace(/\s*$/, '\n')).join('');
  const lengths = interleaved(
    {
      one: () => lint(joined, { rules: allOn }),
      many: () => texts.forEach(({ text }) => lint(text, { rules: allOn })),
    },
    9,
  );
  const one = median(lengths.one);
  const many = median(lengths.many);
  const linear = pairedRatio(lengths.one, lengths.many);
  const linearity = linear.ratio;
  console.log(
    `  linearity: ${joined.split('\n').length} lines as one file ${one.toFixed(0)} ms, as ${texts.length} files ${many.toFixed(0)} ms, 9 passes of each in turn`,
  );
  console.log(
    `    ${linearity.toFixed(2)}x (pass by pass ${linear.min.toFixed(2)}-${linear.max.toFixed(2)}x); goal ≤ ${GOALS.linearity}x: ${verdict(linearity <= GOALS.linearity)}`,
  );
  const lines = (text: string) => text.split('\n').length;
  const hundredThousand = hundredThousandLines(joined, many / lines(joined));
  return {
    parseMs: parseOnly,
    ownParseMs: ownParse,
    lintMs: full,
    rulesOverParse: overhead,
    oneFileMs: one,
    manyFilesMs: many,
    linearity,
    hundredThousand,
  };
}

/**
 * One text of over 100,000 lines (the corpus joined, repeated), linted in turn with dockerfile-utils'
 * validate() of it; its time per line against `msPerLine`, the 398 files' time per line.
 */
function hundredThousandLines(joined: string, msPerLine: number) {
  let text = joined;
  while (text.split('\n').length < 100_000) text += joined;
  const lines = text.split('\n').length;
  const ours: number[] = [];
  const theirs: number[] = [];
  lint(text, { rules: allOn }); // warm
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    lint(text, { rules: allOn });
    ours.push(performance.now() - t);
    t = performance.now();
    validate(text);
    theirs.push(performance.now() - t);
  }
  const r = against(theirs, ours);
  const perLine = r.ms / lines / msPerLine;
  console.log(
    `  ${lines} lines as one file: ${r.ms.toFixed(0)} ms, ${r.ratio.toFixed(2)}x dockerfile-utils (${median(theirs).toFixed(0)} ms; rounds ${r.min.toFixed(2)}-${r.max.toFixed(2)}x); goal ≥ ${GOALS.hundredThousandLines}x: ${verdict(r.ratio >= GOALS.hundredThousandLines)}`,
  );
  console.log(
    `    time per line ${perLine.toFixed(2)}x the ${readCorpus().length} files'; goal ≤ ${GOALS.linearity}x: ${verdict(perLine <= GOALS.linearity)}`,
  );
  return { lines, ms: r.ms, dockerfileUtilsMs: median(theirs), ratio: r.ratio, perLineOverFiles: perLine };
}

/** A 300-line Dockerfile made of corpus files, cut at an instruction boundary. */
function threeHundredLines(texts: { text: string }[]): string {
  const lines: string[] = [];
  for (const { text } of texts.slice().sort((a, b) => b.text.length - a.text.length)) {
    for (const line of text.split('\n')) {
      if (lines.length >= 300 && !/\\\s*$/.test(lines[lines.length - 1])) return lines.join('\n') + '\n';
      lines.push(line);
    }
  }
  return lines.join('\n');
}

/** A lint from nothing but the text, as the editor asks for one after each keystroke. */
type EditorLint = (text: string) => unknown;

const EDITS = 2000;
const WARM_EDITS = 200;
const EDITOR_ROUNDS = 5;

/**
 * The texts a user makes typing inside a RUN in the middle of the file: three letters of one word
 * edited in place, a different text each time (26³ of them), so that no cache keyed by text hits.
 */
function editedTexts(base: string, count: number): { texts: string[]; line: number } {
  const middle = base.indexOf('\nRUN ', base.length / 3);
  const word = /[a-z]{4}/.exec(base.slice(middle + 5))!;
  const at = middle + 5 + word.index + 1;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const typed = letters[i % 26] + letters[Math.floor(i / 26) % 26] + letters[Math.floor(i / 676) % 26];
    texts.push(base.slice(0, at) + typed + base.slice(at + 3));
  }
  return { texts, line: base.slice(0, at).split('\n').length };
}

const heapUsed = () => v8.getHeapStatistics().used_heap_size;

/**
 * One round of edits through `lintText`. Each lint's time window is compared with the garbage
 * collections a PerformanceObserver saw: the share of lints a GC overlaps, and the allocation per
 * keystroke as the growth of the used heap across a lint that no GC overlapped (what reading the
 * heap itself allocates taken off).
 */
async function editorRound(texts: string[], lintText: EditorLint) {
  for (const text of texts.slice(0, WARM_EDITS)) lintText(text); // the JIT warms up
  const gcs: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => gcs.push({ start: e.startTime, end: e.startTime + e.duration })),
  );
  observer.observe({ entryTypes: ['gc'] });
  const probe: number[] = [];
  for (let i = 0; i < 50; i++) probe.push(-heapUsed() + heapUsed());
  const readCost = median(probe);
  const windows: { start: number; end: number; bytes: number }[] = [];
  for (const text of texts.slice(WARM_EDITS)) {
    const before = heapUsed();
    const start = performance.now();
    lintText(text);
    const end = performance.now();
    windows.push({ start, end, bytes: heapUsed() - before - readCost });
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // the observer reports after the loop
  observer.disconnect();
  const overlapsGc = (w: { start: number; end: number }) => gcs.some((g) => g.start < w.end && g.end > w.start);
  const quiet = windows.filter((w) => !overlapsGc(w));
  const ms = windows.map((w) => w.end - w.start);
  return {
    medianMs: median(ms),
    p99Ms: percentile(ms, 0.99),
    gcShare: 1 - quiet.length / windows.length,
    quietP99Ms: percentile(
      quiet.map((w) => w.end - w.start),
      0.99,
    ),
    bytesPerEdit: quiet.reduce((n, w) => n + w.bytes, 0) / quiet.length,
  };
}

type EditorRound = Awaited<ReturnType<typeof editorRound>>;

function describeEditor(name: string, rounds: EditorRound[], judged = false) {
  const stat = (pick: (r: (typeof rounds)[number]) => number, scale = 1, digits = 2) => {
    const values = rounds.map(pick).map((v) => v * scale);
    return `${median(values).toFixed(digits)} [${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}]`;
  };
  console.log(
    `    ${name}: median ${stat((r) => r.medianMs)} ms, p99 ${stat((r) => r.p99Ms)} ms (${stat((r) => r.quietP99Ms)} ms without a GC); a GC overlaps ${stat((r) => r.gcShare, 100, 1)}% of lints; ${stat((r) => r.bytesPerEdit, 2 ** -20)} MB allocated per edit`,
  );
  const p99 = median(rounds.map((r) => r.p99Ms));
  const mb = median(rounds.map((r) => r.bytesPerEdit)) / 2 ** 20;
  if (judged)
    console.log(
      `      goal p99 < ${GOALS.editorP99Ms} ms: ${verdict(p99 < GOALS.editorP99Ms)}; goal ≤ ${GOALS.editorMbPerEdit} MB per edit: ${verdict(mb <= GOALS.editorMbPerEdit)}`,
    );
  return {
    medianMs: median(rounds.map((r) => r.medianMs)),
    p99Ms: p99,
    quietP99Ms: median(rounds.map((r) => r.quietP99Ms)),
    gcShare: median(rounds.map((r) => r.gcShare)),
    mbPerEdit: mb,
    rounds: rounds.length,
  };
}

async function editorLatency(texts: { file: string; text: string }[]) {
  const base = threeHundredLines(texts);
  // the editor keeps the context's files as read until a file watcher sees a change
  const context = folderContext(path.dirname(texts[0].file), texts[0].file, new ContextReads());
  const edits = editedTexts(base, WARM_EDITS + EDITS);
  // BENCH_BASELINE_CORE: dist/core.js built from another commit, whose full lint runs as well
  const baseline = process.env.BENCH_BASELINE_CORE;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const before = baseline ? (require(path.resolve(baseline)) as CoreBundle) : undefined;
  // all in turn in each round, so that a slow spell of the machine weighs on each alike
  const rounds = { baseline: [] as EditorRound[], full: [] as EditorRound[], session: [] as EditorRound[] };
  for (let round = 0; round < EDITOR_ROUNDS; round++) {
    if (before)
      rounds.baseline.push(await editorRound(edits.texts, (text) => before.lint(text, { rules: allOn, context })));
    rounds.full.push(await editorRound(edits.texts, (text) => lint(text, { rules: allOn, context })));
    const session = new LintSession();
    rounds.session.push(await editorRound(edits.texts, (text) => session.lint(text, { rules: allOn, context })));
  }
  console.log(
    `  editor: re-lint of a ${base.split('\n').length}-line Dockerfile after each of ${EDITS} edits in a RUN (line ${edits.line}), every rule on; medians [ranges] of ${EDITOR_ROUNDS} rounds, load average ${os.loadavg()[0].toFixed(1)}:`,
  );
  return {
    baseline: before ? describeEditor(`full lint of ${baseline}`, rounds.baseline) : undefined,
    fullLint: describeEditor('full lint, each text from nothing', rounds.full),
    ...describeEditor('lint session (the editor)', rounds.session, true),
  };
}

async function main() {
  if (!fs.existsSync(corpus)) {
    console.log(`lint: skipped, the corpus is missing at ${corpus}: check out the shared folder beside the project`);
    if (process.env.CI === 'true') process.exitCode = 1;
    return;
  }
  const texts = readCorpus();
  console.log(
    `lint: ${texts.length} corpus files, ${texts.reduce((n, t) => n + t.text.split('\n').length, 0)} lines; ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)}`,
  );
  if (process.argv.includes('editor')) {
    recordResults({ goals: GOALS, editor: await editorLatency(texts) });
    return;
  }
  if (process.argv.includes('in-process')) {
    recordResults({ goals: GOALS, inProcess: inProcess(texts) });
    return;
  }
  const whole = await wholeProcess();
  const warm = inProcess(texts);
  const editor = await editorLatency(texts);
  recordResults({ goals: GOALS, wholeProcess: whole, inProcess: warm, editor });
}

main().catch((error) => {
  console.error(`lint bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
