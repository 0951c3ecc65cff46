# registry-images: test images in the registries above, made and pushed by
# fixtures/seed-images.py over the registry API (no Docker Hub, no daemon involved):
#   token registry  public/hello:latest (linux/amd64), private/hello:latest (the same, private),
#                   public/multi:latest (OCI index: linux/arm64, linux/s390x and an attestation
#                   manifest; no linux/amd64), public/armonly:latest (single manifest, config
#                   linux/arm64), public/both:latest (Docker manifest list: linux/amd64, linux/arm64)
#   TLS registry    slipway/hello:latest (linux/amd64)
#   basic registry  slipway/hello:latest (linux/amd64), and the Debian Python base of base-images
#                   copied as slipway/python-private:3.11 (SLIPWAY_TEST_PRIVATE_BASE_IMAGE): a base
#                   image only reachable with credentials, for builds through the BuildKit session.
# Content is deterministic: what is already there with the expected digest is not pushed again.

registry_images_deps() { echo base-images registry-basic registry-token registry-tls; }

registry_images_private_base() { echo "$(registry_basic_addr)/slipway/python-private:3.11"; }

registry_images_start() {
  local source
  # The open registry by address: base-images names it localhost:5000, which may resolve to ::1.
  source="$(registry_addr)/$(base_images_python_ref | cut -d/ -f2-)"
  (
    eval "$(registry_basic_env; token_server_env; registry_token_env; registry_tls_env; registry_images_env)"
    export SLIPWAY_TEST_BASIC_REGISTRY SLIPWAY_TEST_BASIC_USER SLIPWAY_TEST_BASIC_PASSWORD \
      SLIPWAY_TEST_TOKEN_REGISTRY SLIPWAY_TEST_TOKEN_USER SLIPWAY_TEST_TOKEN_PASSWORD \
      SLIPWAY_TEST_TLS_REGISTRY SLIPWAY_TEST_TLS_CA SLIPWAY_TEST_PRIVATE_BASE_IMAGE
    SLIPWAY_SEED_PRIVATE_BASE_SOURCE=$source "$fixture_python" "$fixtures_dir/seed-images.py"
  ) || die "registry-images: seeding the test registries failed (see above)"
}

# Images are data, not processes: nothing to stop; they stay in the registries' storage.
registry_images_stop() { :; }

registry_images_env() {
  export_var SLIPWAY_TEST_PRIVATE_BASE_IMAGE "$(registry_images_private_base)"
}
