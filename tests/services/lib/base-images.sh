# base-images: base images made offline, imported into the docker service and pushed to the
# registry service, so that builds need neither Docker Hub nor any other registry:
#   slipway-test/busybox:latest         busybox-static's /bin/busybox and its applet links (~2 MB)
#   slipway-test/python:3.11-bookworm   debootstrap --variant=minbase bookworm + python3, pip, venv
# both also as localhost:5000/slipway/{busybox:latest,python:3.11-bookworm}.
# The debootstrap rootfs takes about a minute to make: its tarball is cached under $CACHE, keyed by
# everything that decides its content, so later runs only import it.
# Also checks that containers reach Debian's mirror (builds apt-get install from it) and, when the
# bridge network cannot, whether the host network can.

base_images_deps() { echo docker registry; }

base_images_busybox_local() { echo slipway-test/busybox:latest; }
base_images_python_local() { echo slipway-test/python:3.11-bookworm; }
base_images_busybox_ref() { echo localhost:5000/slipway/busybox:latest; }
base_images_python_ref() { echo localhost:5000/slipway/python:3.11-bookworm; }

base_images_suite=bookworm
base_images_python_packages=python3,python3-pip,python3-venv
base_images_mirror=${SLIPWAY_TEST_DEBIAN_MIRROR:-http://deb.debian.org/debian}
base_images_image_env=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')

# Same bytes for the same rootfs, so the layer digest only changes when the content does.
base_images_tar() {
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$1" -cf - .
}

base_images_has_image() { docker_cli image inspect "$1" >/dev/null 2>&1; }

base_images_make_busybox() {
  local root
  root=$(mktemp -d "$STATE/busybox-root.XXXXXX")
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,var/tmp}
  chmod 1777 "$root/tmp" "$root/var/tmp"
  cp /bin/busybox "$root/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list-full); do
    [ "$applet" = bin/busybox ] || ln -sf /bin/busybox "$root/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  base_images_tar "$root" | docker_cli import "${base_images_image_env[@]}" --change 'CMD ["sh"]' - \
    "$(base_images_busybox_local)" >/dev/null
  rm -rf "$root"
}

base_images_python_tarball() {
  local key
  key=$( (
    echo "$base_images_suite minbase $base_images_python_packages $(dpkg --print-architecture)"
    debootstrap --version
  ) | sha256sum | cut -c1-16)
  echo "$CACHE/python-$base_images_suite-$key.tar"
}

base_images_debootstrap() {
  local tarball=$1 root
  require_root debootstrap
  require_command debootstrap
  mkdir -p "$CACHE"
  root=$(mktemp -d "$CACHE/rootfs.XXXXXX")
  log "base-images: debootstrap $base_images_suite with $base_images_python_packages (about a minute; cached afterwards)"
  if ! debootstrap --variant=minbase --include="$base_images_python_packages" \
    "$base_images_suite" "$root" "$base_images_mirror" >"$STATE/debootstrap.log" 2>&1; then
    tail -n 20 "$STATE/debootstrap.log" >&2
    rm -rf "$root"
    die "base-images: debootstrap failed; see $STATE/debootstrap.log"
  fi
  # As Debian's own images: no downloaded .debs, no package lists (builds run apt-get update).
  rm -rf "${root:?}"/var/cache/apt/archives/*.deb "${root:?}"/var/lib/apt/lists/* \
    "${root:?}"/dev/* "${root:?}"/proc/* "${root:?}"/sys/*
  base_images_tar "$root" >"$tarball.partial"
  mv "$tarball.partial" "$tarball"
  rm -rf "$root"
}

base_images_make_python() {
  local tarball
  tarball=$(base_images_python_tarball)
  [ -f "$tarball" ] || base_images_debootstrap "$tarball"
  log "base-images: importing $tarball"
  docker_cli import "${base_images_image_env[@]}" --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' \
    "$tarball" "$(base_images_python_local)" >/dev/null
}

# The config digest of the manifest the registry holds for `ref`, which for an image pushed by
# Docker is the image ID; empty when the registry does not have it. `$1` is host/repo:tag.
base_images_registry_config_digest() {
  local path=${1#*/}
  local repo=${path%:*} tag=${path##*:}
  curl -sf --max-time 10 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$(registry_addr)/v2/$repo/manifests/$tag" 2>/dev/null |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["config"]["digest"])' 2>/dev/null || true
}

base_images_push() {
  local local_ref=$1 remote_ref=$2 id
  id=$(docker_cli image inspect --format '{{.Id}}' "$local_ref")
  if [ "$(base_images_registry_config_digest "$remote_ref")" = "$id" ]; then
    return 0
  fi
  log "base-images: pushing $remote_ref"
  docker_cli tag "$local_ref" "$remote_ref"
  docker_cli push "$remote_ref" >"$STATE/push.log" 2>&1 || {
    tail -n 20 "$STATE/push.log" >&2
    die "base-images: pushing $remote_ref failed"
  }
}

# busybox 1.35's `wget -T` crashes, hence `timeout`; --init because PID 1 ignores its SIGTERM.
base_images_reaches_mirror() {
  docker_cli run --rm --init --network "$1" "$(base_images_busybox_local)" \
    timeout 20 wget -q -O /dev/null "$base_images_mirror/dists/$base_images_suite/Release" >/dev/null 2>&1
}

base_images_check_network() {
  local current=bridge
  [ -f "$(docker_network_file)" ] && current=$(cat "$(docker_network_file)")
  if [ "$current" = bridge ] && base_images_reaches_mirror bridge; then
    return 0
  fi
  if base_images_reaches_mirror host; then
    [ "$current" = bridge ] && log "base-images: containers on the bridge network cannot reach" \
      "$base_images_mirror but on the host network they can: builds must use the host network"
    echo host >"$(docker_network_file)"
    return 0
  fi
  log "base-images: warning: containers cannot reach $base_images_mirror; builds that apt-get install will fail"
}

base_images_start() {
  require_command python3
  base_images_has_image "$(base_images_busybox_local)" || base_images_make_busybox
  base_images_has_image "$(base_images_python_local)" || base_images_make_python
  base_images_push "$(base_images_busybox_local)" "$(base_images_busybox_ref)"
  base_images_push "$(base_images_python_local)" "$(base_images_python_ref)"
  base_images_check_network
  log "base-images: $(base_images_busybox_ref) and $(base_images_python_ref) ready"
}

# Images are data, not processes: nothing to stop. They stay in the daemon and the registry.
base_images_stop() { :; }

base_images_env() {
  export_var SLIPWAY_TEST_BUSYBOX_IMAGE "$(base_images_busybox_ref)"
  export_var SLIPWAY_TEST_PYTHON_IMAGE "$(base_images_python_ref)"
  export_var SLIPWAY_TEST_BUSYBOX_LOCAL_IMAGE "$(base_images_busybox_local)"
  export_var SLIPWAY_TEST_PYTHON_LOCAL_IMAGE "$(base_images_python_local)"
}
