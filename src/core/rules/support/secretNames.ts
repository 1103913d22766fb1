// Whether a variable name or value looks like a credential, for secret-in-arg-env.

const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'secret',
  'token',
  'credential',
  'credentials',
  'apikey',
  'accesskey',
  'privatekey',
]);
/**
 * Short spellings of password: `PASS`, `PWD`, `PWORD`, Jenkins' `*_PSW` (its credential bindings),
 * `ROOTPASS`, `DBPASSWORD` (not `BYPASS`, `COMPASS`).
 */
const SHORT_PASSWORD =
  /^(pass|pwd|pword|psw|(root|db|admin|user|mysql|pg|postgres|redis|ldap|smtp|mail)(pass|passwd|password|pwd))$/;
/** Words that are a secret as the name's last word: `NPM_AUTH`, `BASIC_AUTH`, `LICENSE_KEY`, `git_key`. */
const SECRET_LAST = new Set(['auth', 'key']);
/** Keys that are published on purpose: `GPG_KEY` (a fingerprint, in many official images). */
const PUBLIC_KEY_KINDS = new Set(['gpg', 'pgp', 'gnupg', 'pub']);
const SECRET_PAIRS = new Set(['api key', 'access key', 'private key']);
/** A last word that makes the name about a secret rather than the secret itself: `TOKEN_URL`, `PASSWORD_FILE`. */
const NOT_SECRET_TAIL = new Set([
  'url',
  'uri',
  'file',
  'files',
  'path',
  'dir',
  'directory',
  'endpoint',
  'host',
  'hostname',
  'port',
  'name',
  'type',
  'length',
  'header',
  'location',
  'enabled',
  'required',
  'policy',
  'expiry',
  'ttl',
  'timeout',
  'version',
  'mode',
  'format',
  'method',
  'user',
  'username',
  'audience',
  'issuer',
  'scope',
  'prefix',
  'suffix',
  'algorithm',
  'field',
  'label',
  'env',
  'var',
  'mount',
  'store',
]);

/** The words of a name: `NPM_TOKEN` → npm, token; `apiKey` → api, key. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  // a name marked public is meant to be seen (BuildKit's and Trivy's allow token)
  if (!words.length || NOT_SECRET_TAIL.has(words[words.length - 1]) || words.includes('public')) return false;
  const last = words.length - 1;
  if (SECRET_LAST.has(words[last]) && !PUBLIC_KEY_KINDS.has(words[last - 1])) return true;
  return words.some(
    (w, i) => SECRET_WORDS.has(w) || SECRET_PAIRS.has(`${w} ${words[i + 1]}`) || SHORT_PASSWORD.test(w),
  );
}

/**
 * A value that is a file path (`/credentials/key.json`, `./certs/server.key`, `~/.netrc`,
 * `$HOME/x`) says where a secret is, not what it is: copying the file is secret-file-copy's concern.
 */
export function isFilePath(value: string): boolean {
  return /^(\/|\.{1,2}\/|~\/|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\/|[A-Za-z]:[\\/])/.test(value.replace(/^["']/, ''));
}

const CREDENTIAL_VALUES: RegExp[] = [
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, // GitHub token
  /\bgithub_pat_[A-Za-z0-9_]{40,}\b/,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/, // GitLab token
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, // JWT
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/, // PEM
];

export function looksLikeCredential(value: string): boolean {
  return CREDENTIAL_VALUES.some((re) => re.test(value));
}
