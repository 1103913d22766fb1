// An image's history read from the engine and mapped to the Dockerfile it was built from: what the
// notes after a build and the Image Layers view both start from.
import type { Engine } from '../../core/builds';
import type { DockerfileModel } from '../../core/dockerfile/model';
import type { ImageFacts, LayerMapping } from '../../core/images';
import type { CoreBundle } from '../coreBundle';

export interface ImageLayers {
  facts: ImageFacts;
  /** Undefined without a Dockerfile. */
  mapping?: LayerMapping;
}

export async function readLayers(
  { images }: CoreBundle,
  engine: Engine,
  image: string,
  dockerfile?: { model: DockerfileModel; target?: string },
  signal?: AbortSignal,
): Promise<ImageLayers> {
  const baseImage = dockerfile && images.rootBaseImage(dockerfile.model, dockerfile.target);
  const facts = await images.readImageFacts(engine, image, { baseImage, signal });
  if (!dockerfile) return { facts };
  const mapping = images.mapHistory(dockerfile.model, facts.history, {
    target: dockerfile.target,
    baseOnBuild: facts.baseOnBuild,
  });
  return { facts, mapping };
}
