#pragma once

#include "common/error.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace slipway::credentials {

// The Docker client's config directory: $DOCKER_CONFIG, else ~/.docker (as the docker CLI decides).
QString dockerConfigDir();
QString dockerConfigPath(const QString& configDir);

// config.json as a JSON object; an empty object when the file does not exist (docker's view too).
Result<QJsonObject> readDockerConfig(const QString& configDir);

// The suffix of docker-credential-slipway, i.e. what `credsStore` names to use it.
inline constexpr QLatin1StringView kSlipwayHelperName{"slipway"};

// What enabling or disabling the helper did to config.json.
struct HelperChange {
    QString configPath;
    // The copy of config.json taken before the edit ("config.json.slipway-backup-<UTC time>");
    // empty when nothing was changed or there was no file yet.
    QString backupPath;
    QString previousCredsStore; // empty: none was set
    QString credsStore;         // after the change; empty: none
    bool changed = false;
    // `auths` entries that still carry a plain-text (base64) `auth`: docker keeps reading them
    // whatever credsStore says, so the user should `docker logout` those registries after importing.
    QStringList plaintextLogins;
    // False when docker-credential-slipway is not on PATH: docker would then fail every login.
    bool helperOnPath = false;
};

// Opt-in: makes the docker CLI (and pyflyte, buildx, ...) keep its logins in Slipway's keychain
// entries by setting `"credsStore": "slipway"`. credsStore rather than per-registry credHelpers
// because then `docker login <any registry>` lands in the keychain and Slipway sees it. Safe edit:
// a backup copy first, every other key kept as it was (values unchanged; JSON key order becomes
// sorted), an atomic replace through QSaveFile (of the link's target when config.json is a
// symlink), owner-only permissions on new files. A config.json
// that does not parse is left alone and reported.
Result<HelperChange> enableDockerCredentialHelper(const QString& configDir);

// The reverse: when credsStore is "slipway", restores the credsStore the newest backup had before
// (e.g. "desktop" or "secretservice"), or removes the key when there was none. Backs up first too.
Result<HelperChange> disableDockerCredentialHelper(const QString& configDir);

} // namespace slipway::credentials
