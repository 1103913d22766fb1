// One path component's wildcard (`*.csproj`, `package*.json`) as Go's filepath.Match reads it,
// which is what COPY sources use.

export function hasWildcard(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** `*` and `?` never match `/`; `[…]` classes are kept as written. */
export function globToRegExp(component: string): RegExp {
  const body = component
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}
