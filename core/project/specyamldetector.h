#pragma once

#include <QByteArray>

namespace slipway::project {

// Whether a YAML file is meant to be an ImageSpec. Projects hold many YAML files (CI, Kubernetes,
// conda environments, workflows); only those whose top-level keys are mostly ImageSpec fields, or
// near misses of them, are ImageSpecs worth listing, even when they are broken. A list, a scalar,
// several documents or a mapping without a single ImageSpec key is something else.
bool looksLikeSpecYaml(const QByteArray& text);

} // namespace slipway::project
