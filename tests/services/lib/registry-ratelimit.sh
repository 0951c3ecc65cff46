# registry-ratelimit: fixtures/ratelimit-registry.py on 127.0.0.1:5004, plain HTTP: every /v2/
# request answers 429 TOOMANYREQUESTS in the registry's JSON error shape with Docker Hub's
# rate-limit headers (ratelimit-limit: 100;w=21600, ratelimit-remaining: 0;w=21600,
# docker-ratelimit-source) and Retry-After, as Docker Hub does for an exhausted anonymous quota.

source "$services_dir/fixtures/instance.sh"

registry_ratelimit_addr() { echo 127.0.0.1:5004; }

registry_ratelimit_answers() {
  instance_headers_match '^ratelimit-remaining: 0;w=21600' "http://$(registry_ratelimit_addr)/v2/"
}

registry_ratelimit_start() {
  instance_needs_start registry-ratelimit "$(registry_ratelimit_addr)" registry_ratelimit_answers || return 0
  instance_spawn registry-ratelimit registry_ratelimit_answers "$fixture_python" \
    "$fixtures_dir/ratelimit-registry.py" --listen "$(registry_ratelimit_addr)"
}

registry_ratelimit_stop() { instance_stop registry-ratelimit; }

registry_ratelimit_env() {
  export_var SLIPWAY_TEST_RATELIMIT_REGISTRY "$(registry_ratelimit_addr)"
}
