// The lint engine: the rules, the parsers and all they load, a bundle of its own
// (dist/cli-engine.js). dist/cli.js loads it only for a file to lint, a config file to read, or
// a command that needs it: a run whose results all come from the cache never does.
export { lintAll, serveWorker } from './pool';
export { fixFile } from './fixer';
export { formatSarif } from './formats/sarif';
export { readHadolintSettings, readRunSettings } from './settings';
export { runImageCommand } from './imageLayers';
export { runImageVerify } from './imageVerify';
