#pragma once

#include <QString>

namespace slipway::project {

// What replaces a secret in a redacted text.
inline constexpr QLatin1StringView kRedacted{"[REDACTED]"};

// Removes what looks like a credential from text bound for a log, a build record or the screen:
// Authorization / Proxy-Authorization / X-Registry-Auth / X-Registry-Config header values, bearer
// tokens, "password=...", "token: ...", "api_key=..." style assignments (also as JSON members and
// environment variables such as GITHUB_TOKEN=...), docker config "auth" members and the password in
// URLs (https://user:password@host). Works line by line on multi-line text. Errs on the side of
// hiding: a build log loses a harmless value now and then, never a password.
QString redactSecrets(const QString& text);

// True for names of variables or build arguments that usually hold a secret (PIP_PASSWORD,
// HF_TOKEN, AWS_SECRET_ACCESS_KEY, api_key ...): their values are never stored.
bool isSecretName(const QString& name);

} // namespace slipway::project
