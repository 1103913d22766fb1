// Build and Push…'s optional last step: cosign signs what the push pushed. The digest comes from
// the push's own report (buildx's metadata file, docker push's "digest:" line, podman push's
// --digestfile), never from the tag,
// which anyone may have moved since. A cosign that is not installed skips the step and says how to
// install it; a key that does not open (a wrong password) fails it, and the pushed image stays as
// pushed: cosign writes nothing before it has signed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineKind } from '../../core/builds';
import { printable } from '../../core/printable';
import type { SignedImage } from '../../core/signing';
import type { LoadCore } from '../coreBundle';

/** Signs one pushed digest: resolves to cosign's error, or undefined (SigningService does this). */
export interface PushSigner {
  sign(image: SignedImage): Promise<string | undefined>;
}

/** Where a build and push says which digest it pushed, filled as it runs. */
export interface PushReport {
  engine: EngineKind;
  tags: string[];
  /** buildx: its --metadata-file, whose containerimage.digest is the pushed manifest's (or index's). */
  metadataFile?: string;
  /** The metadata file is Dockwright's own, to remove afterwards (not one tasks.json asked for). */
  ownMetadataFile?: boolean;
  /** docker: each push command's output, by the tag it pushed. */
  outputs: Map<string, string>;
  /** podman: the file of Dockwright's own its push writes the digest to, by tag. */
  digestFiles?: Map<string, string>;
}

/** What the user answers "sign it" with that is no failure: the step is skipped, the build stands. */
const DECLINED = new Set(['no key chosen', 'no password given']);

const MAX_PUSH_OUTPUT = 64 * 1024;

/**
 * A report for a push of `tags`: for buildx, a metadata file of Dockwright's own when none is
 * asked for; for podman, a digest file of its own for each tag.
 */
export function pushReport(engine: EngineKind, tags: string[], metadataFile: string | undefined): PushReport {
  // the global Web Crypto: requiring node:crypto would cost activation 12 to 30 ms
  const ownFile = (ending: string) => path.join(os.tmpdir(), `dockwright-push-${crypto.randomUUID()}${ending}`);
  if (engine === 'podman')
    return { engine, tags, outputs: new Map(), digestFiles: new Map(tags.map((tag) => [tag, ownFile('.digest')])) };
  if (engine !== 'buildx' || metadataFile) return { engine, tags, metadataFile, outputs: new Map() };
  return { engine, tags, metadataFile: ownFile('.json'), ownMetadataFile: true, outputs: new Map() };
}

/** Keeps the end of a push command's output (where docker prints the digest). */
export function recordPushOutput(report: PushReport, tag: string, text: string): void {
  report.outputs.set(tag, ((report.outputs.get(tag) ?? '') + text).slice(-MAX_PUSH_OUTPUT));
}

/** Signs each pushed repository at the digest the push reported; resolves to the task's exit code. */
export async function signPushed(
  report: PushReport,
  signer: PushSigner | undefined,
  loadCore: LoadCore,
  write: (text: string) => void,
): Promise<number> {
  const line = (colour: number, text: string) => write(`\x1b[${colour}m${printable(text)}\x1b[0m\r\n`);
  try {
    if (!signer) {
      line(33, 'Sign step skipped: signing is not available in this window.');
      return 0;
    }
    const { signing } = await loadCore();
    const images = pushedImages(report, signing);
    if (typeof images === 'string') {
      line(31, `Not signed: ${images}. The image is pushed; sign it from the Registries view (Sign Image…).`);
      return 1;
    }
    for (const image of images) {
      const reference = signing.digestReference(image);
      line(2, `> cosign sign ${reference}`);
      let error: string | undefined;
      try {
        error = await signer.sign(image);
      } catch (thrown) {
        if (!(thrown instanceof signing.CosignMissingError)) throw thrown;
        line(33, `Sign step skipped: ${thrown.message}`);
        return 0;
      }
      if (error && DECLINED.has(error)) {
        line(33, `Sign step skipped: ${error}.`);
        return 0;
      }
      if (error) {
        line(
          31,
          `Could not sign ${reference}: ${error}. The pushed image is untouched; only its signature is missing.`,
        );
        return 1;
      }
      line(32, `Signed ${reference}.`);
    }
    return 0;
  } finally {
    discardPushReport(report);
  }
}

/** Removes the metadata file Dockwright made up for the push (never one tasks.json asked for). */
export function discardPushReport(report: PushReport): void {
  if (report.ownMetadataFile && report.metadataFile) fs.rmSync(report.metadataFile, { force: true });
  for (const file of report.digestFiles?.values() ?? []) fs.rmSync(file, { force: true });
}

type Signing = Awaited<ReturnType<LoadCore>>['signing'];

/** The repositories pushed and the digest each got, one entry each; or why the push did not say. */
function pushedImages(report: PushReport, signing: Signing): SignedImage[] | string {
  const images = new Map<string, SignedImage>();
  for (const tag of report.tags) {
    const digest = pushedDigest(report, tag, signing);
    if (!digest) return `the push did not report which digest it pushed for ${tag}`;
    const image = signing.pushedImage(tag, digest);
    images.set(`${image.registry}/${image.repository}@${digest}`, image);
  }
  return [...images.values()];
}

function pushedDigest(report: PushReport, tag: string, signing: Signing): string | undefined {
  if (report.engine === 'buildx') {
    const text = report.metadataFile && readSmallFile(report.metadataFile);
    return text ? signing.digestFromMetadata(text) : undefined;
  }
  const digestFile = report.digestFiles?.get(tag);
  if (digestFile) {
    const text = readSmallFile(digestFile);
    return text ? signing.digestFromDigestFile(text) : undefined;
  }
  const output = report.outputs.get(tag);
  return output ? signing.digestFromPushOutput(output, tag) : undefined;
}

function readSmallFile(file: string): string | undefined {
  try {
    return fs.statSync(file).size <= MAX_PUSH_OUTPUT ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
