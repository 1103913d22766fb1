// Everything the editor needs from the core, behind one dynamic import: extension.ts loads this
// module on the first Dockerfile, so activation never pays for the parsers and the rules.
export { lint, type LintOptions } from '../core/lint/lint';
export { LintSession } from '../core/lint/session';
export { ignoreCommentEdit } from '../core/lint/ignoreComments';
export { parseRuleLevels, parseHadolintConfig } from '../core/lint/config';
export { applyEdits } from '../core/lint/fix';
export { parseDockerfile } from '../core/dockerfile/model';
export { ContextReads, folderContext } from '../core/context';
export { rulesById } from '../core/rules';
export { ruleDocUrl } from '../core/rules/docs';
export { fixAllChanges, fixAllSafe } from '../core/lint/fixAll';
export { stageGraph } from '../core/dockerfile/stageGraph';
export { fromOfRepository, setDigestEdit } from '../core/dockerfile/fromImage';
export * as registry from '../core/registry';
export * as signing from '../core/signing';
export * as images from '../core/images';
export * as localImages from '../core/images/localImages';
export {
  BuildSpecError,
  buildAndPushCommands,
  buildCommand,
  buildSummary,
  checkBuilderFeatures,
  CommandStartError,
  detectEngine,
  EngineNotFoundError,
  failureMessage,
  isRemoteContext,
  pushCommand,
  runCommand,
  specFromTaskFields,
  stepNotes,
} from '../core/builds';
export {
  BakeDefinitionError,
  bakeCommand,
  bakeFailure,
  BakeFileError,
  bakeFolder,
  BakeSpecError,
  bakeSpecFromTaskFields,
  bakeSteps,
  BuilderError,
  checkBuilder,
  EngineQueryError,
  listBuilders,
  onBuilder,
  printBake,
  readBakeFile,
  targetDockerfile,
} from '../core/builds';

export type CoreBundle = typeof import('./coreBundle');

/** Loads dist/core.js on first use; see src/extension.ts. */
export type LoadCore = () => Promise<CoreBundle>;
