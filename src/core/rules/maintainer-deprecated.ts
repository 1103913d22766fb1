import type { Rule } from '../rule';

export const maintainerDeprecated: Rule = {
  id: 'maintainer-deprecated',
  aliases: { hadolint: ['DL4000'], buildkit: ['MaintainerDeprecated'], trivy: ['DS-0022'] },
  defaultLevel: 'warning',
  title: 'MAINTAINER is deprecated',
  check({ dockerfile }) {
    return dockerfile.instructions
      .filter((i) => i.keyword === 'MAINTAINER')
      .map((i) => {
        const author = i.args.map((a) => a.value).join(' ');
        return {
          range: i.range,
          message: 'MAINTAINER is deprecated; record the author in the org.opencontainers.image.authors label.',
          fixes: [
            {
              title: 'Replace with LABEL org.opencontainers.image.authors',
              safe: true,
              edits: [{ range: i.range, newText: `LABEL org.opencontainers.image.authors=${JSON.stringify(author)}` }],
            },
          ],
        };
      });
  },
};
