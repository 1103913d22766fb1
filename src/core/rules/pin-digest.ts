import type { Rule } from '../rule';
import { editable, setDigestEdit } from '../dockerfile/fromImage';
import { currentDigest, imageFindings, imageOf } from './support/pinFixes';

export const pinDigest: Rule = {
  id: 'pin-digest',
  aliases: {},
  defaultLevel: 'off',
  title: 'FROM an image by tag without @sha256: digest',
  check({ dockerfile }) {
    return imageFindings(
      dockerfile,
      (image) => !image.ref.digest,
      (image) =>
        `${image.ref.name}:${image.ref.tag ?? 'latest'} can be pushed again with other content; pin its digest to build from exactly the image you tested.`,
    );
  },
  async resolveFixes(ctx, finding, resolver, signal) {
    const image = imageOf(ctx, finding);
    if (!image || image.ref.digest || !editable(image)) return [];
    const digest = await currentDigest(resolver, image, signal);
    if (!digest) return [];
    // The only choice there is: the digest the tag points to now.
    return [
      {
        title: `Pin to current digest ${digest.slice(0, 19)}…`,
        safe: true,
        edits: [setDigestEdit(ctx.dockerfile, image, digest)],
      },
    ];
  },
};
