#pragma once

#include "check/specstatus.h"
#include "check/statusbadge.h"

namespace slipway::ui {

// The status badge of one spec (project tree, spec details): Not built / Built / Pushed / Public /
// Private / Platform mismatch. For a tree, delegates paint the same look with StatusBadge::paint()
// and specStatusLook().
class SpecStatusBadge : public StatusBadge {
    Q_OBJECT

public:
    explicit SpecStatusBadge(QWidget* parent = nullptr);

    void setState(SpecBuildState build, std::optional<registry::PullVerdict> lastCheck);
    SpecStatus status() const { return m_status; }

private:
    SpecStatus m_status = SpecStatus::NotBuilt;
};

} // namespace slipway::ui
