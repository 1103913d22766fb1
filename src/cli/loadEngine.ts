// Loads the lint engine (engine.ts) on first use: from the bundle beside dist/cli.js, or from
// source under tsx (the tests), where this file is TypeScript.
import { createRequire } from 'node:module';
import path from 'node:path';

export type Engine = typeof import('./engine');

/** The engine's bundle beside the CLI's; esbuild builds both (scripts/esbuild.mjs). */
export const ENGINE_BUNDLE = 'cli-engine.js';

let engine: Engine | undefined;

export function loadEngine(): Engine {
  const fromSource = path.extname(__filename) === '.ts';
  // a name esbuild cannot follow: the engine stays out of the CLI's bundle
  engine ??= createRequire(__filename)(fromSource ? './engine' : `./${ENGINE_BUNDLE}`) as Engine;
  return engine;
}
