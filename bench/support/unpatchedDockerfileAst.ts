// dockerfile-ast as it ships: the baseline the rules' cost is measured against. Dockwright's model
// patches the library's prototypes when it loads (src/core/dockerfile/astSpeedups.ts), so this
// loads a second copy of the library, and of the libraries under it, beside the patched one in
// this process. The two are then timed in turn under the same conditions of the machine.
const LIBRARY =
  /[\\/]node_modules[\\/](dockerfile-ast|vscode-languageserver-types|vscode-languageserver-textdocument)[\\/]/;

export function loadUnpatchedDockerfileAst(patched: typeof import('dockerfile-ast')): typeof import('dockerfile-ast') {
  const kept = Object.entries(require.cache).filter(([id]) => LIBRARY.test(id));
  for (const [id] of kept) delete require.cache[id];
  let copy: typeof import('dockerfile-ast');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    copy = require('dockerfile-ast') as typeof import('dockerfile-ast');
  } finally {
    for (const id of Object.keys(require.cache)) if (LIBRARY.test(id)) delete require.cache[id];
    for (const [id, module] of kept) require.cache[id] = module;
  }
  const unpatched = (lib: typeof copy) =>
    (lib.Instruction.prototype as unknown as { getRawArguments: unknown }).getRawArguments;
  if (copy.DockerfileParser === patched.DockerfileParser || unpatched(copy) === unpatched(patched))
    throw new Error('no second copy of dockerfile-ast: the baseline would be the patched library');
  return copy;
}
