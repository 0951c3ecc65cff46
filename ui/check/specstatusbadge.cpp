#include "check/specstatusbadge.h"

namespace slipway::ui {

SpecStatusBadge::SpecStatusBadge(QWidget* parent) : StatusBadge(parent) {
    setObjectName(QStringLiteral("specStatusBadge"));
    setState(SpecBuildState::NotBuilt, std::nullopt);
}

void SpecStatusBadge::setState(SpecBuildState build, std::optional<registry::PullVerdict> lastCheck) {
    m_status = specStatus(build, lastCheck);
    setLook(specStatusLook(m_status, lastCheck));
}

} // namespace slipway::ui
