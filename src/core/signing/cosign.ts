// cosign as data: sign, verify and generate-key-pair become argument arrays, run without a shell.
// A key's password goes to cosign in COSIGN_PASSWORD, in the child's environment only: never in
// argv (any local user can read /proc/*/cmdline) and never in what is logged or shown. Registry
// credentials are cosign's own business: it reads Docker's config.json and helpers, as docker does.
import { loadExeca } from '../builds/execa';
import type { EngineCommand } from '../builds/command';
import { isDigest } from '../dockerfile/imageRef';
import { printable } from '../printable';
import { imageReference } from '../registry/reference';

/** How to start cosign: its path (`dockwright.cosignPath` or `cosign` on PATH) and the environment
 * to add (DOCKER_CONFIG, a proxy; never a password, which each command adds itself). */
export interface Cosign {
  command: string;
  env?: Record<string, string>;
}

/** What was signed, or what to sign or verify: a registry's repository at one digest. */
export interface SignedImage {
  registry: string;
  repository: string;
  digest: string;
}

export interface KeyUse {
  /** A key file's path, or a KMS URI (`awskms://…`, `gcpkms://…`, `hashivault://…`), passed on as it is. */
  key: string;
  /** Transparency log: true uploads the signature to Rekor (cosign's default); false keeps it private. */
  transparencyLog: boolean;
  /** The registry speaks plain HTTP (a local or insecure registry). */
  plainHttp: boolean;
}

/** cosign could not be started: say how to install it. */
export class CosignMissingError extends Error {
  override readonly name = 'CosignMissingError';
  constructor(readonly command: string) {
    super(
      `cosign was not found at '${command}'. Install it (https://docs.sigstore.dev/cosign/system_config/installation/, ` +
        "or 'apt install cosign' on Debian 13), or set dockwright.cosignPath to its full path.",
    );
  }
}

/** `registry/repository@sha256:…`: a digest, never a tag, which may have moved since; the registry
 * always written out (each part checked as Docker's grammar says, like every name the view writes). */
export function digestReference(image: SignedImage): string {
  if (!isDigest(image.digest)) throw new Error(`'${printable(image.digest)}' is not a digest: cosign signs digests`);
  imageReference(image);
  return `${image.registry}/${image.repository}@${image.digest}`;
}

const httpArgs = (use: KeyUse) => (use.plainHttp ? ['--allow-http-registry'] : []);

/** `cosign sign` of one digest with a key; the password, if any, in the environment. */
export function signCommand(cosign: Cosign, image: SignedImage, use: KeyUse, password?: string): EngineCommand {
  const args = ['sign', '--key', use.key, '--yes', ...httpArgs(use)];
  if (!use.transparencyLog) args.push('--tlog-upload=false');
  args.push(digestReference(image));
  return { command: cosign.command, args, env: withPassword(cosign, password) };
}

/** `cosign verify` of an image (tag or digest) against a public key, with JSON on stdout. */
export function verifyCommand(cosign: Cosign, reference: string, use: KeyUse): EngineCommand {
  const args = ['verify', '--key', use.key, '--output', 'json', ...httpArgs(use)];
  if (!use.transparencyLog) args.push('--insecure-ignore-tlog=true');
  args.push(reference);
  return { command: cosign.command, args, env: { ...cosign.env } };
}

/** `cosign generate-key-pair` in `folder`: writes cosign.key and cosign.pub there. */
export function generateKeyPairCommand(cosign: Cosign, password: string): EngineCommand {
  return { command: cosign.command, args: ['generate-key-pair'], env: withPassword(cosign, password) };
}

function withPassword(cosign: Cosign, password: string | undefined): Record<string, string> {
  // an empty COSIGN_PASSWORD is a key without a password; unset, cosign would prompt on a tty
  return { ...cosign.env, COSIGN_PASSWORD: password ?? '' };
}

export interface CosignResult {
  ok: boolean;
  stdout: string;
  /** What went wrong, in one line, from cosign's own message (control characters escaped). */
  error?: string;
}

const TIMEOUT_MS = 120_000;
const MAX_OUTPUT = 4 * 1024 * 1024;

/** Runs a cosign command; a cosign that is not there is a CosignMissingError. */
export async function runCosign(
  command: EngineCommand,
  options: { cwd?: string; signal?: AbortSignal } = {},
): Promise<CosignResult> {
  const { execa } = await loadExeca();
  const result = await execa(command.command, command.args, {
    env: command.env,
    cwd: options.cwd,
    cancelSignal: options.signal,
    reject: false,
    stdin: 'ignore',
    timeout: TIMEOUT_MS,
    maxBuffer: MAX_OUTPUT,
  });
  const stderr = String(result.stderr ?? '');
  const cause = result.cause instanceof Error && 'code' in result.cause ? result.cause.code : undefined;
  if (cause === 'ENOENT' || cause === 'EACCES') throw new CosignMissingError(command.command);
  if (result.exitCode === 0) return { ok: true, stdout: String(result.stdout) };
  const why = result.timedOut
    ? `cosign did not finish in ${TIMEOUT_MS / 1000} s`
    : result.isCanceled
      ? 'cancelled'
      : cosignError(stderr) || `cosign ended with exit code ${result.exitCode}`;
  return { ok: false, stdout: String(result.stdout), error: why };
}

/** The line of cosign's output that says why (its `Error:` line, else its last), with what a user
 * can do about the common causes put first. */
export function cosignError(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim());
  const line = lines.find((l) => l.startsWith('Error: ')) ?? lines.filter(Boolean).at(-1) ?? '';
  const error = printable(
    line.replace(/^Error: /, '').replace(/^(?:main\.go:\d+: )?error during command execution: /, ''),
  );
  if (/decrypt: encrypted: decryption failed/.test(error)) return `the key's password is wrong (cosign: ${error})`;
  return error;
}

/** The digests a successful `cosign verify --output json` vouches for (its signatures' payloads). */
export function verifiedDigests(stdout: string): string[] {
  let payloads: unknown;
  try {
    payloads = JSON.parse(stdout);
  } catch {
    return [];
  }
  if (!Array.isArray(payloads)) return [];
  const digests = payloads.map((p: unknown) => {
    const digest = (p as { critical?: { image?: { 'docker-manifest-digest'?: unknown } } })?.critical?.image?.[
      'docker-manifest-digest'
    ];
    return typeof digest === 'string' && isDigest(digest) ? digest : undefined;
  });
  return [...new Set(digests.filter((d): d is string => d !== undefined))];
}
