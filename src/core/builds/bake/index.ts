// Bake: a bake file's targets as buildx reads them, a target built through the build's runner,
// and its steps given back to each target's Dockerfile.
export { BAKE_NAME, BakeDefinitionError, parseBakePrint, type BakeDefinition, type BakeTarget } from './definition';
export { bakeBlockNames, bakeFormat, type BakeBlockNames } from './names';
export { BakeFileError, bakeFolder, printBake, readBakeFile, type BakeFile } from './read';
export { BAKE_SPEC_FIELDS, bakeCommand, BakeSpecError, bakeSpecFromTaskFields, type BakeSpec } from './command';
export { bakeFailure, bakeSteps, targetDockerfile, type BakeRun, type LocatedStep } from './steps';
