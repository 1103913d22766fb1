// Image signing with cosign: commands as data, cosign's tags folded under their images, verification.
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
export { verifyImage, type Verification } from './verify';
