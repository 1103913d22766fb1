// The WWW-Authenticate challenge of a registry: `Basic realm="…"` or
// `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"`.

export interface Challenge {
  scheme: 'basic' | 'bearer';
  /** The token endpoint for bearer challenges. */
  realm?: string;
  service?: string;
  /** Scopes the registry asked for, e.g. `repository:app:pull,push`. */
  scopes: string[];
}

/** The first Basic or Bearer challenge in the header; undefined for none or another scheme. */
export function parseChallenge(header: string | null | undefined): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(basic|bearer)\b\s*(.*)$/is.exec(header);
  if (!match) return undefined;
  const params = parseParams(match[2]);
  const scheme = match[1].toLowerCase() as Challenge['scheme'];
  const scopes = params.scope ? params.scope.split(' ').filter(Boolean) : [];
  return { scheme, realm: params.realm, service: params.service, scopes };
}

/** `a="x",b=y, c="with \"quote\", comma"` → {a, b, c}; names are lower-cased. */
function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?\s*/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return params;
}
