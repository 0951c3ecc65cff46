#pragma once

#include "build/buildplan.h"
#include "common/cancel.h"
#include "common/error.h"

#include <QIODevice>

namespace slipway::build {

// Streams the plan's context as an uncompressed tar (libarchive) into `out`, reading each file in
// chunks: a context of any size never sits in memory. Entries get fixed mtimes and owners so the same
// plan gives the same bytes. Returns the number of bytes written.
Result<qint64> writeBuildContext(const BuildPlan& plan, QIODevice& out, const CancelFlag* cancel = nullptr);

} // namespace slipway::build
