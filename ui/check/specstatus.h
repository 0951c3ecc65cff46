#pragma once

#include "check/statusbadge.h"
#include "registry/pullverdict.h"

#include <optional>

namespace slipway::ui {

// How far a spec's image got on this machine, from the build history.
enum class SpecBuildState { NotBuilt, Built, Pushed };

// What the project tree shows for a spec.
enum class SpecStatus { NotBuilt, Built, Pushed, Public, Private, PlatformMismatch };

// The spec's status from its build state and the verdict of the last pull check of its current image
// (none: never checked). A verdict that found the image wins over the build state (it may have been
// pushed from elsewhere); a missing tag or repository means the push is not there (Built at most);
// an inconclusive check (rate limited, unreachable) leaves the build state as it was.
SpecStatus specStatus(SpecBuildState build, std::optional<registry::PullVerdict> lastCheck);

// The badge for a status. `lastCheck` refines the tone and tooltip: Private is good when the cluster's
// credentials work and bad when they do not.
BadgeLook specStatusLook(SpecStatus status, std::optional<registry::PullVerdict> lastCheck = std::nullopt);

// "Not built", "Built", "Pushed", "Public", "Private", "Platform mismatch".
QString specStatusText(SpecStatus status);

} // namespace slipway::ui
