#include "check/specstatus.h"

#include "check/verdictlook.h"
#include "widgets/icons.h"

namespace slipway::ui {

using registry::PullVerdict;

SpecStatus specStatus(SpecBuildState build, std::optional<PullVerdict> lastCheck) {
    const SpecStatus fromBuild = build == SpecBuildState::Pushed  ? SpecStatus::Pushed
                                 : build == SpecBuildState::Built ? SpecStatus::Built
                                                                  : SpecStatus::NotBuilt;
    if (!lastCheck)
        return fromBuild;
    switch (*lastCheck) {
    case PullVerdict::Public:
        return SpecStatus::Public;
    case PullVerdict::PrivateCredentialsWork:
    case PullVerdict::PrivateNoAccess:
        return SpecStatus::Private;
    case PullVerdict::PlatformMismatch:
    case PullVerdict::WrongArchitecture:
        return SpecStatus::PlatformMismatch;
    case PullVerdict::MissingTag:
    case PullVerdict::MissingRepository:
        return build == SpecBuildState::NotBuilt ? SpecStatus::NotBuilt : SpecStatus::Built;
    case PullVerdict::RateLimited:
    case PullVerdict::Unreachable:
        break;
    }
    return fromBuild;
}

QString specStatusText(SpecStatus status) {
    switch (status) {
    case SpecStatus::NotBuilt:
        return QStringLiteral("Not built");
    case SpecStatus::Built:
        return QStringLiteral("Built");
    case SpecStatus::Pushed:
        return QStringLiteral("Pushed");
    case SpecStatus::Public:
        return QStringLiteral("Public");
    case SpecStatus::Private:
        return QStringLiteral("Private");
    case SpecStatus::PlatformMismatch:
        return QStringLiteral("Platform mismatch");
    }
    return {};
}

BadgeLook specStatusLook(SpecStatus status, std::optional<PullVerdict> lastCheck) {
    BadgeLook look;
    look.text = specStatusText(status);
    switch (status) {
    case SpecStatus::NotBuilt:
        look.tone = BadgeTone::Neutral;
        look.icon = badgeIcon(QStringLiteral("not-built"), icon(IconName::Info));
        look.toolTip = QStringLiteral("No image was built for this spec's current contents.");
        break;
    case SpecStatus::Built:
        look.tone = BadgeTone::Neutral;
        look.icon = badgeIcon(QStringLiteral("built"), icon(IconName::Ok));
        look.toolTip = QStringLiteral("Built on this machine, not pushed to the registry yet.");
        break;
    case SpecStatus::Pushed:
        look.tone = BadgeTone::Neutral;
        look.icon = badgeIcon(QStringLiteral("pushed"), icon(IconName::Up));
        look.toolTip = QStringLiteral("Pushed; run a pull check to know whether the cluster can pull it.");
        break;
    case SpecStatus::Public:
    case SpecStatus::Private:
    case SpecStatus::PlatformMismatch:
        // The verdict's own look says the most; only the word is the spec status's.
        look =
            verdictLook(lastCheck.value_or(status == SpecStatus::Public    ? PullVerdict::Public
                                           : status == SpecStatus::Private ? PullVerdict::PrivateNoAccess
                                                                           : PullVerdict::PlatformMismatch));
        look.text = specStatusText(status);
        break;
    }
    return look;
}

} // namespace slipway::ui
