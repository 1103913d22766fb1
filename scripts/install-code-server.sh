#!/usr/bin/env bash
# Installs what the tests in a real VS Code need, on a clean Debian machine:
#   - chromium (the headless client), libkrb5-dev (code-server's kerberos module builds against it),
#     ripgrep (VS Code's search; its npm package would otherwise download a binary);
#   - code-server 4.100.3 (VS Code 1.100.3 running in Node) into .vscode-test/cs, a git-ignored folder,
#     never into the extension's own dependencies.
# Idempotent: when everything is there it only checks and returns (well under a second).
# Exit codes: 0 ready; 1 something could not be installed (the message says what to install).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# The @vscode/ripgrep version code-server 4.100.3 depends on, and the binary it would download.
RIPGREP_CACHE=/tmp/vscode-ripgrep-cache-1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$root/.vscode-test/cs"

say() { echo "[install-code-server] $*"; }
fail() { say "$*" >&2; exit 1; }

missing_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/rg ] || missing+=(ripgrep)
  dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(libkrb5-dev)
  echo "${missing[@]:-}"
}

install_debian_packages() {
  local missing
  missing="$(missing_packages)"
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    fail "missing Debian packages: $missing. Install them as root: apt-get install -y $missing"
  fi
  command -v apt-get >/dev/null || fail "missing packages ($missing) and no apt-get: install them with your package manager"
  say "installing Debian packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  # Package lists may be absent on a fresh image, or stale: update once and retry before giving up.
  # shellcheck disable=SC2086
  if ! apt-get install -y --no-install-recommends $missing; then
    apt-get update
    apt-get install -y --no-install-recommends $missing || fail "apt-get could not install: $missing"
  fi
}

seed_ripgrep_cache() {
  # @vscode/ripgrep's postinstall downloads rg from GitHub; there is no such network here,
  # so it finds the archive in its cache instead, made from Debian's rg.
  [ -s "$RIPGREP_CACHE/$RIPGREP_ARCHIVE" ] && return 0
  mkdir -p "$RIPGREP_CACHE"
  tar czf "$RIPGREP_CACHE/$RIPGREP_ARCHIVE" -C /usr/bin rg
}

code_server_installed() {
  local pkg="$prefix/node_modules/code-server/package.json"
  # rg is put in place by code-server's postinstall: its presence says the install finished.
  [ -f "$pkg" ] && [ -f "$prefix/node_modules/code-server/out/node/entry.js" ] &&
    [ -x "$prefix/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] &&
    node -e 'process.exit(require(process.argv[1]).version === process.argv[2] ? 0 : 1)' "$pkg" "$CODE_SERVER_VERSION"
}

install_code_server() {
  code_server_installed && return 0
  say "installing code-server@$CODE_SERVER_VERSION into .vscode-test/cs (about 75 s, 300 MB)"
  mkdir -p "$prefix"
  # A package.json of its own keeps npm from walking up into the extension's package.json.
  [ -f "$prefix/package.json" ] || echo '{ "name": "dockwright-test-code-server", "private": true }' > "$prefix/package.json"
  npm_config_yes=true npm_config_unsafe_perm=true \
    npm install --prefix "$prefix" --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION" ||
    fail "npm could not install code-server@$CODE_SERVER_VERSION into $prefix"
  code_server_installed || fail "code-server@$CODE_SERVER_VERSION is not complete in $prefix after npm install"
}

install_debian_packages
seed_ripgrep_cache
install_code_server
say "ready: code-server $CODE_SERVER_VERSION, /usr/bin/chromium"
