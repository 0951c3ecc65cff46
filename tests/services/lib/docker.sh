# docker: a real Docker engine (Debian's docker.io dockerd) on a unix socket of our own.
#
# Reuses whatever daemon already answers on $SLIPWAY_TEST_DOCKER_SOCKET (default $STATE/docker.sock);
# point that variable at /var/run/docker.sock to use a system daemon instead of starting one.
# Otherwise starts dockerd as root with its own data-root (persistent, so images survive `down`),
# exec-root, pid file, config file (so /etc/docker/daemon.json cannot interfere) and log.
#
# What works in the Debian 12 sandbox this was written on (kernel 6.x, cgroup v1, ext4 root):
#   - storage driver overlay2 (dockerd picks it itself; vfs would copy every layer). Override with
#     SLIPWAY_TEST_DOCKER_STORAGE_DRIVER=vfs|fuse-overlayfs where overlayfs is not available.
#   - the default bridge network with iptables (nf_tables backend) NAT: containers resolve names
#     through the host's resolver and reach deb.debian.org, so builds can `apt-get install`.
#   - the bridge MTU is set to the host's uplink MTU (1400 there): with Docker's default 1500,
#     large downloads from inside containers can stall.
#   - one such daemon per machine: every dockerd started with the default network uses docker0,
#     and one that fails to start can delete it under another's feet.
# Where iptables or the bridge cannot be set up, dockerd refuses to start; we then start it with
# `--bridge=none --iptables=false` and export SLIPWAY_TEST_DOCKER_NETWORK=host: containers and
# builds must then use the host network (`networkmode=host` on POST /build, `--network host`).

docker_socket() { echo "${SLIPWAY_TEST_DOCKER_SOCKET:-$STATE/docker.sock}"; }
docker_dir() { echo "$STATE/docker"; }
docker_network_file() { echo "$(docker_dir)/network"; }

docker_ping() {
  local sock
  sock=$(docker_socket)
  [ -S "$sock" ] || return 1
  [ "$(curl -sf --max-time 3 --unix-socket "$sock" http://docker/_ping 2>/dev/null)" = OK ]
}

docker_uplink_mtu() {
  local dev
  dev=$(ip -o route show default 2>/dev/null | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1); exit}')
  [ -n "$dev" ] && cat "/sys/class/net/$dev/mtu" 2>/dev/null || echo 1500
}

docker_launch() {
  local network_mode=$1 dir pidfile logfile sock
  dir=$(docker_dir)
  pidfile=$dir/dockerd.pid
  logfile=$dir/dockerd.log
  sock=$(docker_socket)
  local config="{}"
  [ -n "${SLIPWAY_TEST_DOCKER_STORAGE_DRIVER:-}" ] &&
    config="{\"storage-driver\": \"$SLIPWAY_TEST_DOCKER_STORAGE_DRIVER\"}"
  echo "$config" >"$dir/daemon.json"
  local args=(--config-file "$dir/daemon.json" --data-root "$DATA/docker" --exec-root "$dir/exec"
    --pidfile "$pidfile" --host "unix://$sock")
  if [ "$network_mode" = bridge ]; then
    args+=(--mtu "$(docker_uplink_mtu)")
  else
    args+=(--bridge=none --iptables=false --ip-masq=false)
  fi
  echo "=== $(date -Is) dockerd ${args[*]}" >>"$logfile"
  pid_to_watch=$(spawn_daemon "$logfile" dockerd "${args[@]}")
  if wait_until 60 docker_ping; then
    echo "$network_mode" >"$(docker_network_file)"
    return 0
  fi
  stop_pid "$pid_to_watch" docker 10
  return 1
}

docker_start() {
  local sock dir pidfile
  sock=$(docker_socket)
  if docker_ping; then
    log "docker: reusing the daemon on $sock"
    return 0
  fi
  require_root "starting dockerd"
  require_command dockerd
  require_command curl
  dir=$(docker_dir)
  pidfile=$dir/dockerd.pid
  mkdir -p "$dir" "$DATA/docker"
  local old
  old=$(read_pid "$pidfile")
  if pid_alive "$old"; then
    log "docker: dockerd (pid $old) runs but does not answer on $sock yet, waiting"
    pid_to_watch=$old wait_until 60 docker_ping && return 0
    pid_alive "$old" && die "docker: dockerd (pid $old) does not answer on $sock; see $dir/dockerd.log"
    log "docker: dockerd (pid $old) exited; starting a new one"
  fi
  rm -f "$pidfile"
  # A killed dockerd leaves its containerd's pid file; if that pid is gone (or reused by another
  # process), the next dockerd would wait for a containerd that is not there.
  local containerd_pidfile=$dir/exec/containerd/containerd.pid
  pid_alive "$(read_pid "$containerd_pidfile")" || rm -f "$containerd_pidfile"
  log "docker: starting dockerd on $sock (log $dir/dockerd.log)"
  local log_start
  log_start=$(($(wc -l <"$dir/dockerd.log" 2>/dev/null || echo 0) + 1))
  if ! docker_launch bridge; then
    local failure
    failure=$(tail -n "+$log_start" "$dir/dockerd.log" | grep -E '^failed to start|level=(error|fatal)' | tail -n 1)
    grep -qiE 'network controller|iptables|bridge|NAT chain' <<<"$failure" ||
      die "docker: dockerd did not start: $failure (see $dir/dockerd.log)"
    log "docker: dockerd with a bridge network did not start: $failure"
    log "docker: retrying without bridge and iptables; containers will need the host network"
    docker_launch host || die "docker: dockerd did not start; see $dir/dockerd.log"
  fi
  mark_started docker
  log "docker: up, engine $(docker_cli version --format '{{.Server.Version}}' 2>/dev/null)"
}

docker_stop() {
  local dir
  dir=$(docker_dir)
  stop_pid "$(read_pid "$dir/dockerd.pid")" docker 60
  rm -f "$dir/dockerd.pid"
  # dockerd leaves its default network namespace bind-mounted in the exec-root.
  local netns
  for netns in "$dir"/exec/netns/*; do
    if [ -e "$netns" ]; then umount "$netns" 2>/dev/null || true; fi
  done
}

docker_env() {
  local sock network=bridge
  sock=$(docker_socket)
  [ -f "$(docker_network_file)" ] && network=$(cat "$(docker_network_file)")
  export_var DOCKER_HOST "unix://$sock"
  export_var SLIPWAY_TEST_DOCKER_SOCKET "$sock"
  export_var SLIPWAY_TEST_DOCKER_NETWORK "$network"
}

# For the other services' scripts: the docker CLI against our daemon, with a throw-away client
# config so that the user's ~/.docker (credential helpers, contexts) plays no part.
docker_cli() {
  mkdir -p "$STATE/docker-client"
  env -u DOCKER_CONTEXT DOCKER_HOST="unix://$(docker_socket)" DOCKER_CONFIG="$STATE/docker-client" docker "$@"
}
