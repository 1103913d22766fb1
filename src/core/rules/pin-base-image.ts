import type { Rule } from '../rule';
import type { Fix } from '../types';
import { editable, setDigestEdit, setTagEdit, siblingTags, variantOf, type FromImage } from '../dockerfile/fromImage';
import { currentDigest, existingTags, imageFindings, imageOf } from './support/pinFixes';

export const pinBaseImage: Rule = {
  id: 'pin-base-image',
  aliases: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS-0001'] },
  defaultLevel: 'warning',
  title: 'FROM an image with no tag, or the tag latest',
  check({ dockerfile }) {
    return imageFindings(dockerfile, unpinned, (image) => {
      const what = image.ref.tag ? `${image.ref.name}:latest` : `${image.ref.name} (no tag, so latest)`;
      return `FROM ${what} changes under you: pin a version tag so that builds repeat.`;
    });
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

function unpinned(image: FromImage): boolean {
  return !image.ref.digest && (!image.ref.tag || image.ref.tag === 'latest');
}
