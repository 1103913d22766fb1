// Finds package-manager invocations in a parsed RUN, for the rules that judge them.
// Option words that take a value (`apt-get -o X=Y install`, `pip -r req.txt`) are skipped as
// pairs, so that the subcommand and the package names are found where a shell would see them.
import type { DockerfileModel, Instr } from '../../dockerfile/model';
import { runMentions, runScript, type ShellScript, type ShellWord, type SimpleCommand } from '../../dockerfile/shell';
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
  'apt-get': ['-o', '--option', '-t', '--target-release', '--default-release', '-c', '--config-file', '-a', '--host-architecture'],
  apk: ['-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file', '-t', '--virtual', '--cache-max-age'],
  pip: [
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
    '-t', '--target', '--prefix', '--root', '--src', '--cache-dir', '--trusted-host', '--platform', '--python-version', '--implementation',
    '--abi', '--upgrade-strategy', '--timeout', '--retries', '--proxy', '--log', '--cert', '--client-cert', '--exists-action',
    '--only-binary', '--no-binary', '--global-option', '--config-settings', '-C', '--progress-bar', '--python', '--report', '--root-user-action',
  ],
  yum: ['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '-x', '--exclude', '--repo', '--repoid', '--setopt', '-d', '--debuglevel', '-e', '--errorlevel', '--forcearch', '--downloaddir', '--destdir', '--repofrompath'],
  npm: ['--prefix', '-w', '--workspace', '--cache', '--registry', '--omit', '--include', '--loglevel', '--userconfig'],
  yarn: ['--cwd', '--cache-folder', '--modules-folder', '--network-timeout', '--mutex', '--registry'],
  pnpm: ['-C', '--dir', '--filter', '-F', '--store-dir', '--reporter'],
  go: ['-C', '-o', '-p', '-tags', '-ldflags', '-gcflags', '-mod', '-modfile', '-pkgdir', '-overlay', '-asmflags', '-buildmode', '-compiler', '-installsuffix', '-toolexec', '-pgo'],
  dotnet: ['-c', '--configuration', '-o', '--output', '-r', '--runtime', '-s', '--source', '-f', '--framework', '-a', '--arch', '--os', '-v', '--verbosity', '--packages', '--configfile', '-p', '--property'],
  mvn: ['-f', '--file', '-s', '--settings', '-gs', '--global-settings', '-P', '--activate-profiles', '-pl', '--projects', '-rf', '--resume-from', '-T', '--threads', '-l', '--log-file'],
  gradle: ['-p', '--project-dir', '-b', '--build-file', '-c', '--settings-file', '-g', '--gradle-user-home', '-x', '--exclude-task', '-I', '--init-script'],
  cargo: ['--manifest-path', '--target', '--target-dir', '-p', '--package', '-j', '--jobs', '--features', '-F', '--profile', '--config', '-Z'],
  composer: ['-d', '--working-dir'],
  bundle: ['--gemfile', '--path', '--jobs', '-j', '--retry', '--without', '--with', '--binstubs'],
  poetry: ['-C', '--directory', '--with', '--without', '--only', '-E', '--extras', '-P', '--project'],
};
VALUE_OPTIONS.apt = VALUE_OPTIONS['apt-get'];
VALUE_OPTIONS.dnf = VALUE_OPTIONS.yum;
VALUE_OPTIONS.microdnf = VALUE_OPTIONS.yum;
VALUE_OPTIONS.gradlew = VALUE_OPTIONS.gradle;
VALUE_OPTIONS.mvnw = VALUE_OPTIONS.mvn;

/** Program words that wrap another command, with their options that take a value. */
const WRAPPERS: Record<string, readonly string[]> = {
  sudo: ['-u', '--user', '-g', '--group', '-C', '--close-from', '-D', '--chdir', '-h', '--host', '-p', '--prompt', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout'],
  env: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'],
  nice: ['-n', '--adjustment'],
  time: ['-f', '--format', '-o', '--output'],
  command: [],
  exec: ['-a'],
  xargs: ['-a', '--arg-file', '-d', '--delimiter', '-E', '-e', '-I', '-i', '-L', '-l', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars'],
  nohup: [],
  eatmydata: [],
  stdbuf: ['-i', '-o', '-e'],
  timeout: ['-k', '--kill-after', '-s', '--signal'],
};
/** Wrappers that take one positional word before the command: `timeout 60 cmd`. */
const WRAPPER_POSITIONALS: Record<string, number> = { timeout: 1 };

export interface Wrapper {
  name: string;
  /** Index of the wrapper's word. */
  index: number;
  /** Index of the first word after the wrapper and its options. */
  next: number;
}

export interface ResolvedProgram {
  /** Index of the real program word, after wrappers, their options and `NAME=value` words of env. */
  index: number;
  wrappers: Wrapper[];
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Finds the real program of a command: `sudo -E env X=1 apt-get …` is apt-get. */
export function resolveProgram(command: SimpleCommand): ResolvedProgram {
  const words = command.words;
  const wrappers: Wrapper[] = [];
  let i = 0;
  while (i < words.length) {
    const name = baseName(words[i].value ?? '');
    const valued = WRAPPERS[name];
    if (!valued) break;
    // `command -v apt-get` asks where a program is; it does not run it.
    if (name === 'command' && /^-[vV]$/.test(words[i + 1]?.value ?? '')) break;
    const start = i++;
    let positionals = WRAPPER_POSITIONALS[name] ?? 0;
    while (i < words.length) {
      const v = words[i].value;
      if (v === undefined) break;
      if (v === '--') {
        i++;
        break;
      }
      if (v.startsWith('-') && v.length > 1) i += valued.includes(v) ? 2 : 1;
      else if (name === 'env' && ASSIGNMENT.test(v)) i++;
      else if (positionals > 0) {
        positionals--;
        i++;
      } else break;
    }
    wrappers.push({ name, index: start, next: i });
  }
  return { index: i, wrappers };
}

/** Kept for callers that only need the index. */
export function programIndex(command: SimpleCommand): number {
  return resolveProgram(command).index;
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Program aliases: pip3, pip3.12 → pip; gradlew → gradle. */
function canonical(program: string): string {
  if (/^pip[0-9.]*$/.test(program)) return 'pip';
  if (program === 'gradlew') return 'gradle';
  if (program === 'mvnw') return 'mvn';
  return program;
}

/** The program a command runs, with `python -m pip` read as pip; undefined when the name is an expansion. */
export function commandProgram(command: SimpleCommand): { program: string; wordIndex: number } | undefined {
  const p = resolveProgram(command).index;
  const word = command.words[p];
  if (word?.value === undefined) return undefined;
  const name = baseName(word.value);
  if (/^python[0-9.]*$/.test(name)) {
    // python [-u …] -m pip …
    for (let i = p + 1; i < command.words.length; i++) {
      const v = command.words[i].value ?? '';
      if (v === '-m') return command.words[i + 1]?.value === 'pip' ? { program: 'pip', wordIndex: i + 1 } : { program: name, wordIndex: p };
      if (!v.startsWith('-')) break;
    }
    return { program: name, wordIndex: p };
  }
  return { program: canonical(name), wordIndex: p };
}

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
export function invocations(script: ShellScript, programs: readonly string[], subcommands: readonly string[]): Invocation[] {
  const out: Invocation[] = [];
  for (const command of script.commands) {
    const invocation = invocationOf(command);
    if (invocation && programs.includes(invocation.program) && subcommands.includes(invocation.subcommand.value!)) out.push(invocation);
  }
  return out;
}

// Many rules read the same commands of one lint: each command is read once.
const INVOCATION = Symbol('dockwright.invocation');
const INSTALLS = Symbol('dockwright.installs');

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
    if (eq > 0 && o.value.slice(0, eq).toLowerCase() === key.toLowerCase()) return o.value.slice(eq + 1).replace(/^["']|["']$/g, '');
  }
  return undefined;
}

export const aptInstalls = (script: ShellScript) => invocations(script, ['apt-get'], ['install']);

/** Every `apt-get install` in the Dockerfile's RUNs that parse as shell. */
export function aptInstallsIn(dockerfile: DockerfileModel): Invocation[] {
  return dockerfile.instructions.flatMap((instr) => {
    const script = runMentions(instr, /apt-get/) ? runScript(dockerfile, instr) : undefined;
    return script ? aptInstalls(script) : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Install RUNs: which package managers a RUN runs, for dependency-layer-order and cache-mount.

export type Manager =
  | 'apt'
  | 'apk'
  | 'yum'
  | 'dnf'
  | 'microdnf'
  | 'pip'
  | 'poetry'
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'go'
  | 'dotnet'
  | 'bundle'
  | 'composer'
  | 'maven'
  | 'gradle'
  | 'cargo';

export interface Install {
  manager: Manager;
  command: SimpleCommand;
  /** The word naming the action (`install`, `ci`, `restore`, `download`); undefined for a bare `yarn`. */
  subcommand?: ShellWord;
  /**
   * Installs what the project's manifest lists (npm ci, pip install -r, go mod download, dotnet
   * restore …), as opposed to named packages or tools (`npm install -g yarn`, `pip install flask`).
   */
  fromManifest: boolean;
}

/** A cheap look at a RUN's text for any manager detectInstalls knows (use with runMentions). */
export const INSTALL_MENTION =
  /\b(apt-get|apt|apk|yum|dnf|microdnf|pip[0-9.]*|python[0-9.]*|poetry|npm|yarn|pnpm|go|dotnet|bundle|bundler|composer|mvn|mvnw|gradle|gradlew|cargo)\b/;

/** The action words of detectInstalls, for a second cheap look before parsing. */
const INSTALL_WORD = /\b(install|add|ci|i|restore|download|fetch|dependency:[a-z-]+|dependencies|--refresh-dependencies)\b|(^|[;&|(\s])yarn([ \t]+-[-\w=]+)*[ \t]*($|[;&|)\\])/;

/** True when the RUN may run an install of detectInstalls: parse only RUNs that pass. */
export function mentionsInstall(instr: Instr): boolean {
  return runMentions(instr, INSTALL_MENTION) && INSTALL_WORD.test(instr.argsText);
}

const PROGRAM_MANAGER: Record<string, Manager> = {
  'apt-get': 'apt',
  apt: 'apt',
  apk: 'apk',
  yum: 'yum',
  dnf: 'dnf',
  microdnf: 'microdnf',
  pip: 'pip',
  poetry: 'poetry',
  npm: 'npm',
  yarn: 'yarn',
  pnpm: 'pnpm',
  go: 'go',
  dotnet: 'dotnet',
  bundle: 'bundle',
  bundler: 'bundle',
  composer: 'composer',
  mvn: 'maven',
  gradle: 'gradle',
  cargo: 'cargo',
};

/** The package-manager installs a RUN performs, in order. */
export function detectInstalls(script: ShellScript): readonly Install[] {
  return memoOn(script, INSTALLS, () => {
    const out: Install[] = [];
    for (const command of script.commands) {
      const install = installOf(command);
      if (install) out.push(install);
    }
    return out;
  });
}

/** `.`, `..`, `./pkg`, `.[extra]`: the project itself, from its manifest. */
const isLocalPath = (value: string | undefined) => /^\.{1,2}(\/|$|\[)/.test(value ?? '');

function installOf(command: SimpleCommand): Install | undefined {
  const found = commandProgram(command);
  if (!found) return undefined;
  const manager = PROGRAM_MANAGER[found.program];
  if (!manager) return undefined;
  const invocation = invocationOf(command);
  const sub = invocation?.subcommand.value;
  const operands = invocation?.operands ?? [];
  const make = (fromManifest: boolean): Install => ({ manager, command, subcommand: invocation?.subcommand, fromManifest });
  switch (manager) {
    case 'apt':
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return sub === 'install' || sub === 'groupinstall' || sub === 'localinstall' ? make(false) : undefined;
    case 'apk':
      return sub === 'add' ? make(false) : undefined;
    case 'pip':
      if (sub !== 'install') return undefined;
      return make(
        invocation!.optionWords.some((o) => o.name === '-r' || o.name === '--requirement' || ((o.name === '-e' || o.name === '--editable') && isLocalPath(o.value))) ||
          operands.some((w) => isLocalPath(w.value)),
      );
    case 'poetry':
      return sub === 'install' ? make(true) : undefined;
    case 'npm':
      if (sub === 'ci') return make(true);
      if (sub === 'install' || sub === 'i' || sub === 'add') return make(operands.length === 0 && !hasOption(invocation!, ['-g', '--global']));
      return undefined;
    case 'yarn':
      // a bare `yarn` (options only) installs the lockfile's packages
      if (!invocation) return command.words.slice(found.wordIndex + 1).some((w) => /^(-v|--version|-h|--help)$/.test(w.value ?? '')) ? undefined : make(true);
      if (sub === 'install') return make(true);
      if (sub === 'add' || (sub === 'global' && operands[0]?.value === 'add')) return make(false);
      return undefined;
    case 'pnpm':
      if (sub === 'install' || sub === 'i') return make(operands.length === 0 && !hasOption(invocation!, ['-g', '--global']));
      if (sub === 'add') return make(false);
      return undefined;
    case 'go':
      if (sub === 'mod' && operands[0]?.value === 'download') return make(true);
      if (sub === 'get') return make(false);
      return undefined;
    case 'dotnet':
      return sub === 'restore' ? make(true) : undefined;
    case 'bundle':
      return sub === 'install' ? make(true) : undefined;
    case 'composer':
      return sub === 'install' ? make(true) : undefined;
    case 'maven':
      return sub === 'dependency:go-offline' || sub === 'dependency:resolve' || sub === 'dependency:resolve-plugins' ? make(true) : undefined;
    case 'gradle':
      return sub === 'dependencies' || sub === '--refresh-dependencies' ? make(true) : undefined;
    case 'cargo':
      return sub === 'fetch' ? make(true) : undefined;
  }
}

/**
 * Commands that fill a manager's download cache while building: `go build`, `dotnet publish`,
 * `mvn package`, `cargo build`. They benefit from a cache mount, but are not install RUNs.
 */
export function detectCachingBuilds(script: ShellScript): Install[] {
  const out: Install[] = [];
  for (const command of script.commands) {
    const invocation = invocationOf(command);
    if (!invocation) continue;
    const manager = PROGRAM_MANAGER[invocation.program];
    const sub = invocation.subcommand.value!;
    const builds: Partial<Record<Manager, readonly string[]>> = {
      go: ['build', 'install', 'test', 'generate'],
      dotnet: ['build', 'publish', 'test', 'pack'],
      maven: ['package', 'install', 'verify', 'compile', 'test', 'deploy'],
      gradle: ['build', 'assemble', 'bootJar', 'jar', 'installDist', 'shadowJar', 'test'],
      cargo: ['build', 'install', 'test'],
    };
    if (manager && builds[manager]?.includes(sub)) out.push({ manager, command, subcommand: invocation.subcommand, fromManifest: true });
  }
  return out;
}
