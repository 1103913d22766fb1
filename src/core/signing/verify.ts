// Is this image signed, and by whom? cosign verify with each public key the user trusts: the first
// that verifies names the signer. An image with no signature at all and one signed by a key nobody
// listed are different answers, and so is a verification that could not run (registry down).
import { printable } from '../printable';
import { runCosign, verifiedDigests, verifyCommand, type Cosign, type KeyUse } from './cosign';

export type Verification =
  | { state: 'verified'; key: string; digests: string[] }
  | { state: 'unsigned' }
  /** Signed, but by none of the keys (each key's reason). */
  | { state: 'untrusted'; reasons: { key: string; error: string }[] }
  /** cosign could not tell: the registry, the key file or cosign itself failed. */
  | { state: 'error'; error: string };

const NO_SIGNATURES = /no signatures found/;
const NOT_THIS_KEY = /no matching signatures/;

/** Verifies `reference` (a tag or a digest reference) against each of `keys`, in order. */
export async function verifyImage(
  cosign: Cosign,
  reference: string,
  keys: readonly KeyUse[],
  signal?: AbortSignal,
): Promise<Verification> {
  if (!keys.length) return { state: 'error', error: 'no public key to verify with' };
  const reasons: { key: string; error: string }[] = [];
  for (const use of keys) {
    const result = await runCosign(verifyCommand(cosign, reference, use), { signal });
    if (result.ok) {
      const digests = verifiedDigests(result.stdout);
      // cosign said yes but named no digest: nothing to show a user as verified
      if (!digests.length) return { state: 'error', error: 'cosign verified, but its output names no image digest' };
      return { state: 'verified', key: use.key, digests };
    }
    const error = result.error ?? 'cosign failed';
    if (NO_SIGNATURES.test(error)) return { state: 'unsigned' };
    if (!NOT_THIS_KEY.test(error)) return { state: 'error', error: `${printable(use.key)}: ${error}` };
    reasons.push({ key: use.key, error });
  }
  return { state: 'untrusted', reasons };
}
