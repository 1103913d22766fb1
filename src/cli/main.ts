// The lint command from arguments to exit code: discover, configure, lint or fix, report. What
// needs the rules (linting, reading config files, SARIF, the image commands) is in the engine,
// loaded on first use: a run served from the cache needs only this side (loadEngine.ts).
import { ContextReads } from '../core/context';
import { printable } from '../core/printable';
import type { Severity } from '../core/types';
import { discoverDockerfiles } from './discovery';
import { formatJson } from './formats/json';
import { displayPath } from './formats/paths';
import { formatText, useColour } from './formats/text';
import { EXIT } from './exitCodes';
import { loadEngine } from './loadEngine';
import type { FileJob } from './lintFile';
import { HELP, UsageError, parseCommandLine, type FailLevel } from './options';
import { cacheFileFor, lintThroughCache, ResultCache, type CachedJob } from './resultCache';
import { RunSettings, type SettingsReading } from './runSettings';

export interface CliEnvironment {
  cwd: string;
  version: string;
  /** What tells this build from another of the same version (the bundle's size and time); the cache keys on it. */
  build?: string;
  workerScript?: string;
  stdout?: { write(s: string): unknown; isTTY?: boolean };
  stderr?: { write(s: string): unknown };
  env?: NodeJS.ProcessEnv;
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

function reachesFailLevel(severity: Severity, failLevel: FailLevel): boolean {
  return failLevel !== 'none' && RANK[severity] >= RANK[failLevel];
}

export async function runCli(argv: string[], environment: CliEnvironment): Promise<number> {
  const { cwd, version } = environment;
  const stdout = environment.stdout ?? process.stdout;
  const stderr = environment.stderr ?? process.stderr;
  // a problem names a file, or quotes one: its controls are shown, not acted on
  const complain = (message: string) => stderr.write(`dockwright: ${printable(message)}\n`);
  if (argv[0] === 'image' && argv[1] === 'verify') return loadEngine().runImageVerify(argv.slice(2), environment);
  if (argv[0] === 'image') return loadEngine().runImageCommand(argv.slice(1), environment);
  const usage = (message: string) => {
    complain(message);
    stderr.write('Run `dockwright --help` for the options.\n');
    return EXIT.trouble;
  };
  let options;
  try {
    options = parseCommandLine(argv);
    if (options.command === 'help') return (stdout.write(HELP + '\n'), EXIT.clean);
    if (options.command === 'version') return (stdout.write(version + '\n'), EXIT.clean);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usage(error.message);
  }
  const env = environment.env ?? process.env;
  // --fix needs each file's live model for its edits: it lints afresh, and keeps nothing.
  const cacheFile = options.fix ? undefined : cacheFileFor(options.cache, cwd, env);
  const cache = cacheFile ? ResultCache.open(cacheFile, complain) : undefined;
  const reads = new ContextReads(); // a run sees the build contexts as they are now, and reads each once
  const settings = new RunSettings(cwd, environment.build ?? version, reads, cache?.readings ?? new Map(), loadEngine);
  const run = settings.forRun(options.ruleSpecs, options.configFile);
  if ('usageError' in run) return usage(run.usageError);
  const failLevel = options.failLevel ?? run.failLevel ?? 'warning';
  const discovery = discoverDockerfiles(options.paths, cwd, reads);
  const jobs: CachedJob[] = discovery.files.map(({ file, root }) => {
    const h: SettingsReading | undefined = settings.forDockerfile(file);
    return {
      job: { file, root, rules: run.levels, hadolintLevels: h?.levels, trustedRegistries: h?.trustedRegistries },
      settings: settings.fingerprint(run, h),
    };
  });
  const lint = (some: FileJob[]) => loadEngine().lintAll(some, options.jobs, environment.workerScript, reads);
  // Fixes stay on one thread: two Dockerfiles of one folder may both create its .dockerignore.
  const reports = options.fix
    ? jobs.map(({ job }) => loadEngine().fixFile(job, {}, reads))
    : cache
      ? await lintThroughCache(jobs, cache, reads, lint)
      : await lint(jobs.map(({ job }) => job));
  const problems = [
    ...discovery.errors,
    ...settings.errors,
    ...reports.flatMap((r) =>
      [...(r.error ? [r.error] : []), ...r.problems].map((e) => `${displayPath(r.file, cwd)}: ${e}`),
    ),
  ];
  for (const p of problems) complain(p);
  if (!discovery.files.length && !discovery.errors.length)
    complain(`no Dockerfile found in ${options.paths.join(', ') || 'the current folder'}`);
  const linted = reports.filter((r) => !r.error);
  if (options.format === 'json') for (const chunk of formatJson(linted, cwd)) stdout.write(chunk);
  else if (options.format === 'sarif') stdout.write(loadEngine().formatSarif(linted, cwd, version, problems));
  else stdout.write(formatText(linted, cwd, useColour(stdout, env)));
  const unsaved = cache?.save(new Set(jobs.map(({ job }) => job.file)));
  if (unsaved) complain(unsaved);
  if (problems.length) return EXIT.trouble;
  return linted.some((r) => r.diagnostics.some((d) => reachesFailLevel(d.severity, failLevel)))
    ? EXIT.findings
    : EXIT.clean;
}
