import type { Rule } from '../rule';
import type { Fix } from '../types';
import {
  editable,
  globalArgs,
  imageWithUnsetArgs,
  setDigestEdit,
  setTagEdit,
  siblingTags,
  variantOf,
  type FromImage,
} from '../dockerfile/fromImage';
import type { DockerfileModel } from '../dockerfile/model';
import type { Finding } from '../types';
import { currentDigest, existingTags, imageFindings, imageOf } from './support/pinFixes';

export const pinBaseImage: Rule = {
  id: 'pin-base-image',
  aliases: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS-0001'] },
  defaultLevel: 'warning',
  title: 'FROM an image with no tag, or the tag latest',
  check({ dockerfile }) {
    return [
      ...imageFindings(dockerfile, unpinned, (image) => {
        const what = image.ref.tag ? `${image.ref.name}:latest` : `${image.ref.name} (no tag, so latest)`;
        return `FROM ${what} changes under you: pin a version tag so that builds repeat.`;
      }),
      ...unsetArgFindings(dockerfile),
    ];
  },
  async resolveFixes(ctx, finding, resolver, signal) {
    const image = imageOf(ctx, finding);
    if (!image || !unpinned(image) || !editable(image)) return [];
    const [tags, digest] = await Promise.all([
      existingTags(resolver, image, signal),
      currentDigest(resolver, image, signal),
    ]);
    const fixes: Fix[] = siblingTags(tags, variantOf(image.ref.tag) ?? '').map((tag) => ({
      title: `Pin to ${image.ref.name}:${tag}`,
      safe: false,
      edits: [setTagEdit(ctx.dockerfile, image, tag)],
    }));
    if (digest)
      fixes.push({
        title: `Pin to current digest ${digest.slice(0, 19)}…`,
        safe: false,
        edits: [setDigestEdit(ctx.dockerfile, image, digest)],
      });
    return fixes;
  },
};

/**
 * FROM words with ARGs that have no default: unless the build sets them, they expand to nothing
 * (`alpine$TAG` is `alpine`); with no tag or digest written, the tag is latest or unknown. No fix:
 * the pin belongs in the ARG's default or the FROM, and which one is the author's choice.
 */
function unsetArgFindings(model: DockerfileModel): Finding[] {
  const args = globalArgs(model);
  return model.stages.flatMap((stage) => {
    const image = imageWithUnsetArgs(model, stage, args);
    if (!image || !unpinned(image)) return [];
    const names = image.unset.join(', ');
    const what = image.ref.tag ? 'the tag latest' : 'no tag (so latest, unless the build sets the tag through them)';
    return [
      {
        range: image.range,
        message: `FROM ${image.text} has ${what}; ${names} ${image.unset.length > 1 ? 'have' : 'has'} no default. Pin a version tag so that builds repeat.`,
      },
    ];
  });
}

function unpinned(image: Pick<FromImage, 'ref'>): boolean {
  return !image.ref.digest && (!image.ref.tag || image.ref.tag === 'latest');
}
