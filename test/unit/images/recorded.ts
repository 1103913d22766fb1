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
  if (name.startsWith('podman'))
    return { dockerfile: read('Dockerfile'), facts: parsePodmanHistory(read('history.json'), read('inspect.json')) };
  // `docker image inspect <image> <base>`, as readImageFacts asks when the Dockerfile names a base
  const inspect =
    name === 'buildx-features'
      ? JSON.stringify([...JSON.parse(read('inspect.json')), ...JSON.parse(read('base-inspect.json'))])
      : read('inspect.json');
  const facts = parseDockerHistory(read('history.jsonl'), inspect);
  return { dockerfile: read('Dockerfile'), facts, baseOnBuild: facts.baseOnBuild };
}
