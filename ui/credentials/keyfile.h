#pragma once

#include "common/error.h"

#include <QString>

namespace slipway::ui {

// A Google service account key read for the `_json_key` / `_json_key_base64` logins.
struct KeyFileSecret {
    QString secret;  // the key as one line of JSON, or its base64 for _json_key_base64
    QString account; // the key's client_email, to show which key was read
};

// Reads a service account key file (JSON with type "service_account", client_email and private_key)
// into the secret those usernames take. The JSON is re-written compactly: a login secret must be one
// line, and the registry parses it as JSON anyway. Errors never quote the file's content.
Result<KeyFileSecret> readServiceAccountKey(const QString& path, bool base64);

} // namespace slipway::ui
