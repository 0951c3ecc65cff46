# registry: Debian's docker-registry (distribution 2.8), open (no auth), on 127.0.0.1:5000, plain
# HTTP. Docker treats localhost:5000 and 127.0.0.0/8 as insecure registries by default, so the
# daemon pushes and pulls there without TLS or --insecure-registry configuration.
# Storage lives in the state dir; deleting manifests is enabled so tests can clean up.

registry_addr() { echo 127.0.0.1:5000; }
registry_dir() { echo "$STATE/registry"; }

registry_answers() {
  curl -sf --max-time 3 -o /dev/null -D - "http://$(registry_addr)/v2/" 2>/dev/null |
    grep -qi '^docker-distribution-api-version: *registry/2.0'
}

registry_port_taken() {
  ss -Hltn "sport = :${1##*:}" 2>/dev/null | grep -q .
}

registry_write_config() {
  local dir=$1
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: info
  fields:
    service: slipway-test-registry
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $(registry_addr)
  headers:
    X-Content-Type-Options: [nosniff]
YAML
}

registry_start() {
  local dir
  dir=$(registry_dir)
  if registry_answers; then
    log "registry: reusing the registry on $(registry_addr)"
    return 0
  fi
  registry_port_taken "$(registry_addr)" && die "registry: $(registry_addr) is taken by something that is not a registry"
  require_command docker-registry
  mkdir -p "$dir/data"
  registry_write_config "$dir"
  log "registry: starting docker-registry on $(registry_addr) (log $dir/registry.log)"
  pid_to_watch=$(spawn_daemon "$dir/registry.log" docker-registry serve "$dir/config.yml")
  echo "$pid_to_watch" >"$dir/registry.pid"
  if ! wait_until 30 registry_answers; then
    tail -n 20 "$dir/registry.log" >&2
    stop_pid "$pid_to_watch" registry 5
    die "registry: docker-registry did not start; see $dir/registry.log"
  fi
  mark_started registry
}

registry_stop() {
  local dir
  dir=$(registry_dir)
  stop_pid "$(read_pid "$dir/registry.pid")" registry 15
  rm -f "$dir/registry.pid"
}

registry_env() {
  export_var SLIPWAY_TEST_REGISTRY "$(registry_addr)"
}
