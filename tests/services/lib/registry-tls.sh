# registry-tls: Debian's docker-registry, open (no auth), serving HTTPS on 127.0.0.1:5443 with a
# certificate for IP 127.0.0.1 and DNS localhost, signed by a self-signed test CA. The CA and the
# server certificate are made once into $STATE/registry-tls; clients verify with ca.pem (exported
# as SLIPWAY_TEST_TLS_CA) and fail without it. `registry-images` seeds slipway/hello:latest.

source "$services_dir/fixtures/instance.sh"

registry_tls_addr() { echo 127.0.0.1:5443; }
registry_tls_ca() { echo "$(instance_dir registry-tls)/ca.pem"; }

registry_tls_answers() {
  [ -f "$(registry_tls_ca)" ] &&
    instance_headers_match '^docker-distribution-api-version: *registry/2.0' \
      --cacert "$(registry_tls_ca)" "https://$(registry_tls_addr)/v2/"
}

registry_tls_start() {
  instance_needs_start registry-tls "$(registry_tls_addr)" registry_tls_answers || return 0
  local dir
  dir=$(instance_dir registry-tls)
  mkdir -p "$dir"
  # A server certificate from an earlier CA would not verify against a remade one.
  [ -f "$dir/ca.pem" ] || rm -f "$dir/server.pem" "$dir/server.key"
  instance_make_cert "$dir/ca" "/CN=Slipway test CA" "" -
  instance_make_cert "$dir/server" "/CN=localhost" "IP:127.0.0.1,DNS:localhost" "$dir"
  instance_start_registry registry-tls "$(registry_tls_addr)" registry_tls_answers <<YAML
  tls:
    certificate: $dir/server.pem
    key: $dir/server.key
YAML
}

registry_tls_stop() { instance_stop registry-tls; }

registry_tls_env() {
  export_var SLIPWAY_TEST_TLS_REGISTRY "$(registry_tls_addr)"
  export_var SLIPWAY_TEST_TLS_CA "$(registry_tls_ca)"
}
