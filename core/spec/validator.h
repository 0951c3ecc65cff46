#pragma once

#include "spec/diagnostic.h"
#include "spec/imagespec.h"

namespace slipway::spec {

// flytekit's construction-time checks (registry regex, list-of-strings, pairs, dicts, copy paths) as
// errors, plus the traps that construct fine but fail or surprise later (cuda with the default
// builder, unquoted float versions, unset python_version, LOADED_MODULES, relative source_root with
// ignore patterns, missing files) as errors or warnings. Each diagnostic names the field, the value
// and the fix. Reads the file system only to check that referenced files exist.
Diagnostics validateSpec(const ImageSpec& spec, const HostEnvironment& host);

} // namespace slipway::spec

namespace slipway::spec {

// Only the checks flytekit's ImageSpec constructor enforces (it raises, so flytekit has no tag for
// such a spec): registry pattern, list-of-strings fields, pip_secret_mounts pairs, builder_options
// dict, and a string name. Expects a resolved spec.
Diagnostics constructionErrors(const ImageSpec& resolvedSpec);

} // namespace slipway::spec
