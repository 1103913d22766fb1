// What a build context holds, looked at only as deep as the .dockerignore rules need:
// the project kinds (to fit a new .dockerignore) and the paths that must never be sent.
import type { ContextView } from '../../rule';

const DEPTH = 2;
/** Folders not worth looking into: they are dependencies or output, and can be huge. */
const NO_DESCENT = new Set([
  '.git',
  'node_modules',
  'bin',
  'obj',
  'dist',
  'target',
  'vendor',
  '.venv',
  'venv',
  'build',
  '.gradle',
  '__pycache__',
]);
const PRIVATE_KEY = /^(id_(rsa|dsa|ecdsa|ed25519)|.*\.key|(?!.*(cert|ca|chain|bundle|public|pub)).*\.pem)$/i;
const ENV_FILE = /^\.env(\.(?!(example|sample|template|dist|defaults?)$).+)?$/;

export interface ContextFacts {
  node: boolean;
  python: boolean;
  maven: boolean;
  gradle: boolean;
  rust: boolean;
  /** Folders (relative, '' for the root) that hold a .NET project file. */
  dotnetDirs: string[];
  /** `.env` files and private keys, by path. */
  secrets: string[];
  /** `node_modules` folders, by path. */
  nodeModules: string[];
}

export function scanContext(context: ContextView): ContextFacts {
  const facts: ContextFacts = {
    node: false,
    python: false,
    maven: false,
    gradle: false,
    rust: false,
    dotnetDirs: [],
    secrets: [],
    nodeModules: [],
  };
  const visit = (dir: string, depth: number) => {
    for (const name of context.list(dir)) {
      const path = dir ? `${dir}/${name}` : name;
      if (name === 'node_modules') facts.nodeModules.push(path);
      if (ENV_FILE.test(name) || PRIVATE_KEY.test(name)) facts.secrets.push(path);
      if (/\.(cs|fs|vb)proj$/i.test(name) && !facts.dotnetDirs.includes(dir)) facts.dotnetDirs.push(dir);
      if (depth === 0) {
        if (name === 'package.json') facts.node = true;
        if (/^(requirements.*\.txt|pyproject\.toml|setup\.py|Pipfile)$/.test(name)) facts.python = true;
        if (name === 'pom.xml') facts.maven = true;
        if (/^(build|settings)\.gradle(\.kts)?$/.test(name)) facts.gradle = true;
        if (name === 'Cargo.toml') facts.rust = true;
      }
      if (depth < DEPTH && !NO_DESCENT.has(name) && !name.startsWith('.') && context.list(path).length)
        visit(path, depth + 1);
    }
  };
  visit('', 0);
  return facts;
}
