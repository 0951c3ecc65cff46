# token-server: the token server of registry-token (fixtures/token-server.py, Debian's python3-jwt
# and python3-cryptography) on 127.0.0.1:5003, plain HTTP, behaving like GHCR's ghcr.io/token:
# anonymous pull tokens only for repositories under public/; anonymous requests for anything else
# refused with 401; Basic credentials (slipway-tester / the exported password) grant pull, push
# and delete everywhere. A second user, slipway-outsider, has valid credentials but no access to
# private repositories: the token endpoint answers 403 DENIED for them, as GHCR does. GET with scope/service/account/offline_token and the OAuth2 POST form
# (grant_type=password|refresh_token, access_type=offline) are both served.
# Its signing key and self-signed certificate are made once into $STATE/token-server; the
# registry trusts that certificate (rootcertbundle) and tokens carry it in their `x5c` header.

source "$services_dir/fixtures/instance.sh"

token_server_addr() { echo 127.0.0.1:5003; }
token_server_url() { echo "http://$(token_server_addr)"; }
token_server_realm() { echo "$(token_server_url)/token"; }
# What the registry's challenge names as `service` and the tokens' audience. Deliberately not the
# registry's host, so a client that does not pass the challenge's service on is caught.
token_server_service() { echo slipway-token-registry; }
token_server_issuer() { echo slipway-test-token-server; }
token_server_user() { echo slipway-tester; }
token_server_password() { echo 'Gp4-nRz8-Wc2t-Jm6v'; }
token_server_outsider_user() { echo slipway-outsider; }
token_server_outsider_password() { echo 'Ox3-kLq7-Fy5n-Ds9b'; }
token_server_cert() { echo "$(instance_dir token-server)/token.pem"; }

# Answers as our token server: an anonymous pull token for a public repository, no token for a
# private one, and DENIED for the outsider's.
token_server_answers() {
  local url
  url="$(token_server_realm)?service=$(token_server_service)"
  [ "$(instance_status "$url&scope=repository:public/probe:pull")" = 200 ] &&
    [ "$(instance_status "$url&scope=repository:private/probe:pull")" = 401 ] &&
    [ "$(instance_status -K <(printf 'user = "%s:%s"\n' "$(token_server_outsider_user)" "$(token_server_outsider_password)") \
      "$url&scope=repository:private/probe:pull")" = 403 ]
}

token_server_start() {
  instance_needs_start token-server "$(token_server_addr)" token_server_answers || return 0
  local dir
  dir=$(instance_dir token-server)
  mkdir -p "$dir"
  "$fixture_python" -c 'import jwt, cryptography' 2>/dev/null ||
    die "token-server: $fixture_python lacks python3-jwt or python3-cryptography: run packaging/install-deps.sh"
  instance_make_cert "$dir/token" "/CN=slipway test token signer" "" -
  (
    umask 077
    printf '%s:%s:member\n%s:%s:outsider\n' "$(token_server_user)" "$(token_server_password)" \
      "$(token_server_outsider_user)" "$(token_server_outsider_password)" >"$dir/users"
  )
  instance_spawn token-server token_server_answers "$fixture_python" "$fixtures_dir/token-server.py" \
    --listen "$(token_server_addr)" --key "$dir/token.key" --cert "$dir/token.pem" --users "$dir/users" \
    --issuer "$(token_server_issuer)" --service "$(token_server_service)"
}

token_server_stop() { instance_stop token-server; }

token_server_env() {
  export_var SLIPWAY_TEST_TOKEN_SERVER "$(token_server_url)"
  export_var SLIPWAY_TEST_TOKEN_USER "$(token_server_user)"
  export_var SLIPWAY_TEST_TOKEN_PASSWORD "$(token_server_password)"
  export_var SLIPWAY_TEST_TOKEN_OUTSIDER_USER "$(token_server_outsider_user)"
  export_var SLIPWAY_TEST_TOKEN_OUTSIDER_PASSWORD "$(token_server_outsider_password)"
}
