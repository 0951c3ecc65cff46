#include "check/verdictlook.h"

#include "widgets/icons.h"

namespace slipway::ui {

BadgeLook verdictLook(registry::PullVerdict verdict) {
    using registry::PullVerdict;
    switch (verdict) {
    case PullVerdict::Public:
        return {QStringLiteral("Public"), BadgeTone::Good,
                badgeIcon(QStringLiteral("public"), icon(IconName::Ok)),
                QStringLiteral("Anyone can pull this image, the cluster too, without a pull secret.")};
    case PullVerdict::PrivateCredentialsWork:
        return {QStringLiteral("Private: cluster can pull"), BadgeTone::Good,
                badgeIcon(QStringLiteral("private"), icon(IconName::Ok)),
                QStringLiteral("Not public, but the cluster's pull secret can pull it.")};
    case PullVerdict::PrivateNoAccess:
        return {QStringLiteral("Private: cluster cannot pull"), BadgeTone::Bad,
                badgeIcon(QStringLiteral("private-denied"), icon(IconName::Error)),
                QStringLiteral("Pods would fail with ErrImagePull / ImagePullBackOff.")};
    case PullVerdict::MissingTag:
        return {QStringLiteral("Tag missing"), BadgeTone::Bad,
                badgeIcon(QStringLiteral("missing"), icon(IconName::Error)),
                QStringLiteral("The repository exists, this tag or digest does not: pods would fail with "
                               "\"not found\".")};
    case PullVerdict::MissingRepository:
        return {QStringLiteral("Repository missing"), BadgeTone::Bad,
                badgeIcon(QStringLiteral("missing"), icon(IconName::Error)),
                QStringLiteral("The registry has no such repository: pods would fail with \"not found\".")};
    case PullVerdict::PlatformMismatch:
        return {QStringLiteral("Platform mismatch"), BadgeTone::Bad,
                badgeIcon(QStringLiteral("platform"), icon(IconName::Error)),
                QStringLiteral("No image for the cluster's platform: pods would fail with \"no match for "
                               "platform in manifest\".")};
    case PullVerdict::WrongArchitecture:
        return {QStringLiteral("Wrong architecture"), BadgeTone::Bad,
                badgeIcon(QStringLiteral("platform"), icon(IconName::Error)),
                QStringLiteral("Built for another CPU: pods would pull it and then crash with \"exec format "
                               "error\".")};
    case PullVerdict::RateLimited:
        return {QStringLiteral("Rate limited"), BadgeTone::Caution, icon(IconName::Warning),
                QStringLiteral("The registry refused more pulls for now; the check could not finish.")};
    case PullVerdict::Unreachable:
        return {QStringLiteral("Unreachable"), BadgeTone::Caution, icon(IconName::Warning),
                QStringLiteral("The registry did not answer; nothing is known about the image.")};
    }
    return {};
}

} // namespace slipway::ui
