// Registry look-ups for the pin fixes. Offline (no resolver, or it throws) they answer
// undefined, so that the fixes are simply not offered and nothing is thrown at the editor.
import type { ImageResolver, RuleContext } from '../../rule';
import type { DockerfileModel } from '../../dockerfile/model';
import type { Finding } from '../../types';
import { fromImage, globalArgs, stageAt, type FromImage } from '../../dockerfile/fromImage';

/** A finding on each FROM whose image `wanted` picks, pointing at the ARG default when the image comes from one. */
export function imageFindings(
  model: DockerfileModel,
  wanted: (image: FromImage) => boolean,
  message: (image: FromImage) => string,
): Finding[] {
  const args = globalArgs(model);
  return model.stages
    .map((stage) => fromImage(model, stage, args))
    .filter((image): image is FromImage => !!image && wanted(image))
    .map((image) => ({
      range: image.range,
      message: message(image),
      related: image.viaArg
        ? [{ range: image.viaArg.range, message: `the default of ARG ${image.viaArg.name}` }]
        : undefined,
    }));
}

/** The FROM image a finding was reported on, looked up again from its range. */
export function imageOf(ctx: RuleContext, finding: Finding): FromImage | undefined {
  const stage = stageAt(ctx.dockerfile, finding.range);
  return stage ? fromImage(ctx.dockerfile, stage) : undefined;
}

/** The digest the image's tag (latest when none) points to now. */
export async function currentDigest(
  resolver: ImageResolver | undefined,
  image: FromImage,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const digest = await ask(() => resolver?.digest(`${image.ref.name}:${image.ref.tag ?? 'latest'}`, signal));
  return typeof digest === 'string' && /^sha256:[0-9a-f]{64}$/.test(digest) ? digest : undefined;
}

/** Tags of the image's repository, newest first. */
export async function existingTags(
  resolver: ImageResolver | undefined,
  image: FromImage,
  signal?: AbortSignal,
): Promise<string[]> {
  const tags = await ask(() => resolver?.listTags(image.ref.name, signal));
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

async function ask<T>(question: () => Promise<T> | undefined): Promise<T | undefined> {
  try {
    return await question();
  } catch {
    return undefined;
  }
}
