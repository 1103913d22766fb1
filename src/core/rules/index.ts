// Every guide rule, in the catalogue's order (shared/spec/RULES.md).
import type { Rule } from '../rule';
import { syntaxError } from './syntax-error';
import { pinBaseImage } from './pin-base-image';
import { pinDigest } from './pin-digest';
import { nonRootUser } from './non-root-user';
import { preferMultiStage } from './prefer-multi-stage';
import { dockerignoreMissing } from './dockerignore-missing';
import { dockerignoreIncomplete } from './dockerignore-incomplete';
import { copyIgnoredFile } from './copy-ignored-file';
import { dependencyLayerOrder } from './dependency-layer-order';
import { cacheMount } from './cache-mount';
import { secretInArgEnv } from './secret-in-arg-env';
import { secretFileCopy } from './secret-file-copy';
import { healthcheckMissing } from './healthcheck-missing';
import { minimalBaseImage } from './minimal-base-image';
import { aptNoInstallRecommends } from './apt-no-install-recommends';
import { aptListsCleanup } from './apt-lists-cleanup';
import { aptUpdateAlone } from './apt-update-alone';
import { aptGetYes } from './apt-get-yes';
import { aptOverAptGet } from './apt-over-apt-get';
import { apkNoCache } from './apk-no-cache';
import { pipNoCacheDir } from './pip-no-cache-dir';
import { packageCacheCleanup } from './package-cache-cleanup';
import { consecutiveRun } from './consecutive-run';
import { addInsteadOfCopy } from './add-instead-of-copy';
import { syntaxDirective } from './syntax-directive';
import { jsonArgs } from './json-args';
import { copyChown } from './copy-chown';
import { runCd } from './run-cd';
import { sudo } from './sudo';
import { workdirAbsolute } from './workdir-absolute';
import { maintainerDeprecated } from './maintainer-deprecated';
import { pipefail } from './pipefail';
import { stageReference } from './stage-reference';
import { undefinedVar } from './undefined-var';
import { exposeSsh } from './expose-ssh';

export const allRules: readonly Rule[] = [
  syntaxError,
  pinBaseImage,
  pinDigest,
  nonRootUser,
  preferMultiStage,
  dockerignoreMissing,
  dockerignoreIncomplete,
  copyIgnoredFile,
  dependencyLayerOrder,
  cacheMount,
  secretInArgEnv,
  secretFileCopy,
  healthcheckMissing,
  minimalBaseImage,
  aptNoInstallRecommends,
  aptListsCleanup,
  aptUpdateAlone,
  aptGetYes,
  aptOverAptGet,
  apkNoCache,
  pipNoCacheDir,
  packageCacheCleanup,
  consecutiveRun,
  addInsteadOfCopy,
  syntaxDirective,
  jsonArgs,
  copyChown,
  runCd,
  sudo,
  workdirAbsolute,
  maintainerDeprecated,
  pipefail,
  stageReference,
  undefinedVar,
  exposeSsh,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.id, r]));
