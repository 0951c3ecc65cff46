#pragma once

#include "check/statusbadge.h"
#include "registry/pullverdict.h"

namespace slipway::ui {

// The badge of a pull-check verdict: "Public", "Private: cluster can pull", "Private: cluster cannot
// pull", "Tag missing", "Repository missing", "Platform mismatch", "Wrong architecture", "Rate limited",
// "Unreachable" — each with its tone and icon, and a tooltip that says what it means for a pod.
BadgeLook verdictLook(registry::PullVerdict verdict);

} // namespace slipway::ui
