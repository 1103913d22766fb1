// The files each package manager installs from, for dependency-layer-order: how to tell that a
// COPY already brought them in, and which COPY lines bring in only them.
import type { ContextView } from '../../rule';
import { globToRegExp, hasWildcard } from './glob';
import type { Install, Manager } from './installs';

/** A COPY source that is one of the manager's manifests (wildcards included: `*.csproj`). */
const MANIFEST_SOURCE: Partial<Record<Manager, RegExp>> = {
  npm: /(^|\/)(package(-lock)?\.json|npm-shrinkwrap\.json)\*?$/,
  yarn: /(^|\/)(package\.json|yarn\.lock)\*?$/,
  pnpm: /(^|\/)(package\.json|pnpm-lock\.yaml)\*?$/,
  pip: /(^|\/)(requirements[^/]*\.(txt|in)|Pipfile(\.lock)?|pyproject\.toml)\*?$|(^|\/)requirements\/?$/,
  poetry: /(^|\/)(pyproject\.toml|poetry\.lock)\*?$/,
  dotnet: /\.(cs|fs|vb)proj\*?$|\.sln\*?$|(^|\/)(Directory\.(Build|Packages)\.props|NuGet\.config)$/i,
  go: /(^|\/)go\.(mod|sum)\*?$/,
  bundle: /(^|\/)Gemfile(\.lock)?\*?$/,
  composer: /(^|\/)composer\.(json|lock)\*?$/,
  maven: /(^|\/)pom\.xml$/,
  gradle: /(^|\/)(build|settings)\.gradle(\.kts)?\*?$/,
  cargo: /(^|\/)Cargo\.(toml|lock)\*?$/,
};

/** Typical manifest names, for sources written as wildcards (`package*.json`, `*.csproj`). */
const MANIFEST_NAMES: Partial<Record<Manager, string[]>> = {
  npm: ['package.json'],
  yarn: ['package.json'],
  pnpm: ['package.json'],
  pip: ['requirements.txt'],
  poetry: ['pyproject.toml'],
  dotnet: ['App.csproj', 'App.fsproj', 'App.sln'],
  go: ['go.mod'],
  bundle: ['Gemfile'],
  composer: ['composer.json'],
  maven: ['pom.xml'],
  gradle: ['build.gradle', 'build.gradle.kts'],
  cargo: ['Cargo.toml'],
};

export function isManifestSource(manager: Manager, source: string): boolean {
  if (MANIFEST_SOURCE[manager]?.test(source)) return true;
  const base = source.slice(source.lastIndexOf('/') + 1);
  if (!hasWildcard(base)) return false;
  const glob = globToRegExp(base);
  return (MANIFEST_NAMES[manager] ?? []).some((name) => glob.test(name));
}

export function managesManifests(manager: Manager): boolean {
  return manager in MANIFEST_SOURCE;
}

/** A COPY of manifest sources to a folder relative to the full COPY's destination. */
export interface ManifestCopy {
  sources: string[];
  /** '' for the destination itself, else a sub-folder ending in `/`. */
  subdir: string;
}

/**
 * The COPY lines that bring in only what `install` reads, or undefined when that cannot be
 * known (a .NET solution's project files without a build context to look at).
 */
export function manifestCopies(install: Install, context: ContextView | undefined): ManifestCopy[] | undefined {
  const has = (file: string) => context?.exists(file) ?? false;
  const optional = (file: string) => (context ? (has(file) ? [file] : []) : [`${file}*`]);
  switch (install.manager) {
    case 'npm':
      return [
        {
          sources: ['package.json', has('npm-shrinkwrap.json') ? 'npm-shrinkwrap.json' : 'package-lock.json*'],
          subdir: '',
        },
      ];
    case 'yarn':
      return [
        { sources: ['package.json', 'yarn.lock', ...(has('.yarnrc.yml') ? ['.yarnrc.yml'] : [])], subdir: '' },
        ...(has('.yarn/releases') ? [{ sources: ['.yarn/releases'], subdir: '.yarn/releases/' }] : []),
      ];
    case 'pnpm':
      return [
        {
          sources: ['package.json', 'pnpm-lock.yaml', ...(has('pnpm-workspace.yaml') ? ['pnpm-workspace.yaml'] : [])],
          subdir: '',
        },
      ];
    case 'pip':
      return requirementFiles(install);
    case 'poetry':
      return [{ sources: ['pyproject.toml', ...optional('poetry.lock')], subdir: '' }];
    case 'dotnet':
      return dotnetProjects(install, context);
    case 'go':
      return [{ sources: ['go.mod', ...(context && !has('go.sum') ? [] : ['go.sum'])], subdir: '' }];
    case 'bundle':
      return [{ sources: ['Gemfile', ...(context && !has('Gemfile.lock') ? [] : ['Gemfile.lock'])], subdir: '' }];
    case 'composer':
      return [
        { sources: ['composer.json', ...(context && !has('composer.lock') ? [] : ['composer.lock'])], subdir: '' },
      ];
    case 'maven':
      return [{ sources: ['pom.xml'], subdir: '' }];
    case 'gradle':
      return [{ sources: ['build.gradle*', 'settings.gradle*'], subdir: '' }];
    case 'cargo':
      return [{ sources: ['Cargo.toml', ...(context && !has('Cargo.lock') ? [] : ['Cargo.lock'])], subdir: '' }];
    default:
      return undefined;
  }
}

/** `pip install -r requirements/prod.txt` copies that file into the same sub-folder. */
function requirementFiles(install: Install): ManifestCopy[] | undefined {
  const words = install.command.words.map((w) => w.value);
  const files: string[] = [];
  words.forEach((w, i) => {
    if (w === '-r' || w === '--requirement') files.push(words[i + 1] ?? '');
    else if (w?.startsWith('--requirement=')) files.push(w.slice('--requirement='.length));
    else if (w && /^-r./.test(w)) files.push(w.slice(2));
  });
  if (!files.length || files.some((f) => !f || f.includes('$') || f.startsWith('/') || f.includes('..')))
    return undefined;
  return files.map((f) => {
    const clean = f.replace(/^\.\//, '');
    const slash = clean.lastIndexOf('/');
    return { sources: [clean], subdir: slash < 0 ? '' : clean.slice(0, slash + 1) };
  });
}

const SKIP_DIRS = new Set(['.git', 'node_modules', 'bin', 'obj', 'dist', 'out', '.vs', '.vscode']);

/** The solution and project files, each to its own folder, as `dotnet restore` needs them. */
function dotnetProjects(install: Install, context: ContextView | undefined): ManifestCopy[] | undefined {
  const operand = install.command.words
    .map((w) => w.value)
    .find((w, i) => i > 1 && w && /\.(sln|csproj|fsproj|vbproj)$/i.test(w));
  if (!context) {
    if (!operand || operand.includes('$') || operand.startsWith('/') || operand.includes('..')) return undefined;
    const clean = operand.replace(/^\.\//, '');
    const slash = clean.lastIndexOf('/');
    // a single project restores from its own file; a solution would need its projects too
    return /\.sln$/i.test(clean)
      ? undefined
      : [{ sources: [clean], subdir: slash < 0 ? '' : clean.slice(0, slash + 1) }];
  }
  const byDir = new Map<string, string[]>();
  const walk = (dir: string, depth: number) => {
    for (const name of context.list(dir)) {
      const path = dir ? `${dir}/${name}` : name;
      if (
        /\.(sln|csproj|fsproj|vbproj)$/i.test(name) ||
        /^(Directory\.(Build|Packages)\.props|NuGet\.config)$/i.test(name)
      ) {
        const sub = dir ? `${dir}/` : '';
        byDir.set(sub, [...(byDir.get(sub) ?? []), path]);
      } else if (depth < 3 && !SKIP_DIRS.has(name) && !name.includes('.')) walk(path, depth + 1);
    }
  };
  walk('', 0);
  if (![...byDir.values()].flat().some((p) => /proj$/i.test(p))) return undefined;
  return [...byDir.entries()]
    .sort(([a], [b]) => a.length - b.length || a.localeCompare(b))
    .map(([subdir, sources]) => ({ sources, subdir }));
}
