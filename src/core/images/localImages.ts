// The engine's local image store, for the Images root of the Registries view: each image's ID,
// references, size and creation time, and the commands on one (tag, remove). Whatever the engine
// prints is checked here before it is shown or copied: an ID is a sha256 digest, a reference
// passes Docker's grammar (so no control or bidi character survives), a size is a byte count.
import type { Engine } from '../builds/engine';
import { parseImageRef } from '../dockerfile/imageRef';
import { shownName } from '../registry/errors';
import { imageReference } from '../registry/reference';
import { ImageCommandError, ImageNotFoundError, output, type ImageCommandOptions } from './engineImages';

export interface LocalImage {
  /** `sha256:` and 64 hex digits (podman prints the hex alone; it is given the prefix). */
  id: string;
  /** Its valid references (`app:1`, `localhost/app:1`); none for a dangling image. */
  references: string[];
  /** How many names the engine gave that are no valid reference, left out of `references`. */
  rejectedNames: number;
  /** Bytes, as `docker images` counts them (the base image's layers included). */
  size?: number;
  /** ISO 8601. */
  created?: string;
}

const ID = /^(?:sha256:)?([a-f0-9]{64})$/;
const CREATED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
/** What old engines list for a dangling image instead of no name. */
const NO_NAME = '<none>:<none>';

/** The ID as `sha256:<hex>`, or undefined when it is not one. */
export function imageId(raw: unknown): string | undefined {
  const m = typeof raw === 'string' ? ID.exec(raw) : null;
  return m ? `sha256:${m[1]}` : undefined;
}

/** The reference in Docker's short form (`nginx:1`, `localhost/app:1`), or the reason it is none. */
function checkedReference(text: string, needsTag: boolean): { reference: string } | { problem: string } {
  const ref = parseImageRef(text);
  if (ref.digest !== undefined) return { problem: 'A tag names the image, not a digest: leave out @sha256:….' };
  if (needsTag && ref.tag === undefined) return { problem: `${shownName(text)} has no tag.` };
  try {
    const reference = imageReference({ registry: ref.domain, repository: ref.path, tag: ref.tag });
    return { reference };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What is wrong with `text` as the new name of an image (Tag…, Push…), or undefined when it is a
 * reference the engine takes: `[registry/]repository[:tag]`, lower-case, no digest.
 */
export function newReferenceProblem(text: string): string | undefined {
  const checked = checkedReference(text.trim(), false);
  return 'problem' in checked ? checked.problem : undefined;
}

/** `text` as the engine's short form; throws when newReferenceProblem has one. */
export function newReference(text: string): string {
  const checked = checkedReference(text.trim(), false);
  if ('problem' in checked) throw new ImageCommandError(checked.problem);
  return checked.reference;
}

function parseOne(value: unknown): LocalImage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const id = imageId(raw.Id);
  if (!id) return undefined;
  const names = Array.isArray(raw.RepoTags) ? raw.RepoTags.filter((t) => t !== NO_NAME) : [];
  const references: string[] = [];
  let rejectedNames = 0;
  for (const name of names) {
    const checked = typeof name === 'string' ? checkedReference(name, true) : undefined;
    if (!checked || !('reference' in checked)) rejectedNames++;
    else if (!references.includes(checked.reference)) references.push(checked.reference);
  }
  const size = typeof raw.Size === 'number' && Number.isSafeInteger(raw.Size) && raw.Size >= 0 ? raw.Size : undefined;
  const created =
    typeof raw.Created === 'string' && CREATED.test(raw.Created) && !Number.isNaN(Date.parse(raw.Created))
      ? raw.Created
      : undefined;
  return { id, references, rejectedNames, size, created };
}

/** `image inspect`'s JSON (docker's or podman's) as images, newest first; what is not one is left out. */
export function parseLocalImages(json: string): LocalImage[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ImageCommandError('the engine listed its images in a form Dockwright cannot read');
  }
  const images = (Array.isArray(parsed) ? parsed : []).map(parseOne).filter((i) => i !== undefined);
  const time = (i: LocalImage) => (i.created ? Date.parse(i.created) : 0);
  return images.sort((a, b) => time(b) - time(a));
}

/** Every image of the engine's store (not the intermediate images of the classic builder). */
export async function listLocalImages(engine: Engine, options: ImageCommandOptions = {}): Promise<LocalImage[]> {
  // an image removed between the two commands fails the inspect: list once more
  for (let attempt = 1; ; attempt++) {
    const listed = await output(engine, '', ['image', 'ls', '--quiet', '--no-trunc'], options);
    const ids = [
      ...new Set(
        listed
          .split('\n')
          .map(imageId)
          .filter((id) => id !== undefined),
      ),
    ];
    if (!ids.length) return [];
    try {
      return parseLocalImages(await output(engine, '', ['image', 'inspect', ...ids], options));
    } catch (error) {
      if (!(error instanceof ImageNotFoundError) || attempt === 2) throw error;
    }
  }
}

/** `image tag`: `target` (checked by newReference) names the image `source` names. */
export async function tagImage(
  engine: Engine,
  source: string,
  target: string,
  options: ImageCommandOptions = {},
): Promise<string> {
  const checked = newReference(target);
  await output(engine, source, ['image', 'tag', source, checked], options);
  return checked;
}

/** The image cannot go while a container (running or stopped) was made from it. */
export class ImageInUseError extends Error {
  override readonly name = 'ImageInUseError';
  constructor(
    readonly image: string,
    readonly container?: string,
  ) {
    super(
      `${image} is used by ${container ? `container ${container}` : 'a container'}: remove the container first (docker rm${container ? ` ${container}` : ' …'}), then the image.`,
    );
  }
}

// docker: "… - container 3f2a… is using its referenced image …", "… being used by stopped container 3f2a…";
// podman: "image used by 3f2a…: image is in use by a container"
const IN_USE =
  /(?:container ([a-f0-9]{12,64}) is using|used by (?:running |stopped )?(?:container )?([a-f0-9]{12,64})|in use by a container)/i;

/** `image rm` of a reference (a tag goes; the image too when it was its last) or of an ID. */
export async function removeLocalImage(
  engine: Engine,
  image: string,
  options: ImageCommandOptions = {},
): Promise<void> {
  try {
    await output(engine, image, ['image', 'rm', image], options);
  } catch (error) {
    const m = error instanceof ImageCommandError ? IN_USE.exec(error.message) : null;
    if (m) throw new ImageInUseError(image, (m[1] ?? m[2])?.slice(0, 12));
    throw error;
  }
}
