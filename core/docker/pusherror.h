#pragma once

#include "common/error.h"

namespace slipway::docker {

// The engine's in-stream push failure (or its HTTP error) in words a data scientist can act on:
// denied, unauthorized, unknown repository (ECR wants the repository created first), rate limited,
// the registry failing (5xx) and the network failing each get their own cause and fix. The engine's
// text goes into `detail`.
Error classifyPushError(const QString& engineMessage, const QString& imageReference);

} // namespace slipway::docker
