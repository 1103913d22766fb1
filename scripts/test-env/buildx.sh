#!/usr/bin/env bash
# buildx.sh fetch|start|up|stop|env|purge - a real `docker buildx` on a current engine, beside
# setup.sh's Docker 20.10: buildx 0.13 (Debian trixie's docker-buildx) as a plugin of trixie's
# docker CLI 26, on trixie's dockerd 26 (embedded BuildKit 0.13) with trixie's containerd 1.7 and
# the containerd image store, bookworm's runc, trixie's registry 2.8.
#
#   fetch   download the .debs with a private apt state (trixie beside bookworm, same mirror) and
#           unpack them with dpkg-deb -x into $BX/dist/root: nothing is installed system-wide
#           (installing trixie's docker.io upgrades containerd; its runc and tini pull in glibc 2.41)
#   start   a private network + mount namespace (own loopback and docker0, own /run), and in it
#           containerd, dockerd and a registry on 127.0.0.1:5100; local/busybox:1 imported
#   up      fetch + start + write $BX/env.sh (setup.sh does this and copies it into env.sh)
#   stop    stop what start started (by recorded pid); purge: stop, then delete $BX
#   env     the export lines for env.sh
#
# The namespace: a build cannot reach past this machine (a `# syntax=` line or a missing base
# image fails at once with "no such host"), and RUN needs no --network flag (it has a bridge).
# The CLI reaches dockerd through $BX/run/docker.sock; whatever talks to the registry itself
# (curl, buildx imagetools) runs under `nsenter --net=$DOCKWRIGHT_BUILDX_NETNS`, or reads the same
# storage through the host's 127.0.0.1:5101 ($DOCKWRIGHT_BUILDX_HOST_REGISTRY).
#
# BX is $DOCKWRIGHT_TEST_BASE/buildx (/tmp/dockwright-test-env/buildx). Idempotent: what is
# fetched or up and answering is left alone. Each step holds $BX/lock, so two worktrees running
# setup.sh at once take turns. The mirror is the system's Debian mirror unless
# DOCKWRIGHT_DEBIAN_MIRROR says otherwise.
set -euo pipefail

BASE=${DOCKWRIGHT_TEST_BASE:-/tmp/dockwright-test-env}
BX=$BASE/buildx
DIST=$BX/dist
ROOT=$DIST/root
RUN=$BX/run
LOGS=$BX/logs
STATE=$BX/state
REG_ADDR=127.0.0.1:${DOCKWRIGHT_BUILDX_REGISTRY_PORT:-5100} # inside the namespace: no clash with the host's ports
# The same registry storage served on the host too, by a second registry process: what buildx
# pushes inside the namespace is read from here by tests and the Registries view (the registry
# keeps no cache of its own, so both see every write at once).
HOST_REG_ADDR=127.0.0.1:${DOCKWRIGHT_BUILDX_HOST_REGISTRY_PORT:-5101}
BASE_IMAGE=local/busybox:1
BIN=$ROOT/usr/sbin:$ROOT/usr/bin
DOCKER=$ROOT/usr/bin/docker
SOCK=$RUN/docker.sock
# name/suite: runc from bookworm (trixie's needs glibc 2.38); tini only for tini-static (docker-init)
# cosign is no part of the engine: it is here because it comes from trixie the same way (issue 18's tests)
PACKAGES=(docker-buildx/trixie docker-cli/trixie docker.io/trixie containerd/trixie docker-registry/trixie
  busybox-static/trixie tini/trixie runc/bookworm cosign/trixie)
# setup.sh passes its clock on, so that the log lines count from its start
SECONDS=${TEST_ENV_SECONDS:-0}

log() { printf '[test-env %4ss] buildx: %s\n' "$SECONDS" "$*"; }
die() {
  log "ERROR: $*"
  exit 1
}
# pid-file: a live process of ours (a zombie counts as gone). A pid file left from before a reboot
# may name someone else's process now: the holder must be a `sleep` in another network namespace,
# the daemons must have $BX on their command line.
alive() {
  local pid cmd
  pid=$(cat "$1" 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  if [ "$1" = "$RUN/ns.pid" ]; then
    [ "$cmd" = 'sleep infinity ' ] && [ "$(readlink "/proc/$pid/ns/net")" != "$(readlink /proc/self/ns/net)" ]
  else
    [[ $cmd == *"$BX"* ]]
  fi
}
wait_for() { # tenths-of-a-second command...
  local n=$1 i
  shift
  for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}
lock() {
  mkdir -p "$BX"
  exec 9>"$BX/lock" # the daemons are started without it (9>&-): it would be held for as long as they run
  flock -w 600 9 || die "$BX/lock is held by another set-up for 10 min"
}

# The system's Debian mirror (deb822 or one-line sources), so that trixie comes from the same place.
mirror() {
  [ -n "${DOCKWRIGHT_DEBIAN_MIRROR:-}" ] && { echo "$DOCKWRIGHT_DEBIAN_MIRROR"; return; }
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
    awk '/^URIs:/ && $2 ~ /\/debian\/?$/ { print $2; exit }')
  [ -n "$uri" ] || uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\/.*\/debian\/?$/) { print $i; exit } }')
  echo "${uri:-http://deb.debian.org/debian}"
}

aptget() {
  apt-get -q -o Dir::Etc::sourcelist="$DIST/apt/sources.list" -o Dir::Etc::sourceparts=- \
    -o Dir::State::Lists="$DIST/apt/lists" -o Dir::Cache="$DIST/apt/cache" -o APT::Sandbox::User=root "$@"
}

# The packages of PACKAGES not unpacked yet (by the versions file's package names).
missing() {
  local p
  for p in "${PACKAGES[@]}"; do
    awk -v name="${p%/*}" '$1 == name { found = 1 } END { exit !found }' "$DIST/versions" 2>/dev/null || echo "$p"
  done
}
fetched() { [ -x "$DOCKER" ] && [ -x "$ROOT/usr/libexec/docker/cli-plugins/docker-buildx" ] && [ -z "$(missing)" ]; }

fetch() {
  lock
  if fetched; then
    log "packages already unpacked in $ROOT"
    return
  fi
  command -v dpkg-deb >/dev/null && command -v apt-get >/dev/null || die "needs apt-get and dpkg-deb (a Debian machine)"
  local m wanted
  m=$(mirror)
  # a package added to PACKAGES since the last fetch comes alone; the engine's files stay as they are
  # (the daemons may be running from them)
  mapfile -t wanted < <(missing)
  if [ ! -x "$DOCKER" ] || [ ! -s "$DIST/versions" ]; then
    wanted=("${PACKAGES[@]}")
    rm -rf "$DIST"
  fi
  log "downloading ${wanted[*]} from $m"
  rm -rf "$DIST/debs" "$DIST/apt"
  mkdir -p "$DIST/apt/lists/partial" "$DIST/apt/cache/archives/partial" "$DIST/debs" "$ROOT" "$LOGS"
  cat >"$DIST/apt/sources.list" <<EOF
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $m trixie main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $m bookworm main
EOF
  aptget -o Acquire::Languages=none update -qq >"$LOGS/fetch.log" 2>&1 ||
    { tail -20 "$LOGS/fetch.log"; die "apt-get update (trixie, bookworm) failed"; }
  log "package lists read; downloading"
  (cd "$DIST/debs" && aptget download "${wanted[@]}") >>"$LOGS/fetch.log" 2>&1 ||
    { tail -20 "$LOGS/fetch.log"; die "apt-get download failed"; }
  log "downloaded $(du -sm "$DIST/debs" | cut -f1) MB; unpacking"
  local deb
  # xz is most of it (23 s one after another on 2 busy cores): one dpkg-deb per core
  printf '%s\0' "$DIST"/debs/*.deb | xargs -0 -P "$(nproc)" -I{} dpkg-deb -x {} "$ROOT"
  {
    cat "$DIST/versions" 2>/dev/null || true
    for deb in "$DIST"/debs/*.deb; do dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb"; done
  } | sort >"$DIST/versions.new"
  rm -rf "$DIST/apt/lists" "$DIST/apt/cache" "$DIST/debs" # package lists and .debs: not needed once unpacked
  mv "$DIST/versions.new" "$DIST/versions"
  log "unpacked $(du -sm "$ROOT" | cut -f1) MB: $(paste -sd, "$DIST/versions" | sed 's/,/, /g')"
}

ns_pid() { cat "$RUN/ns.pid" 2>/dev/null; }
engine_up() { DOCKER_CONFIG=$BX/config "$DOCKER" -H "unix://$SOCK" version >/dev/null 2>&1; }
registry_up() { nsenter --net="/proc/$(ns_pid)/ns/net" curl -sf -o /dev/null "http://$REG_ADDR/v2/"; }
host_registry_up() { curl -sf -o /dev/null "http://$HOST_REG_ADDR/v2/"; }
all_up() {
  alive "$RUN/ns.pid" && alive "$RUN/containerd.pid" && alive "$RUN/dockerd.pid" && alive "$RUN/registry.pid" &&
    alive "$RUN/host-registry.pid" && engine_up && registry_up && host_registry_up
}

write_configs() {
  mkdir -p "$RUN" "$LOGS" "$STATE/containerd" "$STATE/docker-data" "$STATE/docker-exec" "$STATE/registry" "$BX/config/cli-plugins"
  [ -f "$BX/config/config.json" ] || echo '{}' >"$BX/config/config.json"
  ln -sfn "$ROOT/usr/libexec/docker/cli-plugins/docker-buildx" "$BX/config/cli-plugins/docker-buildx"
  cat >"$BX/containerd.toml" <<EOF
version = 2
root = "$STATE/containerd/root"
state = "$STATE/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.tracing.processor.v1.otlp",
  "io.containerd.internal.v1.tracing"]
[grpc]
  address = "$RUN/containerd.sock"
[ttrpc]
  address = "$RUN/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$STATE/containerd/opt"
EOF
  echo '{"features":{"containerd-snapshotter":true}}' >"$BX/daemon.json"
  cat >"$BX/registry.yml" <<EOF
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $STATE/registry}, delete: {enabled: true}}
http: {addr: "$REG_ADDR"}
EOF
  sed "s/$REG_ADDR/$HOST_REG_ADDR/" "$BX/registry.yml" >"$BX/host-registry.yml"
}

# busybox-static with its applet links, imported as local/busybox:1 (and :latest): nothing can be pulled.
import_base_image() {
  local d=(env DOCKER_CONFIG="$BX/config" "$DOCKER" -H "unix://$SOCK")
  "${d[@]}" image inspect "$BASE_IMAGE" >/dev/null 2>&1 && return
  log "importing $BASE_IMAGE"
  local rf=$BX/rootfs
  rm -rf "$rf"
  mkdir -p "$rf/bin" "$rf/etc" "$rf/tmp" "$rf/root"
  chmod 1777 "$rf/tmp"
  cp "$ROOT/usr/bin/busybox" "$rf/bin/busybox"
  chroot "$rf" /bin/busybox --install -s /bin # ~300 links at once; a loop of `ln` takes seconds
  ln -s bin "$rf/sbin"
  mkdir -p "$rf/usr" && ln -s ../bin "$rf/usr/bin"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rf/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rf/etc/group"
  tar -C "$rf" --numeric-owner --owner=0 --group=0 -c . |
    "${d[@]}" import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'CMD ["/bin/sh"]' - "$BASE_IMAGE" >/dev/null
  "${d[@]}" tag "$BASE_IMAGE" local/busybox:latest
  rm -rf "$rf"
}

start() {
  lock
  fetched || die "nothing fetched: run '$0 fetch' first"
  if all_up; then
    log "dockerd 26 and registry already up (namespace $(ns_pid))"
    import_base_image
    return
  fi
  stop_all quiet # whatever is half up goes, so that start begins clean
  write_configs
  export PATH="$BIN:$PATH"
  log "starting the namespace, containerd, registry and dockerd"
  # The holder: a private netns (lo up) and a private mount ns with its own /run (containerd 1.7
  # puts shim sockets under /run/containerd/s; the overlay and netns mounts stay inside and go
  # with it). unshare execs sh, so $$ is the holder.
  setsid unshare --net --mount --propagation slave sh -c \
    "mount -t tmpfs -o mode=755 tmpfs /run && ip link set lo up && echo \$\$ >'$RUN/ns.pid.new' && mv '$RUN/ns.pid.new' '$RUN/ns.pid' && exec sleep infinity" \
    </dev/null >"$LOGS/ns.log" 2>&1 9>&- &
  wait_for 50 test -s "$RUN/ns.pid" || { cat "$LOGS/ns.log"; die "the namespace holder did not start (needs unshare, ip)"; }
  local ns
  ns=$(ns_pid)
  local NS=(nsenter "--net=/proc/$ns/ns/net" "--mount=/proc/$ns/ns/mnt")

  setsid "${NS[@]}" containerd --config "$BX/containerd.toml" </dev/null >"$LOGS/containerd.log" 2>&1 9>&- &
  echo $! >"$RUN/containerd.pid"
  setsid "${NS[@]}" docker-registry serve "$BX/registry.yml" </dev/null >"$LOGS/registry.log" 2>&1 9>&- &
  echo $! >"$RUN/registry.pid"
  wait_for 100 test -S "$RUN/containerd.sock" || { tail -20 "$LOGS/containerd.log"; die "containerd did not start"; }

  setsid "${NS[@]}" dockerd --config-file "$BX/daemon.json" --host "unix://$SOCK" \
    --containerd "$RUN/containerd.sock" --data-root "$STATE/docker-data" --exec-root "$STATE/docker-exec" \
    --pidfile "$RUN/dockerd.daemon.pid" --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
    --userland-proxy=false --cgroup-parent=/dockwright-buildx </dev/null >"$LOGS/dockerd.log" 2>&1 9>&- &
  echo $! >"$RUN/dockerd.pid" # nsenter execs dockerd: the same pid, kept after dockerd removes its own file
  wait_for 300 engine_up || { tail -30 "$LOGS/dockerd.log"; die "dockerd did not become ready"; }
  wait_for 100 registry_up || { tail -20 "$LOGS/registry.log"; die "the registry did not become ready"; }
  setsid docker-registry serve "$BX/host-registry.yml" </dev/null >"$LOGS/host-registry.log" 2>&1 9>&- &
  echo $! >"$RUN/host-registry.pid"
  wait_for 100 host_registry_up ||
    { tail -20 "$LOGS/host-registry.log"; die "the registry on $HOST_REG_ADDR did not become ready"; }
  import_base_image
  log "dockerd $("$DOCKER" -H "unix://$SOCK" version --format '{{.Server.Version}}') and registry $REG_ADDR up (namespace $ns; on the host $HOST_REG_ADDR)"
}

stop_pid() { # name pid-file
  local p
  p=$(cat "$2" 2>/dev/null) || return 0
  if alive "$2"; then
    [ "${quiet:-}" ] || log "stopping $1 ($p)"
    kill -TERM "$p" 2>/dev/null || true
    wait_for 150 eval "! alive '$2'" || { log "$1 did not exit; SIGKILL"; kill -KILL "$p" 2>/dev/null || true; }
  fi
  rm -f "$2"
}

stop_all() {
  local quiet=${1:-}
  stop_pid dockerd "$RUN/dockerd.pid"
  stop_pid registry "$RUN/registry.pid"
  stop_pid "host registry" "$RUN/host-registry.pid"
  stop_pid containerd "$RUN/containerd.pid" # its shims go with it
  stop_pid "namespace holder" "$RUN/ns.pid" # the last process in it: the namespace and its mounts go
  rm -f "$RUN"/*.sock "$RUN"/*.sock.ttrpc "$RUN"/*.pid "$BX/env.sh"
  rmdir /sys/fs/cgroup/*/dockwright-buildx /sys/fs/cgroup/dockwright-buildx 2>/dev/null || true
}

stop() {
  lock
  stop_all
}

env_() {
  echo "# buildx.sh: docker buildx on dockerd 26 in a private network namespace"
  echo "export DOCKWRIGHT_BUILDX_DOCKER=$DOCKER"
  echo "export DOCKWRIGHT_BUILDX_PATH=$BIN"
  echo "export DOCKWRIGHT_BUILDX_DOCKER_HOST=unix://$SOCK"
  echo "export DOCKWRIGHT_BUILDX_DOCKER_CONFIG=$BX/config"
  echo "export DOCKWRIGHT_BUILDX_REGISTRY=$REG_ADDR"
  echo "export DOCKWRIGHT_BUILDX_HOST_REGISTRY=$HOST_REG_ADDR"
  echo "export DOCKWRIGHT_BUILDX_NETNS=/proc/$(ns_pid)/ns/net"
  echo "export DOCKWRIGHT_BUILDX_BASE_IMAGE=$BASE_IMAGE"
  echo "export DOCKWRIGHT_COSIGN=$ROOT/usr/bin/cosign"
  echo "export DOCKWRIGHT_BUILDX_VERSIONS='$(paste -sd, "$DIST/versions")'"
}

# fetch + start; the env lines, or why there are none, go to $BX/env.sh for setup.sh.
up() {
  mkdir -p "$BX"
  rm -f "$BX/env.sh"
  local why=''
  # separate processes: `set -e` holds in them, where a function in an `if` runs without it
  if ! TEST_ENV_SECONDS=$SECONDS bash "$0" fetch; then
    why="could not download docker-buildx, docker-cli, docker.io and containerd from Debian trixie (see $LOGS/fetch.log; DOCKWRIGHT_DEBIAN_MIRROR picks the mirror)"
  elif ! TEST_ENV_SECONDS=$SECONDS bash "$0" start; then
    why="could not start dockerd 26 in a private network namespace (needs root, unshare and nsenter; see $LOGS/)"
  fi
  if [ -n "$why" ]; then
    echo "export DOCKWRIGHT_BUILDX_PROBLEM='$why'" >"$BX/env.sh"
    return 1
  fi
  env_ >"$BX/env.sh.new"
  mv "$BX/env.sh.new" "$BX/env.sh"
}

case "${1:-}" in
fetch) fetch ;;
start) start ;;
up) up ;;
env) env_ ;;
stop) stop ;;
purge)
  stop
  rm -rf "$BX"
  ;;
*)
  echo "usage: $0 fetch|start|up|stop|env|purge" >&2
  exit 2
  ;;
esac
