// The engines' recorded answers of test/fixtures/images (see its README), read as the core reads them.
import { fixture } from '../../support/fixtures';
import { parseDockerHistory, parsePodmanHistory, type ImageFacts } from '../../../src/core/images';

export type RecordedCase =
  | 'docker20-multistage'
  | 'docker20-target'
  | 'buildx-features'
  | 'buildx-target'
  | 'podman-multistage'
  | 'podman-onbuild';

export function recorded(name: RecordedCase): { dockerfile: string; facts: ImageFacts; baseOnBuild?: string[] } {
  const read = (file: string) => fixture('images', `${name}/${file}`);
  const facts = name.startsWith('podman')
    ? parsePodmanHistory(read('history.json'), read('inspect.json'))
    : parseDockerHistory(read('history.jsonl'), read('inspect.json'));
  const baseOnBuild =
    name === 'buildx-features'
      ? (JSON.parse(read('base-inspect.json')) as { Config: { OnBuild: string[] } }[])[0].Config.OnBuild
      : undefined;
  return { dockerfile: read('Dockerfile'), facts, baseOnBuild };
}
