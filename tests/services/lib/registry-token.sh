# registry-token: Debian's docker-registry with `auth: token` on 127.0.0.1:5002, plain HTTP, its
# tokens issued by the token-server service (GHCR-like: public/ repositories anonymous-pullable,
# everything else private). docker-registry.md §8 is the recipe. `registry-images` seeds it with
# public/hello, private/hello, public/multi, public/armonly and public/both.

source "$services_dir/fixtures/instance.sh"

registry_token_deps() { echo token-server; }

registry_token_addr() { echo 127.0.0.1:5002; }

# Answers as a registry that sends clients to our token server and accepts its tokens: the
# challenge names the realm, and an anonymous token for a public repository gets past auth (404
# NAME_UNKNOWN for a repository that does not exist, not 401). The second part catches a registry
# still running with the certificate of an earlier token server.
registry_token_answers() {
  local base token
  base="http://$(registry_token_addr)/v2"
  instance_headers_match "^www-authenticate: bearer realm=\"$(token_server_realm)\"" "$base/" || return 1
  token=$(curl -sf --max-time 3 \
    "$(token_server_realm)?service=$(token_server_service)&scope=repository:public/probe:pull" |
    grep -o '"token": *"[^"]*"' | cut -d'"' -f4) || return 1
  [ -n "$token" ] || return 1
  [ "$(instance_status -K <(printf 'header = "Authorization: Bearer %s"\n' "$token") "$base/public/probe/tags/list")" = 404 ]
}

registry_token_start() {
  instance_needs_start registry-token "$(registry_token_addr)" registry_token_answers || return 0
  instance_start_registry registry-token "$(registry_token_addr)" registry_token_answers <<YAML
auth:
  token:
    realm: $(token_server_realm)
    service: $(token_server_service)
    issuer: $(token_server_issuer)
    rootcertbundle: $(token_server_cert)
YAML
}

registry_token_stop() { instance_stop registry-token; }

registry_token_env() {
  export_var SLIPWAY_TEST_TOKEN_REGISTRY "$(registry_token_addr)"
}
