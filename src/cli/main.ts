// The lint command from arguments to exit code: discover, configure, lint or fix, report.
import { printable } from '../core/printable';
import type { Severity } from '../core/types';
import { discoverDockerfiles } from './discovery';
import { fixFile } from './fixer';
import { formatJson } from './formats/json';
import { displayPath } from './formats/paths';
import { formatSarif } from './formats/sarif';
import { formatText, useColour } from './formats/text';
import { EXIT } from './exitCodes';
import { runImageCommand } from './imageLayers';
import { runImageVerify } from './imageVerify';
import { contextReads, type FileJob } from './lintFile';
import { HELP, UsageError, parseCommandLine, type FailLevel } from './options';
import { lintAll } from './pool';
import { cacheFileFor, lintThroughCache, ResultCache } from './resultCache';
import { HadolintConfigs, loadConfigFile } from './settings';

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
  if (argv[0] === 'image' && argv[1] === 'verify') return runImageVerify(argv.slice(2), environment);
  if (argv[0] === 'image') return runImageCommand(argv.slice(1), environment);
  let options, config;
  try {
    options = parseCommandLine(argv);
    if (options.command === 'help') return (stdout.write(HELP + '\n'), EXIT.clean);
    if (options.command === 'version') return (stdout.write(version + '\n'), EXIT.clean);
    config = options.configFile ? loadConfigFile(options.configFile) : { rules: {}, failLevel: undefined };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    complain(error.message);
    stderr.write('Run `dockwright --help` for the options.\n');
    return EXIT.trouble;
  }
  contextReads.clear(); // a run sees the build contexts as they are now, in a test's second run too
  const failLevel = options.failLevel ?? config.failLevel ?? 'warning';
  const rules = { ...config.rules, ...options.rules };
  const discovery = discoverDockerfiles(options.paths, cwd);
  const hadolint = new HadolintConfigs(cwd);
  const jobs: FileJob[] = discovery.files.map(({ file, root }) => {
    const h = hadolint.forDockerfile(file);
    return { file, root, rules, hadolintLevels: h?.levels, trustedRegistries: h?.trustedRegistries };
  });
  const env = environment.env ?? process.env;
  // --fix needs each file's live model for its edits: it lints afresh, and keeps nothing.
  const cacheFile = options.fix ? undefined : cacheFileFor(options.cache, cwd, env);
  const cache = cacheFile ? ResultCache.open(cacheFile, complain) : undefined;
  const lint = (some: FileJob[]) => lintAll(some, options.jobs, environment.workerScript);
  // Fixes stay on one thread: two Dockerfiles of one folder may both create its .dockerignore.
  const reports = options.fix
    ? jobs.map((job) => fixFile(job))
    : cache
      ? await lintThroughCache(jobs, cache, environment.build ?? version, lint)
      : await lint(jobs);
  const problems = [
    ...discovery.errors,
    ...hadolint.errors,
    ...reports.flatMap((r) =>
      [...(r.error ? [r.error] : []), ...r.problems].map((e) => `${displayPath(r.file, cwd)}: ${e}`),
    ),
  ];
  for (const p of problems) complain(p);
  if (!discovery.files.length && !discovery.errors.length)
    complain(`no Dockerfile found in ${options.paths.join(', ') || 'the current folder'}`);
  const linted = reports.filter((r) => !r.error);
  if (options.format === 'json') stdout.write(formatJson(linted, cwd));
  else if (options.format === 'sarif') stdout.write(formatSarif(linted, cwd, version, problems));
  else stdout.write(formatText(linted, cwd, useColour(stdout, env)));
  const unsaved = cache?.save(new Set(jobs.map((job) => job.file)));
  if (unsaved) complain(unsaved);
  if (problems.length) return EXIT.trouble;
  return linted.some((r) => r.diagnostics.some((d) => reachesFailLevel(d.severity, failLevel)))
    ? EXIT.findings
    : EXIT.clean;
}
