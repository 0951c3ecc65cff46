# Shared by tests/services/up and tests/services/down (sourced, not run).
#
# A service is a file lib/<name>.sh defining, with <fn> = <name> with '-' turned into '_':
#   <fn>_deps    names of services that must be up first (optional)
#   <fn>_start   make the service answer; reuse what already answers; call mark_started when it
#                started a process of its own, so that `down` stops exactly that
#   <fn>_stop    stop what <fn>_start started
#   <fn>_env     print `export VAR=value` lines (via export_var) for the tests
# Everything a service prints goes to stderr except its _env; stdout is for `eval`.

services_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Sockets, pid files, logs, configs: gone after a reboot, as the processes are.
STATE=${SLIPWAY_SERVICES_STATE:-${XDG_RUNTIME_DIR:-/tmp}/slipway-services}
# shellcheck disable=SC2034 # DATA and CACHE are used by the service files
# What is expensive to remake (Docker's images, the debootstrap tarball) survives reboots.
if [ "$(id -u)" -eq 0 ]; then
  DATA=${SLIPWAY_SERVICES_DATA:-/var/lib/slipway-test}
  CACHE=${SLIPWAY_SERVICES_CACHE:-/var/cache/slipway-test}
else
  DATA=${SLIPWAY_SERVICES_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/slipway-test}
  CACHE=${SLIPWAY_SERVICES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway-test}
fi
STARTED_LIST=$STATE/started

log() { echo "services: $*" >&2; }
die() {
  echo "services: error: $*" >&2
  exit 1
}

export_var() { printf 'export %s=%q\n' "$1" "$2"; }

service_fn() { echo "${1//-/_}"; }

service_file() { echo "$services_dir/lib/$1.sh"; }

load_service() {
  local file
  file=$(service_file "$1")
  [ -f "$file" ] || die "unknown service '$1' (known: $(known_services | tr '\n' ' '))"
  # shellcheck source=/dev/null
  source "$file"
}

known_services() {
  local f
  for f in "$services_dir"/lib/*.sh; do basename "$f" .sh; done
}

# Sets the array `order` to the names with their dependencies first, each once, and loads them.
resolve_order() {
  local -A seen=()
  order=()
  visit() {
    local name=$1 dep fn
    [ -n "${seen[$name]:-}" ] && return
    seen[$name]=1
    load_service "$name"
    fn=$(service_fn "$name")
    if declare -F "${fn}_deps" >/dev/null; then
      for dep in $("${fn}_deps"); do visit "$dep"; done
    fi
    order+=("$name")
  }
  local name
  for name in "$@"; do visit "$name"; done
}

# $STARTED_LIST: what any `up` started and no `down` stopped yet; $JUST_STARTED: this call's.
JUST_STARTED=$STATE/just-started
mark_started() {
  grep -qx "$1" "$STARTED_LIST" 2>/dev/null || echo "$1" >>"$STARTED_LIST"
  echo "$1" >>"$JUST_STARTED"
}

unmark_started() {
  [ -f "$STARTED_LIST" ] || return 0
  grep -vx "$1" "$STARTED_LIST" >"$STARTED_LIST.new" || true
  mv "$STARTED_LIST.new" "$STARTED_LIST"
}

# One `up` or `down` at a time: two test runs starting the same daemon would fight over its pid file.
take_lock() {
  mkdir -p "$STATE"
  exec {lock_fd}>"$STATE/.lock"
  flock "$lock_fd"
}

pid_alive() {
  { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; } || return 1
  # A killed daemon whose parent is gone lingers as a zombie until something reaps it.
  [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" != Z ]
}

read_pid() { cat "$1" 2>/dev/null || true; }

# Waits until `$2...` succeeds, polling; gives up after $1 seconds or when process $pid_to_watch dies.
wait_until() {
  local timeout=$1
  shift
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if [ -n "${pid_to_watch:-}" ] && ! pid_alive "$pid_to_watch"; then return 1; fi
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

# Starts a daemon detached from the caller's session and process group, so that Ctrl-C in a test
# run or the end of the calling shell does not take it down. Prints its pid.
spawn_daemon() {
  local logfile=$1
  shift
  # The daemon must not inherit the lock, or the next `up` waits for it forever.
  setsid "$@" >>"$logfile" 2>&1 </dev/null {lock_fd}>&- &
  echo $!
}

stop_pid() {
  local pid=$1 name=$2 timeout=${3:-30}
  pid_alive "$pid" || return 0
  log "$name: stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while pid_alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if pid_alive "$pid"; then
    log "$name: did not stop in ${timeout}s, killing"
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

require_root() {
  [ "$(id -u)" -eq 0 ] || die "$1 needs root (run as root, or point SLIPWAY_TEST_DOCKER_SOCKET at a daemon you can use)"
}

require_command() {
  command -v "$1" >/dev/null || die "$1 not found: run packaging/install-deps.sh"
}
