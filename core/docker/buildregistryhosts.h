#pragma once

#include "spec/imagespec.h"

#include <QString>
#include <QStringList>

namespace slipway::docker {

// The registries a build of `spec` talks to, whose logins must be read before it starts: the image's
// own (the existence check and the push) and the base image's (the pull). `imageReference` is the
// spec's image name (flytekit's image_name()), computed by the caller: it may hash large trees.
// Without duplicates, in that order.
QStringList buildRegistryHosts(const QString& imageReference, const spec::ImageSpec& spec,
                               const spec::HostEnvironment& host);

} // namespace slipway::docker
