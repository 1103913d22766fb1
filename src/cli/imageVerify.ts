// `dockwright image verify <image> --key <public key>`: does the digest the image's tag points at
// now carry a valid cosign signature by one of these keys? For CI, after a push: exit 0 or 1.
import { parseImageRef } from '../core/dockerfile/imageRef';
import { printable } from '../core/printable';
import { isLoopback } from '../core/registry/endpoint';
import { CosignMissingError, verifyImage, type Verification } from '../core/signing';
import { EXIT } from './exitCodes';
import type { CliEnvironment } from './main';
import { oneOf, parseCliArgs, UsageError } from './options';

export const IMAGE_VERIFY_HELP = `Usage: dockwright image verify <image> --key <public key> [options]

Checks that the digest <image> points at now carries a valid cosign signature by
one of the keys: a tag pushed again since it was signed is not signed any more.
cosign (https://docs.sigstore.dev) does the checking, with Docker's credentials.

Options:
  --key <path|KMS URI>       a public key to trust; give several to trust each
  --insecure-ignore-tlog     accept signatures made without the transparency log
                             (cosign sign --tlog-upload=false, for a private registry)
  --allow-http               the registry speaks plain HTTP (loopback ones always may)
  --cosign <path>            the cosign to run (default: cosign on the PATH)
  --format <text|json>       output format (default: text)
  -h, --help                 show this help

Exit codes: 0 signed by one of the keys, 1 not signed or by no such key, 2 a usage
error, cosign missing, or a registry cosign could not ask.`;

interface VerifyOptions {
  image: string;
  keys: string[];
  transparencyLog: boolean;
  plainHttp: boolean;
  cosign: string;
  format: 'text' | 'json';
}

function parseVerifyArgs(argv: string[]): VerifyOptions | undefined {
  const parsed = parseCliArgs(argv, {
    key: { type: 'string', multiple: true },
    'insecure-ignore-tlog': { type: 'boolean' },
    'allow-http': { type: 'boolean' },
    cosign: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  const [image, ...extra] = positionals;
  if (!image) throw new UsageError('no image given: try `dockwright image verify <image> --key cosign.pub`');
  if (extra.length) throw new UsageError(`one image at a time: '${extra[0]}' is one too many`);
  if (!values.key?.length) throw new UsageError('no --key given: the public key that should have signed the image');
  const ref = parseImageRef(image);
  return {
    image,
    keys: values.key,
    transparencyLog: !values['insecure-ignore-tlog'],
    plainHttp: values['allow-http'] === true || isLoopback(ref.domain),
    cosign: values.cosign || 'cosign',
    format: oneOf(values.format ?? 'text', ['text', 'json'] as const, '--format'),
  };
}

export async function runImageVerify(argv: string[], environment: CliEnvironment): Promise<number> {
  const stdout = environment.stdout ?? process.stdout;
  const stderr = environment.stderr ?? process.stderr;
  const complain = (message: string) => stderr.write(`dockwright: ${printable(message)}\n`);
  let options;
  try {
    options = parseVerifyArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    complain(error.message);
    stderr.write('Run `dockwright image verify --help` for the options.\n');
    return EXIT.trouble;
  }
  if (!options) return (stdout.write(IMAGE_VERIFY_HELP + '\n'), EXIT.clean);
  const { transparencyLog, plainHttp } = options;
  let verification: Verification;
  try {
    verification = await verifyImage(
      { command: options.cosign, env: environment.env as Record<string, string> | undefined },
      options.image,
      options.keys.map((key) => ({ key, transparencyLog, plainHttp })),
    );
  } catch (error) {
    if (!(error instanceof CosignMissingError)) throw error;
    complain(error.message);
    return EXIT.trouble;
  }
  stdout.write(
    options.format === 'json'
      ? `${JSON.stringify({ image: options.image, ...verification }, null, 2)}\n`
      : `${verdictText(options.image, verification)}\n`,
  );
  if (verification.state === 'error') return EXIT.trouble;
  return verification.state === 'verified' ? EXIT.clean : EXIT.findings;
}

function verdictText(image: string, verification: Verification): string {
  const name = printable(image);
  switch (verification.state) {
    case 'verified':
      return `${name} (${verification.digests.join(', ')}) is signed by ${printable(verification.key)}.`;
    case 'unsigned':
      return `${name} is not signed: its digest has no signature.`;
    case 'untrusted':
      return `${name} is signed, but by none of the keys given:\n${verification.reasons.map((r) => `  ${printable(r.key)}: ${r.error}`).join('\n')}`;
    case 'error':
      return `${name} could not be verified: ${verification.error}`;
  }
}
