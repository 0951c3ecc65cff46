# registry: Debian's docker-registry (distribution 2.8), open (no auth), on 127.0.0.1:5000, plain
# HTTP. Docker treats localhost:5000 and 127.0.0.0/8 as insecure registries by default, so the
# daemon pushes and pulls there without TLS or --insecure-registry configuration.
# Storage lives in the state dir; deleting manifests is enabled so tests can clean up. The config is
# the one every test registry shares (fixtures/instance.sh), with nothing added.

source "$services_dir/fixtures/instance.sh"

registry_addr() { echo 127.0.0.1:5000; }

registry_answers() {
  curl -sf --max-time 3 -o /dev/null -D - "http://$(registry_addr)/v2/" 2>/dev/null |
    grep -qi '^docker-distribution-api-version: *registry/2.0'
}

registry_start() {
  instance_needs_start registry "$(registry_addr)" registry_answers || return 0
  instance_start_registry registry "$(registry_addr)" registry_answers </dev/null
}

registry_stop() { instance_stop registry; }

registry_env() {
  export_var SLIPWAY_TEST_REGISTRY "$(registry_addr)"
}
