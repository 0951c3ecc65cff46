#pragma once

#include "credentials/registrypresets.h"

#include <QList>
#include <QMap>
#include <QString>

namespace slipway::ui {

// One value the user fills in to make a per-account registry host ("Account ID", "Region").
struct HostPart {
    QString key;         // "account", "region", "location", "project", "name"
    QString label;       // "AWS account ID"
    QString placeholder; // "123456789012"
};

// The parts of a provider's host: ECR account + region, Artifact Registry location (+ the project,
// which goes into repository paths), ACR registry name. Empty for providers with one host or none.
QList<HostPart> hostParts(credentials::RegistryProvider provider);

// The host made from the parts; empty while a part the host needs is empty.
QString composeHost(credentials::RegistryProvider provider, const QMap<QString, QString>& values);

// What repositories of this provider start with given the parts ("my-project/" for Artifact
// Registry); empty when nothing is known.
QString repositoryPrefix(credentials::RegistryProvider provider, const QMap<QString, QString>& values);

// The preset's command with the parts filled in (REGION, REGISTRY); the placeholders stay when unknown.
QString commandFor(const credentials::RegistryPreset& preset, const QMap<QString, QString>& values);

} // namespace slipway::ui
