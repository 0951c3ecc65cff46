# registry-basic: Debian's docker-registry with htpasswd (bcrypt) Basic auth on 127.0.0.1:5001,
# plain HTTP (loopback, so Docker treats it as insecure by default). One user, slipway-tester,
# with a fixed password that only means something here; it is exported for the tests.
# `registry-images` seeds slipway/hello:latest and the private Python base image into it.

source "$services_dir/fixtures/instance.sh"

registry_basic_addr() { echo 127.0.0.1:5001; }
registry_basic_user() { echo slipway-tester; }
registry_basic_password() { echo 'Bq7-wLx2-Tv9k-Hs4m'; }

# Answers as a Basic-auth registry that knows our user: 401 without credentials, 200 with them.
registry_basic_answers() {
  local url
  url="http://$(registry_basic_addr)/v2/"
  [ "$(instance_status "$url")" = 401 ] &&
    [ "$(instance_status -K <(printf 'user = "%s:%s"\n' "$(registry_basic_user)" "$(registry_basic_password)") "$url")" = 200 ]
}

registry_basic_start() {
  instance_needs_start registry-basic "$(registry_basic_addr)" registry_basic_answers || return 0
  require_command htpasswd
  local dir
  dir=$(instance_dir registry-basic)
  mkdir -p "$dir"
  # -i: the password from stdin, not the command line.
  registry_basic_password | htpasswd -iBn "$(registry_basic_user)" >"$dir/htpasswd"
  instance_start_registry registry-basic "$(registry_basic_addr)" registry_basic_answers <<YAML
auth:
  htpasswd:
    realm: slipway-test-basic
    path: $dir/htpasswd
YAML
}

registry_basic_stop() { instance_stop registry-basic; }

registry_basic_env() {
  export_var SLIPWAY_TEST_BASIC_REGISTRY "$(registry_basic_addr)"
  export_var SLIPWAY_TEST_BASIC_USER "$(registry_basic_user)"
  export_var SLIPWAY_TEST_BASIC_PASSWORD "$(registry_basic_password)"
}
