// The command line's arguments, read into plain options; every mistake becomes one clear sentence.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Severity } from '../core/types';
import type { CacheChoice } from './resultCache';

export type Format = 'text' | 'json' | 'sarif';
export type FailLevel = Severity | 'none';

export interface CliOptions {
  command: 'lint' | 'help' | 'version';
  paths: string[];
  format: Format;
  fix: boolean;
  /**
   * Each `--rule <id>=<level>` as given; they win over the config file and `.hadolint.yaml`. Read
   * with the rules (settings.ts), which a run served wholly from the cache never loads.
   */
  ruleSpecs: string[];
  configFile?: string;
  /** Unset when not given, so that the config file's `failLevel` can apply. */
  failLevel?: FailLevel;
  /** Worker threads; undefined picks by the input's size. */
  jobs?: number;
  cache: CacheChoice;
}

export class UsageError extends Error {}

const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];
export const FAIL_LEVELS: readonly FailLevel[] = ['error', 'warning', 'info', 'none'];

export const HELP = `Usage: dockwright lint [options] [paths...]

Checks Dockerfiles against the container build guide. A folder is searched for
Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile and Containerfile (not in
node_modules or .git). With no path, the current folder is searched.

Options:
  --format <text|json|sarif>   output format (default: text)
  --fix                        apply every safe fix in place, then report what remains
  --rule <id>=<level>          set a rule's level: off, info, warning or error
                               (hadolint, BuildKit and Trivy ids work too; repeatable)
  --config <file>              JSON or YAML: { "rules": { "<id>": "<level>" }, "failLevel": "<level>" }
  --fail-level <level>         exit 1 on findings at or above: error, warning (default), info, none
  --jobs <n>                   worker threads (default: by the size of the input)
  --no-cache                   lint every file afresh, and keep no results
  --cache                      keep results in CI too (with CI set, the cache is off by default)
  --cache-location <folder>    where to keep results (default: node_modules/.cache/dockwright
                               when the current folder has node_modules, else ~/.cache/dockwright)
  -h, --help                   show this help
  -v, --version                show the version

\`dockwright image layers <image>\` shows an image's size per Dockerfile line and its
wasted bytes: \`dockwright image layers --help\`. \`dockwright image verify <image> --key
cosign.pub\` checks its cosign signature: \`dockwright image verify --help\`.

A .hadolint.yaml in the Dockerfile's folder or above (or in the current folder) is honoured.
Results are reused while a file, its settings and the build context files its rules read are
unchanged; --fix always lints afresh and keeps no results.
Exit codes: 0 nothing at or above the fail level, 1 findings at or above it,
2 a usage error, an unreadable file or a file that is not a Dockerfile.`;

/** node's parseArgs, strict and with positionals, its complaint a UsageError of one line. */
export function parseCliArgs<const T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: T }>> {
  try {
    return parseArgs({ args: argv, allowPositionals: true as const, strict: true as const, options });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

export function parseCommandLine(argv: string[]): CliOptions {
  const parsed = parseCliArgs(argv, {
    format: { type: 'string' },
    fix: { type: 'boolean' },
    rule: { type: 'string', multiple: true },
    config: { type: 'string' },
    'fail-level': { type: 'string' },
    jobs: { type: 'string' },
    cache: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    'cache-location': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  });
  const { values, positionals } = parsed;
  const base = { paths: [], format: 'text' as Format, fix: false, ruleSpecs: [], cache: {} };
  if (values.help) return { ...base, command: 'help' };
  if (values.version) return { ...base, command: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('no command given: try `dockwright lint`');
  if (command === 'help') return { ...base, command: 'help' };
  if (command !== 'lint')
    throw new UsageError(
      `unknown command '${command}': the commands are \`lint\`, \`image layers\` and \`image verify\``,
    );
  return {
    command: 'lint',
    paths,
    format: oneOf(values.format ?? 'text', FORMATS, '--format'),
    fix: values.fix ?? false,
    ruleSpecs: values.rule ?? [],
    configFile: values.config,
    failLevel:
      values['fail-level'] === undefined ? undefined : oneOf(values['fail-level'], FAIL_LEVELS, '--fail-level'),
    jobs: values.jobs === undefined ? undefined : positiveInteger(values.jobs, '--jobs'),
    cache: cacheChoice(values.cache, values['no-cache'], values['cache-location']),
  };
}

function cacheChoice(cache?: boolean, noCache?: boolean, cacheLocation?: string): CacheChoice {
  if (noCache && (cache || cacheLocation !== undefined))
    throw new UsageError(`--no-cache contradicts ${cache ? '--cache' : '--cache-location'}`);
  if (cacheLocation === '') throw new UsageError('--cache-location needs a folder');
  return { cache, noCache, cacheLocation };
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) throw new UsageError(`${what} '${value}' is not one of ${allowed.join(', ')}`);
  return value as T;
}

function positiveInteger(value: string, what: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${what} '${value}' is not a positive whole number`);
  return Number(value);
}
