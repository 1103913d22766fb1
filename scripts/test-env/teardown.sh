#!/usr/bin/env bash
# teardown.sh [--purge] - stop what setup.sh started: only the processes whose pid it recorded.
# --purge also deletes engine data, podman storage, registry storage and env.sh.
set -uo pipefail
BASE=${DOCKWRIGHT_TEST_BASE:-/tmp/dockwright-test-env}
RUN=$BASE/run
log() { printf '[test-env teardown %4ss] %s\n' "$SECONDS" "$*"; }
alive() {
  local pid
  pid=$(cat "$1" 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}

stop_pidfile() { # name pidfile seconds-before-SIGKILL
  local name=$1 pidfile=$2 seconds=$3 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if alive "$pidfile"; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 $((seconds * 10))); do alive "$pidfile" || break; sleep 0.1; done
    if alive "$pidfile"; then log "$name did not exit; SIGKILL"; kill -KILL "$pid" 2>/dev/null; sleep 0.2; fi
  fi
  rm -f "$pidfile"
}

# Registries take ~2 s to drain on SIGTERM: stop them side by side.
for name in open basic token; do stop_pidfile "registry $name" "$RUN/registry-$name.pid" 10 & done
stop_pidfile "token server" "$RUN/token-server.pid" 5 &
wait
# dockerd deletes its own pidfile on a clean exit, so the pid is read before stopping it.
stop_pidfile dockerd "$RUN/dockerd.pid" 30
stop_pidfile containerd "$BASE/docker-exec/containerd/containerd.pid" 10
rm -f "$BASE/docker.sock"
# buildx.sh's engine, registry and namespace (purge: its packages and data too)
TEST_ENV_SECONDS=$SECONDS bash "$(dirname "${BASH_SOURCE[0]}")/buildx.sh" "$([ "${1:-}" = --purge ] && echo purge || echo stop)"

if [ "${1:-}" = --purge ]; then
  # Unmount what the engine or podman left mounted below BASE, deepest first, then delete.
  grep -o " $BASE/[^ ]*" /proc/mounts | sort -r | while read -r mount; do umount -l "$mount" 2>/dev/null; done
  rm -rf "$BASE/docker-data" "$BASE/docker-exec" "$BASE/docker-config" "$BASE/base-rootfs" \
    "$BASE/podman" "$BASE"/registry-*-data "$RUN" "$BASE/env.sh"
  rmdir "$BASE" 2>/dev/null   # only when nothing else was put there
  log "purged $BASE"
fi
log "done"
