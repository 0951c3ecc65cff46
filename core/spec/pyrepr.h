#pragma once

#include <QString>

namespace slipway::spec {

class ImageSpec;

// The text flytekit feeds to MD5: `str()` of the dict of a resolved spec's fields in declaration
// order, without None values and without the fields flytekit excludes from hashing (builder,
// pip_secret_mounts, runtime_packages). Nested base specs render as nested dicts with the same rule.
QString hashedDictRepr(const ImageSpec& resolvedSpec);

} // namespace slipway::spec
