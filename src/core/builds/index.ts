// The build core, for the VS Code task, commands and views (and the CLI): a BuildSpec becomes an
// engine command, the runner streams it and the progress parser turns its output into steps.
export {
  BUILD_SPEC_FIELDS,
  BuildSpecError,
  checkFieldTypes,
  PROGRESS_MODES,
  type BuildSpec,
  type EngineKind,
  type FieldType,
  type ProgressMode,
  type SecretSource,
} from './spec';
export {
  buildCommand,
  buildAndPushCommands,
  pushCommand,
  type BuildCommand,
  type EngineCommand,
  type ProgressFormat,
} from './command';
export {
  detectEngine,
  engineEnv,
  EngineNotFoundError,
  type Engine,
  type EngineOptions,
  type EngineSetting,
} from './engine';
export {
  builderFeatures,
  checkBuilderFeatures,
  parseBuilderInspect,
  unsupportedByBuilder,
  usesContainerdStore,
  type BuilderFeatures,
} from './builderCheck';
export { runCommand, CommandStartError, type OutputChunk, type RunOptions, type RunResult } from './runner';
export * from './progress';
export {
  buildSummary,
  failureMessage,
  FAILURE_OUTPUT_LINES,
  formatDuration,
  stepNotes,
  type BuildOutcome,
  type StepNote,
} from './summary';
export { isRemoteContext, specFromTaskFields, taskBuildContext } from './taskFields';
export * from './bake';
export {
  BUILDER_NAME,
  BuilderError,
  checkBuilder,
  listBuilders,
  onBuilder,
  parseBuilderList,
  type Builder,
  type UsableBuilder,
} from './builders';
export { EngineQueryError } from './query';
