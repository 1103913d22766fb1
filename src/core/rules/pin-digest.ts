import type { Rule } from '../rule';
import type { Finding } from '../types';
import { editable, fromImage, globalArgs, setDigestEdit } from './support/fromImage';
import { currentDigest, imageOf } from './support/pinFixes';

export const pinDigest: Rule = {
  id: 'pin-digest',
  aliases: [],
  severity: 'off',
  title: 'FROM an image by tag without @sha256: digest',
  check({ dockerfile }) {
    const args = globalArgs(dockerfile);
    const findings: Finding[] = [];
    for (const stage of dockerfile.stages) {
      const image = fromImage(dockerfile, stage, args);
      if (!image || image.ref.digest) continue;
      findings.push({
        range: image.range,
        message: `${image.ref.name}:${image.ref.tag ?? 'latest'} can be pushed again with other content; pin its digest to build from exactly the image you tested.`,
        related: image.viaArg ? [{ range: image.viaArg.range, message: `the default of ARG ${image.viaArg.name}` }] : undefined,
      });
    }
    return findings;
  },
  async resolveFixes(ctx, finding, resolver, signal) {
    const image = imageOf(ctx, finding);
    if (!image || image.ref.digest || !editable(image)) return [];
    const digest = await currentDigest(resolver, image, signal);
    if (!digest) return [];
    // The only choice there is: the digest the tag points to now.
    return [{ title: `Pin to current digest ${digest.slice(0, 19)}…`, safe: true, edits: [setDigestEdit(ctx.dockerfile, image, digest)] }];
  },
};
