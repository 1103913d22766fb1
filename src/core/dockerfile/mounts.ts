// A RUN's `--mount` flags, read as BuildKit reads them: the rules ask about cache mounts, the build
// commands about the secrets a Dockerfile needs.
import type { DockerfileModel, Instr } from './model';
import { memoOn } from '../memo';

export interface Mount {
  type: string;
  target?: string;
  options: Record<string, string>;
}

const MOUNTS = Symbol('dockwright.runMounts');

/**
 * The RUN's `--mount` flags, read as BuildKit reads them (type defaults to bind). Kept on the RUN:
 * the cache rules ask for each manager and target, and the RUN alone decides them.
 */
function runMounts(instr: Instr): readonly Mount[] {
  return memoOn(instr, MOUNTS, () => readMounts(instr));
}

function readMounts(instr: Instr): Mount[] {
  return instr.flags
    .filter((f) => f.name === 'mount' && f.value !== null)
    .map((f) => {
      const options: Record<string, string> = {};
      for (const part of f.value!.split(',')) {
        const eq = part.indexOf('=');
        if (eq > 0)
          options[part.slice(0, eq).trim().toLowerCase()] = part
            .slice(eq + 1)
            .trim()
            .replace(/^["']|["']$/g, '');
        else options[part.trim().toLowerCase()] = 'true';
      }
      return { type: options.type ?? 'bind', target: options.target ?? options.dst ?? options.destination, options };
    });
}

/**
 * Whether the RUN mounts a cache or a tmpfs at a target the test accepts (given without a trailing
 * `/`): what the command writes there stays out of the layer.
 */
export function mountsOutOfLayer(instr: Instr, test: (target: string) => boolean): boolean {
  return runMounts(instr).some(
    (m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined && test(m.target.replace(/\/+$/, '')),
  );
}

/** The ids of the secrets the Dockerfile mounts: `id=`, or else the target's file name, as BuildKit does. */
export function secretMountIds(model: DockerfileModel): string[] {
  const ids = new Set<string>();
  for (const instr of model.instructions) {
    for (const mount of runMounts(instr)) {
      if (mount.type !== 'secret') continue;
      const id = mount.options.id || mount.target?.replace(/\/+$/, '').split('/').pop();
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

/** What the RUN's bind mounts of the build context read (`source=`, the whole context when absent); not those `from=` a stage or image. */
export function contextBindSources(instr: Instr): string[] {
  return runMounts(instr)
    .filter((m) => m.type === 'bind' && !m.options.from)
    .map((m) => m.options.source ?? m.options.src ?? '');
}
