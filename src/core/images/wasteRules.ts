// The guide rule that keeps a kind of wasted bytes out of the image, for the link beside each
// entry: a package manager's cache or lists left in one layer and deleted in a later one, or any
// file a later RUN deletes (build it in a stage of its own and copy out what is needed).

/** Folders (no leading `/`) whose files a package manager leaves behind, and the rule that avoids them. */
const CACHES: readonly [folder: string, rule: string][] = [
  ['var/lib/apt/lists', 'apt-lists-cleanup'],
  ['var/cache/apt', 'cache-mount'],
  ['var/cache/apk', 'apk-no-cache'],
  ['etc/apk/cache', 'apk-no-cache'],
  ['root/.cache/pip', 'pip-no-cache-dir'],
  ['var/cache/yum', 'package-cache-cleanup'],
  ['var/cache/dnf', 'package-cache-cleanup'],
  ['usr/local/share/.cache/yarn', 'package-cache-cleanup'],
  ['root/.cache/yarn', 'package-cache-cleanup'],
  ['root/.npm', 'cache-mount'],
  ['root/.local/share/pnpm', 'cache-mount'],
  ['root/.cache/go-build', 'cache-mount'],
  ['go/pkg/mod', 'cache-mount'],
  ['root/.m2', 'cache-mount'],
  ['root/.gradle', 'cache-mount'],
  ['root/.nuget/packages', 'cache-mount'],
  ['usr/local/cargo/registry', 'cache-mount'],
];

/**
 * The rule for hidden files at `hiddenPath` (absolute; a folder ends in `/`), hidden `how` by an
 * instruction with `hiddenByKeyword` (undefined when unknown).
 */
export function wasteRule(
  hiddenPath: string,
  how: 'removed' | 'overwritten',
  hiddenByKeyword: string | undefined,
): string | undefined {
  const at = hiddenPath.replace(/^\/+|\/+$/g, '');
  // the cache itself, or a folder holding it (not as far up as `/var` or `/root`, which hold other things)
  const holds = (folder: string) => at.includes('/') && folder.startsWith(`${at}/`);
  const cache = CACHES.find(([folder]) => at === folder || at.startsWith(`${folder}/`) || holds(folder));
  if (cache) return cache[1];
  return how === 'removed' && hiddenByKeyword === 'RUN' ? 'prefer-multi-stage' : undefined;
}
