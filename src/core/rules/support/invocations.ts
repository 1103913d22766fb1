// Package-manager invocations in a parsed RUN, for the rules that judge them. Option words that
// take a value (`apt-get -o X=Y install`, `pip -r req.txt`) are skipped as pairs, so that the
// subcommand and the package names are found where a shell would see them.
import type { DockerfileModel, Instr } from '../../dockerfile/model';
import { runMentions } from '../../shell/prefilter';
import { commandProgram } from '../../shell/programs';
import { runScript, type ShellScript, type ShellWord, type SimpleCommand } from '../../shell/script';
import { memoOn } from '../../memo';

export interface OptionWord {
  /** `-o`, `--no-cache`, `-y`; for `--opt=value` the part before `=`. */
  name: string;
  /** The value of `--opt=value`, `-oValue` or of the following word for options that take one. */
  value?: string;
  word: ShellWord;
  /** The value's own word when it follows the option. */
  valueWord?: ShellWord;
}

export interface Invocation {
  command: SimpleCommand;
  /** Canonical program name: `apt-get`, `pip` (also for pip3 and `python -m pip`), … */
  program: string;
  /** The word that names the program (for `python -m pip`, the `pip` word). */
  programWord: ShellWord;
  /** The subcommand word, e.g. `install`. */
  subcommand: ShellWord;
  /** Literal option words (those starting with `-`) anywhere after the program name. */
  options: string[];
  /** The same options with their values. */
  optionWords: OptionWord[];
  /** Words after the subcommand that are neither options nor option values: package names, paths. */
  operands: ShellWord[];
}

/** Options that take the next word as their value, per program. */
const VALUE_OPTIONS: Record<string, readonly string[]> = {
  'apt-get': [
    '-o',
    '--option',
    '-t',
    '--target-release',
    '--default-release',
    '-c',
    '--config-file',
    '-a',
    '--host-architecture',
  ],
  apk: [
    '-X',
    '--repository',
    '-p',
    '--root',
    '--arch',
    '--cache-dir',
    '--keys-dir',
    '--repositories-file',
    '-t',
    '--virtual',
    '--cache-max-age',
  ],
  pip: [
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '-t',
    '--target',
    '--prefix',
    '--root',
    '--src',
    '--cache-dir',
    '--trusted-host',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--upgrade-strategy',
    '--timeout',
    '--retries',
    '--proxy',
    '--log',
    '--cert',
    '--client-cert',
    '--exists-action',
    '--only-binary',
    '--no-binary',
    '--global-option',
    '--config-settings',
    '-C',
    '--progress-bar',
    '--python',
    '--report',
    '--root-user-action',
  ],
  yum: [
    '-c',
    '--config',
    '--installroot',
    '--releasever',
    '--enablerepo',
    '--disablerepo',
    '-x',
    '--exclude',
    '--repo',
    '--repoid',
    '--setopt',
    '-d',
    '--debuglevel',
    '-e',
    '--errorlevel',
    '--forcearch',
    '--downloaddir',
    '--destdir',
    '--repofrompath',
  ],
  npm: ['--prefix', '-w', '--workspace', '--cache', '--registry', '--omit', '--include', '--loglevel', '--userconfig'],
  yarn: ['--cwd', '--cache-folder', '--modules-folder', '--network-timeout', '--mutex', '--registry'],
  pnpm: ['-C', '--dir', '--filter', '-F', '--store-dir', '--reporter'],
  go: [
    '-C',
    '-o',
    '-p',
    '-tags',
    '-ldflags',
    '-gcflags',
    '-mod',
    '-modfile',
    '-pkgdir',
    '-overlay',
    '-asmflags',
    '-buildmode',
    '-compiler',
    '-installsuffix',
    '-toolexec',
    '-pgo',
  ],
  dotnet: [
    '-c',
    '--configuration',
    '-o',
    '--output',
    '-r',
    '--runtime',
    '-s',
    '--source',
    '-f',
    '--framework',
    '-a',
    '--arch',
    '--os',
    '-v',
    '--verbosity',
    '--packages',
    '--configfile',
    '-p',
    '--property',
  ],
  mvn: [
    '-f',
    '--file',
    '-s',
    '--settings',
    '-gs',
    '--global-settings',
    '-P',
    '--activate-profiles',
    '-pl',
    '--projects',
    '-rf',
    '--resume-from',
    '-T',
    '--threads',
    '-l',
    '--log-file',
  ],
  gradle: [
    '-p',
    '--project-dir',
    '-b',
    '--build-file',
    '-c',
    '--settings-file',
    '-g',
    '--gradle-user-home',
    '-x',
    '--exclude-task',
    '-I',
    '--init-script',
  ],
  cargo: [
    '--manifest-path',
    '--target',
    '--target-dir',
    '-p',
    '--package',
    '-j',
    '--jobs',
    '--features',
    '-F',
    '--profile',
    '--config',
    '-Z',
  ],
  composer: ['-d', '--working-dir'],
  bundle: ['--gemfile', '--path', '--jobs', '-j', '--retry', '--without', '--with', '--binstubs'],
  poetry: ['-C', '--directory', '--with', '--without', '--only', '-E', '--extras', '-P', '--project'],
};
VALUE_OPTIONS.apt = VALUE_OPTIONS['apt-get'];
VALUE_OPTIONS.aptitude = VALUE_OPTIONS['apt-get'];
VALUE_OPTIONS.dnf = VALUE_OPTIONS.yum;
VALUE_OPTIONS.microdnf = VALUE_OPTIONS.yum;
VALUE_OPTIONS.gradlew = VALUE_OPTIONS.gradle;
VALUE_OPTIONS.mvnw = VALUE_OPTIONS.mvn;

/** Splits the words after the program into options (with values), positional words, in order. */
function readArgs(words: ShellWord[], program: string): { optionWords: OptionWord[]; positionals: ShellWord[] } {
  const valued = VALUE_OPTIONS[program] ?? [];
  const optionWords: OptionWord[] = [];
  const positionals: ShellWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const v = word.value;
    if (v === undefined || !v.startsWith('-') || v === '-') {
      positionals.push(word);
      continue;
    }
    const eq = v.indexOf('=');
    if (v.startsWith('--') && eq > 0) {
      optionWords.push({ name: v.slice(0, eq), value: v.slice(eq + 1), word });
    } else if (valued.includes(v) && i + 1 < words.length) {
      optionWords.push({ name: v, value: words[i + 1].value, word, valueWord: words[i + 1] });
      i++;
    } else if (!v.startsWith('--') && v.length > 2 && valued.includes(v.slice(0, 2)) && program !== 'go') {
      // -oAPT::Install-Recommends=false
      optionWords.push({ name: v.slice(0, 2), value: v.slice(2), word });
    } else optionWords.push({ name: v, word });
  }
  return { optionWords, positionals };
}

/** Invocations of `program <subcommand>`, e.g. `apt-get install`. Programs are canonical names. */
export function invocations(
  script: ShellScript,
  programs: readonly string[],
  subcommands: readonly string[],
): Invocation[] {
  const out: Invocation[] = [];
  for (const command of script.commands) {
    const invocation = invocationOf(command);
    if (invocation && programs.includes(invocation.program) && subcommands.includes(invocation.subcommand.value!))
      out.push(invocation);
  }
  return out;
}

// Many rules read the same commands of one lint: each command is read once.
const INVOCATION = Symbol('dockwright.invocation');

/** The command read as `program [options] subcommand [options] [operands]`, or undefined. */
export function invocationOf(command: SimpleCommand): Invocation | undefined {
  return memoOn(command, INVOCATION, () => readInvocation(command) ?? null) ?? undefined;
}

function readInvocation(command: SimpleCommand): Invocation | undefined {
  const found = commandProgram(command);
  if (!found) return undefined;
  const rest = command.words.slice(found.wordIndex + 1);
  const { optionWords, positionals } = readArgs(rest, found.program);
  const subcommand = positionals[0];
  if (subcommand?.value === undefined) return undefined;
  return {
    command,
    program: found.program,
    programWord: command.words[found.wordIndex],
    subcommand,
    options: optionWords.map((o) => o.word.value!),
    optionWords,
    operands: positionals.slice(1),
  };
}

/** Whether an option is given, by any of its names (`--no-cache`), also inside `-o Name=value` style values. */
export function hasOption(invocation: Invocation, names: readonly string[]): boolean {
  return invocation.optionWords.some((o) => names.includes(o.name));
}

/** The value of an `-o Key=value` style setting, e.g. apt's `APT::Install-Recommends`. */
export function configValue(invocation: Invocation, optionNames: readonly string[], key: string): string | undefined {
  for (const o of invocation.optionWords) {
    if (!optionNames.includes(o.name) || o.value === undefined) continue;
    const eq = o.value.indexOf('=');
    if (eq > 0 && o.value.slice(0, eq).toLowerCase() === key.toLowerCase())
      return o.value.slice(eq + 1).replace(/^["']|["']$/g, '');
  }
  return undefined;
}

const APT_INSTALLS = Symbol('dockwright.aptInstalls');
const APT_INSTALL_RUNS = Symbol('dockwright.aptInstallRuns');

/** The script's `apt-get install`s, kept on it (so on its RUN, which alone decides them). */
export const aptInstalls = (script: ShellScript): readonly Invocation[] =>
  memoOn(script, APT_INSTALLS, () => invocations(script, ['apt-get'], ['install']));

/** Every `apt-get install` in the Dockerfile's RUNs that parse as shell. */
export function aptInstallsIn(dockerfile: DockerfileModel): Invocation[] {
  return aptInstallRuns(dockerfile).map((r) => r.install);
}

/** Every `apt-get install` in the Dockerfile's RUNs that parse as shell, with its RUN; several rules ask each lint. */
export function aptInstallRuns(dockerfile: DockerfileModel): readonly { run: Instr; install: Invocation }[] {
  return memoOn(dockerfile, APT_INSTALL_RUNS, () =>
    dockerfile.instructions.flatMap((run) => {
      const script = runMentions(run, /apt-get/) ? runScript(dockerfile, run) : undefined;
      return script ? aptInstalls(script).map((install) => ({ run, install })) : [];
    }),
  );
}
