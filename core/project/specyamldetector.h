#pragma once

#include <QByteArray>

namespace slipway::project {

// Whether a YAML file is meant to be an ImageSpec. Projects hold many YAML files (CI, Kubernetes,
// conda environments, workflows); those whose top-level keys are at least half ImageSpec fields are
// ImageSpecs worth listing, even when broken (a misspelt key, a bad value, a syntax error). A list, a
// scalar, several documents or a mapping without a single ImageSpec key is something else.
bool looksLikeSpecYaml(const QByteArray& text);

} // namespace slipway::project
