# pip-index: a PEP 503 simple index for pip_index builds, `python3 -m http.server` serving
# $STATE/pip-index (simple/<project>/<file>.whl) on port 8765 of the address containers of the
# docker service see the host as: the default bridge's gateway (docker0, 172.17.0.1 usually), so
# build containers and `docker run` reach it, and so does the host. Not on 0.0.0.0: the index
# stays off the machine's other networks. Without a bridge (SLIPWAY_TEST_DOCKER_NETWORK=host)
# containers share the host's network and it listens on 127.0.0.1.
# Tests add wheels with `tests/services/fixtures/make-wheel.py NAME VERSION "$SLIPWAY_TEST_PIP_INDEX_DIR"`.
# pip only talks plain HTTP to hosts it is told to trust: pass
# `--trusted-host "$SLIPWAY_TEST_PIP_TRUSTED_HOST"` (or PIP_TRUSTED_HOST) with the index URL.

source "$services_dir/fixtures/instance.sh"

pip_index_deps() { echo docker; }

pip_index_port() { echo 8765; }
pip_index_dir() { echo "$STATE/pip-index"; }

# The default bridge's gateway from the engine API; 127.0.0.1 when the daemon has no bridge.
pip_index_host() {
  local gateway
  gateway=$(curl -sf --max-time 3 --unix-socket "$(docker_socket)" http://docker/networks/bridge 2>/dev/null |
    grep -o '"Gateway":"[0-9.]*"' | head -n 1 | cut -d'"' -f4) || true
  echo "${gateway:-127.0.0.1}"
}

# Serves our directory on $pip_index_listen: the marker file written at start comes back.
pip_index_answers() {
  local marker
  marker=$(cat "$(pip_index_dir)/.slipway-pip-index" 2>/dev/null) || return 1
  [ "$(curl -sf --max-time 3 "http://$pip_index_listen/.slipway-pip-index" 2>/dev/null)" = "$marker" ]
}

pip_index_start() {
  local dir host
  dir=$(pip_index_dir)
  host=$(pip_index_host)
  pip_index_listen=$host:$(pip_index_port)
  mkdir -p "$dir/simple"
  [ -f "$dir/.slipway-pip-index" ] || echo "slipway pip index $(date +%s%N)" >"$dir/.slipway-pip-index"
  [ -f "$dir/simple/index.html" ] ||
    printf '<!DOCTYPE html>\n<html><head><title>Simple index</title></head><body></body></html>\n' >"$dir/simple/index.html"
  instance_needs_start pip-index "$pip_index_listen" pip_index_answers || return 0
  instance_spawn pip-index pip_index_answers "$fixture_python" -m http.server --bind "$host" \
    --directory "$dir" "$(pip_index_port)"
}

pip_index_stop() { instance_stop pip-index; }

pip_index_env() {
  local host
  host=$(pip_index_host)
  export_var SLIPWAY_TEST_PIP_INDEX_DIR "$(pip_index_dir)"
  export_var SLIPWAY_TEST_PIP_INDEX_URL "http://$host:$(pip_index_port)/simple/"
  export_var SLIPWAY_TEST_PIP_TRUSTED_HOST "$host"
}
