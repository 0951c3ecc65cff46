#pragma once

#include "common/error.h"
#include "registry/httpanswer.h"

#include <QList>
#include <QString>

namespace slipway::registry {

// Error codes (Error::code) for what registries answer; stable, the pull check and GUI switch on them.
namespace errorcode {
inline const QString kUnauthorized = QStringLiteral("registry.unauthorized");        // 401
inline const QString kDenied = QStringLiteral("registry.denied");                    // 403
inline const QString kNameUnknown = QStringLiteral("registry.name-unknown");         // 404 repository
inline const QString kManifestUnknown = QStringLiteral("registry.manifest-unknown"); // 404 tag/digest
inline const QString kBlobUnknown = QStringLiteral("registry.blob-unknown");         // 404 blob
inline const QString kNotFound = QStringLiteral("registry.not-found");               // 404 without a code
inline const QString kTooManyRequests = QStringLiteral("registry.toomanyrequests");  // 429
inline const QString kServerError = QStringLiteral("registry.server-error");         // 5xx
inline const QString kUnexpected = QStringLiteral("registry.unexpected-status");     // anything else
inline const QString kTokenRefused = QStringLiteral("registry.token-refused");       // token endpoint 401/403
inline const QString kNetwork = QStringLiteral("registry.network");                  // no answer at all
inline const QString kTls = QStringLiteral("registry.tls");        // certificate not trusted
inline const QString kNotTls = QStringLiteral("registry.not-tls"); // TLS handshake failed: plain HTTP there?
inline const QString kInsecureRefused = QStringLiteral("registry.insecure-refused"); // plain HTTP not allowed
inline const QString kCancelled = QStringLiteral("registry.cancelled");
} // namespace errorcode

// One entry of the distribution error body {"errors":[{"code","message","detail"}]}.
struct RegistryErrorEntry {
    QString code;
    QString message;
    QString detail; // JSON `detail` as text (Quay puts the useful words there)
};

// The entries of an error body; empty for non-JSON bodies (any 4xx may be HTML or plain text).
QList<RegistryErrorEntry> parseRegistryErrors(const QByteArray& body);

// The registry's own words for a failed answer: "CODE: message (detail)" of each entry, or a
// token server's {"error"/"details"/"message"}, or the start of a plain-text body.
QString registryReason(const HttpAnswer& answer);

// Docker Hub's rate-limit headers (ratelimit-limit: 100;w=21600, ratelimit-remaining,
// docker-ratelimit-source) and Retry-After. -1 where absent.
struct RateLimit {
    int limit = -1;
    int remaining = -1;
    int windowSeconds = -1;
    int retryAfterSeconds = -1;
    QString source;

    bool known() const { return limit >= 0 || remaining >= 0 || retryAfterSeconds >= 0; }
    // "0 of 100 pulls left in a 6 h window; retry after 3600 s" — empty when nothing is known.
    QString describe() const;

    friend bool operator==(const RateLimit&, const RateLimit&) = default;
};
RateLimit parseRateLimit(const HttpAnswer& answer);

// The error for a non-2xx registry answer. `subject` names what was asked for ("the manifest of
// ghcr.io/me/app:v1"); `host` is the registry for the fix texts.
Error errorForAnswer(const HttpAnswer& answer, const QString& subject, const QString& host);

} // namespace slipway::registry
