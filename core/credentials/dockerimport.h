#pragma once

#include "common/error.h"
#include "credentials/registrycredential.h"

#include <QFuture>
#include <QList>
#include <QString>

namespace slipway::credentials {

class CredentialStore;

// One login copied from Docker's config into Slipway's store (no secret here).
struct ImportedLogin {
    QString registry; // Slipway's registry key
    QString username;
    SecretKind kind = SecretKind::Password;
    // Where it came from: "auths", "credsStore (desktop)", "credHelpers (gcloud)".
    QString source;
};

// An entry of Docker's config that was not imported, and why, in words for the user.
struct SkippedLogin {
    QString entry; // the key as config.json or the helper spells it
    QString reason;
};

struct ImportReport {
    QString configPath;
    QList<ImportedLogin> imported;
    QList<SkippedLogin> skipped;
};

struct ImportOptions {
    // Overwrite a login Slipway already has for the same registry; otherwise it is skipped.
    bool replaceExisting = false;
};

// Copies the docker CLI's logins into `store`, on request only. Reads <configDir>/config.json:
// `credHelpers` (per registry) win over `credsStore` (every registry the helper lists), which wins
// over `auths` (base64 `auth` = user:password, `identitytoken`), as in docker. Helpers run through
// CredentialHelperClient (stdin, never argv). Docker Hub's OAuth bookkeeping entries, registry
// tokens, empty placeholders and Slipway's own helper are skipped with reasons. Fails only when
// config.json cannot be read; `store` must outlive the future.
QFuture<Result<ImportReport>> importDockerCredentials(const QString& configDir, CredentialStore& store,
                                                      ImportOptions options = {});

} // namespace slipway::credentials
