// Where an image's bytes are: its history mapped to the Dockerfile's instructions, and the bytes its
// layers hide (wasted). Plain data in and out, for the CLI and the editor alike.
export { BYTE_SIZE_UNITS, formatBytes, parseByteSize } from './bytes';
export { readCreatedBy, type CreatedBy } from './createdBy';
export {
  inferEmptyLayers,
  parseDockerHistory,
  parsePodmanHistory,
  UnreadableOutputError,
  type HistoryEntry,
  type ImageFacts,
} from './history';
export {
  mapHistory,
  rootBaseImage,
  type BaseImage,
  type InstructionLayer,
  type LayerMapping,
  type MapOptions,
} from './mapping';
export { readTar, TarError, type TarEntry, type TarEntryType } from './tar';
export {
  ImageArchiveError,
  layerFile,
  readSavedImage,
  type ConfigHistoryEntry,
  type LayerFile,
  type LayerFileKind,
  type SavedImage,
} from './archive';
export { findWaste, type HiddenFiles, type Waste } from './waste';
export { wasteRule } from './wasteRules';
export { attributeWaste, type LayerRef, type WastedEntry, type WasteReport } from './attribution';
export {
  EngineUnavailableError,
  ImageCommandError,
  ImageNotFoundError,
  readImageArchive,
  readImageFacts,
  type ImageCommandOptions,
  type ReadFactsOptions,
} from './engineImages';
