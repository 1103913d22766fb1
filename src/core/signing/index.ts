// Image signing with cosign: commands as data, cosign's tags folded under their images, verification,
// the digest a push pushed, and whether a signature went to the transparency log.
export {
  CosignMissingError,
  cosignError,
  digestReference,
  generateKeyPairCommand,
  runCosign,
  signCommand,
  verifiedDigests,
  verifyCommand,
  type Cosign,
  type CosignResult,
  type KeyUse,
  type SignedImage,
} from './cosign';
export { cosignTagOf, foldCosignTags, parseCosignTag, type CosignArtifactKind, type FoldedTags } from './cosignTags';
export { digestFromDigestFile, digestFromMetadata, digestFromPushOutput, pushedImage } from './pushed';
export {
  BUNDLE_ANNOTATION,
  SIGNATURE_LAYER,
  readBundle,
  readTransparency,
  transparencyRecords,
  transparencyText,
  type TransparencyRecord,
} from './transparency';
export { verifyImage, type Verification } from './verify';
