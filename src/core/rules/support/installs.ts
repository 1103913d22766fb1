// Install RUNs: which package managers a RUN runs, and whether from the project's manifest, for
// dependency-layer-order and cache-mount.
import type { Instr } from '../../dockerfile/model';
import { memoOn } from '../../memo';
import { runMentions } from '../../shell/prefilter';
import { commandProgram } from '../../shell/programs';
import type { ShellScript, ShellWord, SimpleCommand } from '../../shell/script';
import { hasOption, invocationOf, type Invocation } from './invocations';

// Many rules read the same RUN of one lint: each RUN's installs are found once.
const INSTALLS = Symbol('dockwright.installs');

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
  /\b(apt-get|apt|aptitude|apk|yum|dnf|microdnf|pip[0-9.]*|python[0-9.]*|poetry|npm|yarn|pnpm|go|dotnet|bundle|bundler|composer|mvn|mvnw|gradle|gradlew|cargo)\b/;

/** The action words of detectInstalls, for a second cheap look before parsing. */
const INSTALL_WORD =
  /\b(install|add|ci|i|get|restore|download|fetch|dependency:[a-z-]+|dependencies|--refresh-dependencies|[a-z]*install[a-z-]*|in|rei|up|update|upgrade|upgrade-minimal|up-min|distro-sync|dsync|downgrade|dg|group)\b/;
/** A bare `yarn` (its options at most), which installs too; tried only on text that names yarn. */
const BARE_YARN = /(^|[;&|(\s])yarn([ \t]+-[-\w=]+)*[ \t]*($|[;&|)\\])/;

/** True when the RUN may run an install of detectInstalls: parse only RUNs that pass. */
export function mentionsInstall(instr: Instr): boolean {
  if (!runMentions(instr, INSTALL_MENTION)) return false;
  const text = instr.argsText;
  return INSTALL_WORD.test(text) || (text.includes('yarn') && BARE_YARN.test(text));
}

const PROGRAM_MANAGER: Record<string, Manager> = {
  'apt-get': 'apt',
  apt: 'apt',
  aptitude: 'apt',
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

/**
 * The yum/dnf/microdnf subcommands that download packages, with dnf's short forms (`in`, `rei`,
 * `up`, `dg` …): each leaves them and the metadata in /var/cache. `group` takes `install` after it.
 */
const RPM_INSTALLS: ReadonlySet<string> = new Set([
  'install',
  'in',
  'install-n',
  'install-na',
  'install-nevra',
  'groupinstall',
  'localinstall',
  'reinstall',
  'rei',
  'upgrade',
  'up',
  'update',
  'upgrade-minimal',
  'up-min',
  'groupupdate',
  'localupdate',
  'distro-sync',
  'dsync',
  'downgrade',
  'dg',
]);

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
  const make = (fromManifest: boolean): Install => ({
    manager,
    command,
    subcommand: invocation?.subcommand,
    fromManifest,
  });
  switch (manager) {
    case 'apt':
      return sub === 'install' ? make(false) : undefined;
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return RPM_INSTALLS.has(sub ?? '') || (sub === 'group' && RPM_INSTALLS.has(operands[0]?.value ?? ''))
        ? make(false)
        : undefined;
    case 'apk':
      return sub === 'add' ? make(false) : undefined;
    case 'pip':
      if (sub !== 'install') return undefined;
      return make(
        invocation!.optionWords.some(
          (o) =>
            o.name === '-r' ||
            o.name === '--requirement' ||
            ((o.name === '-e' || o.name === '--editable') && isLocalPath(o.value)),
        ) || operands.some((w) => isLocalPath(w.value)),
      );
    case 'poetry':
      return sub === 'install' ? make(true) : undefined;
    case 'npm':
      if (sub === 'ci') return make(true);
      if (sub === 'install' || sub === 'i' || sub === 'add')
        return make(operands.length === 0 && !hasOption(invocation!, ['-g', '--global']));
      return undefined;
    case 'yarn':
      // a bare `yarn` (options only) installs the lockfile's packages
      if (!invocation)
        return command.words.slice(found.wordIndex + 1).some((w) => /^(-v|--version|-h|--help)$/.test(w.value ?? ''))
          ? undefined
          : make(true);
      if (sub === 'install') return make(true);
      if (sub === 'add' || (sub === 'global' && operands[0]?.value === 'add')) return make(false);
      return undefined;
    case 'pnpm':
      if (sub === 'install' || sub === 'i')
        return make(operands.length === 0 && !hasOption(invocation!, ['-g', '--global']));
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
      return sub === 'dependency:go-offline' || sub === 'dependency:resolve' || sub === 'dependency:resolve-plugins'
        ? make(true)
        : undefined;
    case 'gradle':
      return sub === 'dependencies' || sub === '--refresh-dependencies' ? make(true) : undefined;
    case 'cargo':
      return sub === 'fetch' ? make(true) : undefined;
  }
}

/** The distribution's package managers: they install system packages such as curl or gcc. */
const SYSTEM_MANAGERS: ReadonlySet<Manager> = new Set<Manager>(['apt', 'apk', 'yum', 'dnf', 'microdnf']);

export interface PackageInstall {
  invocation: Invocation;
  /** The packages it names, by name only (see packageName). */
  packages: string[];
}

/** The RUN's system package installs (apt-get/apt/aptitude/yum/dnf/microdnf install, apk add), with the packages they name. */
export function packageInstalls(script: ShellScript): readonly PackageInstall[] {
  return memoOn(script, PACKAGE_INSTALLS, () => {
    const out: PackageInstall[] = [];
    for (const install of detectInstalls(script)) {
      const invocation = SYSTEM_MANAGERS.has(install.manager) ? invocationOf(install.command) : undefined;
      if (invocation)
        out.push({
          invocation,
          packages: invocation.operands.flatMap((w) => (w.value === undefined ? [] : [packageName(w.value)])),
        });
    }
    return out;
  });
}

// prefer-multi-stage and healthcheck-missing (for curl, then for wget) read the same RUNs' packages
const PACKAGE_INSTALLS = Symbol('dockwright.packageInstalls');

/** A package operand's name: apt's `=version`, `/release` and `:arch`, apk's `=`, `~`, `<`, `>` constraints and `@tag` taken off. */
export function packageName(operand: string): string {
  return operand.replace(/[=<>~@/:].*$/s, '');
}
