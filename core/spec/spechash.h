#pragma once

#include "common/cancel.h"
#include "common/error.h"
#include "spec/imagespec.h"

namespace slipway::spec {
class SourceDigestCache;
}

namespace slipway::spec {

// flytekit's `ImageSpec.id`: hash of the resolved spec as given (paths as strings, registry_config
// included, nested base spec as a nested dict). Never reads files. Used as `_F_IMG_ID`.
Result<QString> specId(const ImageSpec& spec, const HostEnvironment& host);

// The text hashed for the tag (for `spec show` and debugging); reads files like specTag.
// `digests`, when given, reuses source_root digests of unchanged trees (see SourceDigestCache).
Result<QString> tagHashInput(const ImageSpec& spec, const HostEnvironment& host,
                             const CancelFlag* cancel = nullptr, SourceDigestCache* digests = nullptr);

// flytekit's `ImageSpec.tag` (>= 1.15.4): requirements SHA-1, copy and source_root digests, nested
// base spec replaced by its image name, registry_config dropped, '-' -> '_', then tag_format.
Result<QString> specTag(const ImageSpec& spec, const HostEnvironment& host,
                        const CancelFlag* cancel = nullptr, SourceDigestCache* digests = nullptr);

// flytekit's `image_name()`: "registry/name:tag", or "name:tag" without a registry.
Result<QString> specImageName(const ImageSpec& spec, const HostEnvironment& host,
                              const CancelFlag* cancel = nullptr, SourceDigestCache* digests = nullptr);

// "registry/name" (or "name"): the image's repository, which does not depend on the tag. Never reads
// files.
QString specRepository(const ImageSpec& spec, const HostEnvironment& host);

// Python `str.format(spec_hash=hash)` restricted to what is safe: literal text, {{ }}, the field
// `spec_hash` with indexing, !s/!r/!a conversions and format specs. Attribute access is rejected.
Result<QString> applyTagFormat(const QString& format, const QString& hash);

// base64url(md5(utf8(text))) with '=' stripped: the hashing step shared by id and tag.
QString md5Base64Url(const QString& text);

} // namespace slipway::spec
