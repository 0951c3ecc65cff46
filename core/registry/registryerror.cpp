#include "registry/registryerror.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace slipway::registry {

namespace {

constexpr qsizetype kMaxReasonLength = 300;

// "100;w=21600" -> (100, 21600).
std::pair<int, int> parseLimitHeader(const QByteArray& value) {
    if (value.isEmpty())
        return {-1, -1};
    const QList<QByteArray> parts = value.split(';');
    bool ok = false;
    const int count = parts.value(0).trimmed().toInt(&ok);
    int window = -1;
    for (const QByteArray& part : parts.mid(1)) {
        const QByteArray trimmed = part.trimmed();
        if (trimmed.startsWith("w="))
            window = trimmed.mid(2).toInt();
    }
    return {ok ? count : -1, window};
}

QString jsonText(const QJsonValue& value) {
    if (value.isString())
        return value.toString();
    if (value.isObject() || value.isArray())
        return QString::fromUtf8(
            QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
    return {};
}

struct Mapping {
    QString code;
    QString message;
    QString fix;
};

Mapping mappingFor(int status, const QString& registryCode, const QString& subject, const QString& host) {
    if (registryCode == QLatin1String("NAME_UNKNOWN") ||
        (status == 404 && registryCode == QLatin1String("NAME_INVALID")))
        return {errorcode::kNameUnknown,
                QStringLiteral("The repository of %1 does not exist on %2.").arg(subject, host),
                QStringLiteral("Check the repository name for typos, or push the image first.")};
    if (registryCode == QLatin1String("MANIFEST_UNKNOWN"))
        return {errorcode::kManifestUnknown,
                QStringLiteral("%1 does not exist: the repository is there but not this tag or digest.")
                    .arg(subject),
                QStringLiteral("Check the tag, or push the image with this tag first.")};
    if (registryCode == QLatin1String("BLOB_UNKNOWN"))
        return {errorcode::kBlobUnknown, QStringLiteral("%1 is missing on %2.").arg(subject, host),
                QStringLiteral("Push the image again; the registry lost part of it.")};
    if (status == 401 || registryCode == QLatin1String("UNAUTHORIZED"))
        return {errorcode::kUnauthorized,
                QStringLiteral("%1 refused access to %2 without valid credentials.").arg(host, subject),
                QStringLiteral("Log in to %1 with a user or token that can read it (for GHCR a classic "
                               "personal access token with read:packages).")
                    .arg(host)};
    if (status == 403 || registryCode == QLatin1String("DENIED"))
        return {
            errorcode::kDenied,
            QStringLiteral("%1 knows who you are but does not allow access to %2.").arg(host, subject),
            QStringLiteral("Ask the owner for read access, or use credentials of an account that has it.")};
    if (status == 404)
        return {errorcode::kNotFound, QStringLiteral("%1 was not found on %2.").arg(subject, host),
                QStringLiteral("Check the registry host and the repository name.")};
    if (status == 429 || registryCode == QLatin1String("TOOMANYREQUESTS"))
        return {errorcode::kTooManyRequests,
                QStringLiteral("%1 is rate-limiting requests from this address.").arg(host),
                QStringLiteral("Wait until the limit resets, or log in (authenticated pulls have a higher "
                               "limit; on Docker Hub a paid plan has none).")};
    if (status >= 500)
        return {errorcode::kServerError,
                QStringLiteral("%1 failed with HTTP %2 while serving %3.").arg(host).arg(status).arg(subject),
                QStringLiteral("This is the registry's problem, not yours: try again in a few minutes and "
                               "check the registry's status page.")};
    return {errorcode::kUnexpected,
            QStringLiteral("%1 answered HTTP %2 for %3.").arg(host).arg(status).arg(subject),
            QStringLiteral("Check the registry address; if it is right, report the answer below to the "
                           "registry's operator.")};
}

} // namespace

QList<RegistryErrorEntry> parseRegistryErrors(const QByteArray& body) {
    QList<RegistryErrorEntry> entries;
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    for (const QJsonValue& value : object.value(QStringLiteral("errors")).toArray()) {
        const QJsonObject entry = value.toObject();
        entries.append({entry.value(QStringLiteral("code")).toString(),
                        entry.value(QStringLiteral("message")).toString(),
                        jsonText(entry.value(QStringLiteral("detail")))});
    }
    return entries;
}

QString registryReason(const HttpAnswer& answer) {
    QStringList parts;
    for (const RegistryErrorEntry& entry : parseRegistryErrors(answer.body)) {
        QString part =
            entry.code.isEmpty() ? entry.message : entry.code + QStringLiteral(": ") + entry.message;
        if (!entry.detail.isEmpty() && entry.detail != QLatin1String("null"))
            part += QStringLiteral(" (") + entry.detail + QLatin1Char(')');
        parts.append(part);
    }
    if (parts.isEmpty()) {
        // Token servers answer {"error": ..., "details": ...} or {"message": ...}.
        const QJsonObject object = QJsonDocument::fromJson(answer.body).object();
        for (const char* key : {"details", "error_description", "error", "message"}) {
            const QString text = jsonText(object.value(QLatin1String(key)));
            if (!text.isEmpty())
                parts.append(text);
        }
    }
    if (parts.isEmpty() && !answer.body.trimmed().isEmpty() && !answer.body.trimmed().startsWith('<'))
        parts.append(QString::fromUtf8(answer.body.trimmed()).left(kMaxReasonLength));
    QString reason = parts.join(QStringLiteral("; "));
    if (reason.isEmpty())
        reason = QStringLiteral("HTTP %1").arg(answer.status);
    return reason.left(kMaxReasonLength);
}

QString RateLimit::describe() const {
    QStringList parts;
    if (remaining >= 0 && limit >= 0)
        parts.append(QStringLiteral("%1 of %2 pulls left").arg(remaining).arg(limit));
    else if (limit >= 0)
        parts.append(QStringLiteral("limit %1 pulls").arg(limit));
    if (windowSeconds > 0 && !parts.isEmpty())
        parts.last() += QStringLiteral(" per %1 h").arg(windowSeconds / 3600.0, 0, 'g', 3);
    if (retryAfterSeconds >= 0)
        parts.append(QStringLiteral("retry after %1 s").arg(retryAfterSeconds));
    if (!source.isEmpty())
        parts.append(QStringLiteral("counted for %1").arg(source));
    return parts.join(QStringLiteral("; "));
}

RateLimit parseRateLimit(const HttpAnswer& answer) {
    RateLimit rateLimit;
    std::tie(rateLimit.limit, rateLimit.windowSeconds) = parseLimitHeader(answer.header("ratelimit-limit"));
    int remainingWindow = -1;
    std::tie(rateLimit.remaining, remainingWindow) = parseLimitHeader(answer.header("ratelimit-remaining"));
    if (rateLimit.windowSeconds < 0)
        rateLimit.windowSeconds = remainingWindow;
    rateLimit.source = QString::fromUtf8(answer.header("docker-ratelimit-source"));
    const QByteArray retryAfter = answer.header("retry-after").trimmed();
    bool ok = false;
    const int seconds = retryAfter.toInt(&ok);
    if (ok) {
        rateLimit.retryAfterSeconds = seconds;
    } else if (!retryAfter.isEmpty()) {
        const QDateTime when = QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
        if (when.isValid())
            rateLimit.retryAfterSeconds =
                static_cast<int>(std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when)));
    }
    return rateLimit;
}

Error errorForAnswer(const HttpAnswer& answer, const QString& subject, const QString& host) {
    const QList<RegistryErrorEntry> entries = parseRegistryErrors(answer.body);
    const QString registryCode = entries.isEmpty() ? QString() : entries.first().code;
    Mapping mapping = mappingFor(answer.status, registryCode, subject, host);
    if (mapping.code == errorcode::kTooManyRequests) {
        if (const QString limits = parseRateLimit(answer).describe(); !limits.isEmpty())
            mapping.message += QStringLiteral(" (") + limits + QLatin1Char(')');
    }
    // Without the query: pre-signed blob URLs carry their signature there.
    const QUrl shownUrl = answer.url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    QString detail = QStringLiteral("HTTP %1 from %2").arg(answer.status).arg(shownUrl.toDisplayString());
    if (answer.status >= 400)
        detail += QStringLiteral(": ") + registryReason(answer);
    return Error{mapping.code, mapping.message, mapping.fix, detail};
}

} // namespace slipway::registry
