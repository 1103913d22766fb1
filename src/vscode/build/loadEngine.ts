import type { Engine } from '../engine';

/** Loads dist/engine.js (parsers, rules, build core) on first use; see src/extension.ts. */
export type LoadEngine = () => Promise<Engine>;
