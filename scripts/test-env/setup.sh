#!/usr/bin/env bash
# setup.sh - the real engine and registries the integration tests run against, on a clean
# Debian machine. Idempotent: what is already up and answering is left alone (then ~1-2 s).
#
#   dockerd        unix://$BASE/docker.sock, embedded BuildKit, no bridge or iptables
#                  (so a build's RUN needs --network=none)
#   base image     local/busybox:1, made from Debian's busybox-static (nothing can be pulled)
#   registries     127.0.0.1:5000 no auth · :5001 htpasswd basic · :5002 bearer token,
#                  with its token server (scripts/test-env/token-server.mjs) on :5003
#   podman         Debian's podman, storage under $BASE/podman, local/busybox:1 imported
#   buildx         buildx 0.13 on dockerd 26 (containerd image store) with its own registry, in a
#                  private network namespace, from trixie packages unpacked under $BASE/buildx
#                  (scripts/test-env/buildx.sh; its variables are DOCKWRIGHT_BUILDX_*)
#
# BASE is /tmp/dockwright-test-env unless DOCKWRIGHT_TEST_BASE says otherwise. Afterwards
# `source $BASE/env.sh` (scripts/test.mjs loads it for every test stage). Stop: teardown.sh.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BASE=${DOCKWRIGHT_TEST_BASE:-/tmp/dockwright-test-env}
RUN=$BASE/run
SOCK=$BASE/docker.sock
REGISTRY_PORT=${DOCKWRIGHT_REGISTRY_PORT:-5000}
AUTH_REGISTRY_PORT=${DOCKWRIGHT_AUTH_REGISTRY_PORT:-5001}
TOKEN_REGISTRY_PORT=${DOCKWRIGHT_TOKEN_REGISTRY_PORT:-5002}
TOKEN_SERVER_PORT=${DOCKWRIGHT_TOKEN_SERVER_PORT:-5003}
REG_USER=testuser
REG_PASS=testpass
BASE_IMAGE=local/busybox:1
# Debian's CLI 20.10 has BuildKit built in; a newer CLI found first on PATH needs the buildx
# plugin to use BuildKit, and that plugin cannot be installed here.
DOCKER_BIN=/usr/bin/docker
export DOCKER_HOST=unix://$SOCK
export DOCKER_CONFIG=$BASE/docker-config
export CONTAINERS_STORAGE_CONF=$BASE/podman/storage.conf
export CONTAINERS_REGISTRIES_CONF=$BASE/podman/registries.conf

log() { printf '[test-env %4ss] %s\n' "$SECONDS" "$*"; }
die() { log "ERROR: $*"; exit 1; }
# the pid in file $1 is a live process (a zombie counts as dead)
alive() {
  local pid
  pid=$(cat "$1" 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}
http_status() { curl -s -o /dev/null -w '%{http_code}' "$@" || true; }
engine_up() { "$DOCKER_BIN" version >/dev/null 2>&1; }

mkdir -p "$BASE" "$RUN" "$DOCKER_CONFIG" "$BASE/podman"
# podman reads DOCKER_CONFIG too, and stops when the folder has no config.json
[ -f "$DOCKER_CONFIG/config.json" ] || echo '{}' >"$DOCKER_CONFIG/config.json"

apt_install() { # fatal|optional package...
  local mode=$1; shift
  [ $# -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || { [ "$mode" = optional ] && return 0; die "missing packages ($*); run as root so apt-get can install them"; }
  log "apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq >>"$RUN/apt.log" 2>&1 && APT_UPDATED=1; } || { tail -20 "$RUN/apt.log"; die "apt-get update failed"; }
  if ! apt-get install -y -qq --no-install-recommends "$@" >>"$RUN/apt.log" 2>&1; then
    [ "$mode" = optional ] && { log "could not install $* (see $RUN/apt.log): their tests will say so"; return 0; }
    tail -20 "$RUN/apt.log"
    die "apt-get install $* failed"
  fi
}

install_packages() {
  local need=() pair
  for pair in dockerd:docker.io docker-registry:docker-registry htpasswd:apache2-utils curl:curl openssl:openssl; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
  done
  dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed' || need+=(busybox-static)
  apt_install fatal "${need[@]}"
  [ -x "$DOCKER_BIN" ] || die "$DOCKER_BIN is missing after installing docker.io"
  # podman only serves the podman path: without it the rest still works
  command -v podman >/dev/null 2>&1 || apt_install optional podman
}

stop_leftover_containerd() {
  # A containerd left behind by a killed dockerd makes the next dockerd wait ~60 s and fail.
  local pidfile=$BASE/docker-exec/containerd/containerd.pid
  if alive "$pidfile"; then
    log "stopping leftover containerd $(cat "$pidfile")"
    kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$pidfile" || break; sleep 0.2; done
    alive "$pidfile" && kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

start_engine() {
  if engine_up; then log "dockerd already up"; return; fi
  if alive "$RUN/dockerd.pid"; then   # still starting: give it a moment
    for _ in $(seq 1 60); do engine_up && return; sleep 0.5; done
    die "dockerd (pid $(cat "$RUN/dockerd.pid")) runs but does not answer; run teardown.sh"
  fi
  rm -f "$RUN/dockerd.pid" "$SOCK"
  stop_leftover_containerd
  printf '{ "features": { "buildkit": true } }\n' >"$RUN/daemon.json"
  log "starting dockerd"
  setsid dockerd --config-file "$RUN/daemon.json" \
    --data-root "$BASE/docker-data" --exec-root "$BASE/docker-exec" \
    --pidfile "$RUN/dockerd.pid" -H "$DOCKER_HOST" --storage-driver overlay2 \
    --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
    </dev/null >"$RUN/dockerd.log" 2>&1 &
  for _ in $(seq 1 120); do engine_up && break; sleep 0.25; done
  engine_up || { tail -30 "$RUN/dockerd.log"; die "dockerd did not become ready"; }
  log "dockerd ready (pid $(cat "$RUN/dockerd.pid"))"
}

# A busybox root file system as a tar stream on stdout.
busybox_rootfs_tar() {
  local rootfs=$BASE/base-rootfs applet
  if [ ! -x "$rootfs/bin/sh" ]; then
    rm -rf "$rootfs"
    mkdir -p "$rootfs"/{bin,etc,root,tmp,usr}
    cp /bin/busybox "$rootfs/bin/busybox"
    for applet in $("$rootfs/bin/busybox" --list); do
      [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
    done
    ln -s bin "$rootfs/sbin"
    ln -s ../bin "$rootfs/usr/bin"
    echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
    echo 'root:x:0:' >"$rootfs/etc/group"
    chmod 1777 "$rootfs/tmp"
  fi
  tar -C "$rootfs" --numeric-owner -c .
}

import_base_image() { # cli
  "$1" image inspect "$BASE_IMAGE" >/dev/null 2>&1 && return
  log "importing $BASE_IMAGE into $(basename "$1")"
  busybox_rootfs_tar | "$1" import \
    --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "$BASE_IMAGE" >/dev/null
}

write_registry_config() { # name port auth-yaml
  cat >"$RUN/registry-$1.yml" <<EOF
version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $BASE/registry-$1-data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$2
  secret: test-only-secret-$1
  headers:
    X-Content-Type-Options: [nosniff]
$3
EOF
}

# /v2/ answers with the status and WWW-Authenticate scheme this registry must have.
registry_answers() { # port status auth-scheme
  local headers
  headers=$(curl -s -D - -o /dev/null "http://127.0.0.1:$1/v2/" 2>/dev/null) || return 1
  grep -q "^HTTP/[0-9.]* $2" <<<"$headers" || return 1
  [ -z "$3" ] || grep -qi "^www-authenticate: $3 " <<<"$headers"
}

start_registry() { # name port status auth-scheme
  local name=$1 port=$2 status=$3 scheme=$4
  if registry_answers "$port" "$status" "$scheme"; then log "registry $name already up on 127.0.0.1:$port"; return; fi
  alive "$RUN/registry-$name.pid" && die "registry $name (pid $(cat "$RUN/registry-$name.pid")) runs but /v2/ is wrong; run teardown.sh"
  [ "$(http_status "http://127.0.0.1:$port/")" = 000 ] || die "port $port is taken by something else"
  setsid docker-registry serve "$RUN/registry-$name.yml" </dev/null >"$RUN/registry-$name.log" 2>&1 &
  echo $! >"$RUN/registry-$name.pid"
  for _ in $(seq 1 100); do
    registry_answers "$port" "$status" "$scheme" && { log "registry $name ready on 127.0.0.1:$port"; return; }
    sleep 0.1
  done
  tail -20 "$RUN/registry-$name.log"
  die "registry $name did not become ready"
}

token_server_answers() {
  [ "$(http_status -u "$REG_USER:$REG_PASS" "http://127.0.0.1:$TOKEN_SERVER_PORT/token?service=test-registry&scope=repository:probe:pull")" = 200 ]
}

start_token_server() {
  [ -s "$RUN/token.crt" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=test-token-issuer' \
    -keyout "$RUN/token.key" -out "$RUN/token.crt" 2>/dev/null
  if token_server_answers; then log "token server already up on 127.0.0.1:$TOKEN_SERVER_PORT"; return; fi
  [ "$(http_status "http://127.0.0.1:$TOKEN_SERVER_PORT/")" = 000 ] || die "port $TOKEN_SERVER_PORT is taken by something else"
  setsid node "$HERE/token-server.mjs" "$TOKEN_SERVER_PORT" "$RUN/token.key" "$RUN/token.crt" "$REG_USER" "$REG_PASS" \
    </dev/null >"$RUN/token-server.log" 2>&1 &
  echo $! >"$RUN/token-server.pid"
  for _ in $(seq 1 50); do token_server_answers && { log "token server ready on 127.0.0.1:$TOKEN_SERVER_PORT"; return; }; sleep 0.1; done
  cat "$RUN/token-server.log"
  die "token server did not become ready"
}

start_registries() {
  write_registry_config open "$REGISTRY_PORT" ""
  start_registry open "$REGISTRY_PORT" 200 ""

  [ -s "$RUN/htpasswd" ] || htpasswd -Bbn "$REG_USER" "$REG_PASS" >"$RUN/htpasswd"
  write_registry_config basic "$AUTH_REGISTRY_PORT" "auth:
  htpasswd:
    realm: test-registry
    path: $RUN/htpasswd"
  start_registry basic "$AUTH_REGISTRY_PORT" 401 Basic

  start_token_server
  write_registry_config token "$TOKEN_REGISTRY_PORT" "auth:
  token:
    realm: http://127.0.0.1:$TOKEN_SERVER_PORT/token
    service: test-registry
    issuer: test-issuer
    rootcertbundle: $RUN/token.crt"
  start_registry token "$TOKEN_REGISTRY_PORT" 401 Bearer
}

# podman keeps its images under $BASE and treats the local registries as plain HTTP. It is
# optional: when it cannot work, env.sh has no PODMAN_BIN and its tests say why.
setup_podman() {
  cat >"$CONTAINERS_STORAGE_CONF" <<EOF
[storage]
driver = "overlay"
graphroot = "$BASE/podman/storage"
runroot = "$BASE/podman/run"
EOF
  cat >"$CONTAINERS_REGISTRIES_CONF" <<EOF
unqualified-search-registries = []
[[registry]]
location = "127.0.0.1:$REGISTRY_PORT"
insecure = true
[[registry]]
location = "127.0.0.1:$AUTH_REGISTRY_PORT"
insecure = true
[[registry]]
location = "127.0.0.1:$TOKEN_REGISTRY_PORT"
insecure = true
EOF
  rm -f "$RUN/podman.ok"
  if ! command -v podman >/dev/null 2>&1; then log "podman is not installed: its tests will say so"; return; fi
  if import_base_image podman >"$RUN/podman.log" 2>&1; then
    touch "$RUN/podman.ok"
  else
    log "podman cannot import images here (see $RUN/podman.log): its tests will say so"
  fi
}

# The buildx packages download while the rest starts (cold: 20-60 s, so off the critical path);
# start_buildx waits for them.
fetch_buildx_in_background() {
  TEST_ENV_SECONDS=$SECONDS bash "$HERE/buildx.sh" fetch &
  BUILDX_FETCH=$!
}

# Outside CI a buildx that cannot be fetched or started is a warning: env.sh then says why in
# DOCKWRIGHT_BUILDX_PROBLEM and the buildx tests skip with it. With CI=true it fails set-up.
start_buildx() {
  local fetched=0
  wait "$BUILDX_FETCH" || fetched=$?
  if [ "$fetched" = 0 ] && TEST_ENV_SECONDS=$SECONDS bash "$HERE/buildx.sh" up; then return; fi
  if [ "$fetched" != 0 ]; then
    mkdir -p "$BASE/buildx"
    echo "export DOCKWRIGHT_BUILDX_PROBLEM='could not download the buildx packages from Debian trixie (see $BASE/buildx/logs/fetch.log; DOCKWRIGHT_DEBIAN_MIRROR picks the mirror)'" >"$BASE/buildx/env.sh"
  fi
  [ "${CI:-}" = true ] && die "the buildx engine is not up (CI=true: its tests may not skip)"
  log "the buildx engine is not up: its tests will say why"
}

write_env() {
  {
    echo "export DOCKER_HOST=$DOCKER_HOST"
    echo "export DOCKER_CONFIG=$DOCKER_CONFIG"
    echo "export DOCKER_BIN=$DOCKER_BIN"
    echo "export DOCKER_BUILDKIT=1"
    echo "export TEST_REGISTRY=127.0.0.1:$REGISTRY_PORT"
    echo "export TEST_AUTH_REGISTRY=127.0.0.1:$AUTH_REGISTRY_PORT"
    echo "export TEST_TOKEN_REGISTRY=127.0.0.1:$TOKEN_REGISTRY_PORT"
    echo "export TEST_TOKEN_SERVER=127.0.0.1:$TOKEN_SERVER_PORT"
    echo "export TEST_REGISTRY_USER=$REG_USER"
    echo "export TEST_REGISTRY_PASS=$REG_PASS"
    echo "export TEST_BASE_IMAGE=$BASE_IMAGE"
    echo "export CONTAINERS_STORAGE_CONF=$CONTAINERS_STORAGE_CONF"
    echo "export CONTAINERS_REGISTRIES_CONF=$CONTAINERS_REGISTRIES_CONF"
    if [ -e "$RUN/podman.ok" ]; then echo "export PODMAN_BIN=$(command -v podman)"; fi
    cat "$BASE/buildx/env.sh" 2>/dev/null || true
  } >"$BASE/env.sh.new"
  mv "$BASE/env.sh.new" "$BASE/env.sh"
}

fetch_buildx_in_background
install_packages
start_engine
import_base_image "$DOCKER_BIN"
start_registries
setup_podman
start_buildx
write_env
log "ready; source $BASE/env.sh"
