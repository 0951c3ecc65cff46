#include "credentials/keyfile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace slipway::ui {

namespace {
constexpr qint64 kMaxKeyFileSize = 64 * 1024; // real keys are about 2.3 KiB
}

Result<KeyFileSecret> readServiceAccountKey(const QString& path, bool base64) {
    const QString name = QFileInfo(path).fileName();
    const QString fix =
        QStringLiteral("Choose the JSON key you downloaded for the service account (IAM -> Service "
                       "accounts -> Keys -> Add key -> JSON).");
    QFile file(path);
    if (file.size() > kMaxKeyFileSize)
        return fail(QStringLiteral("credentials.key-file"),
                    QStringLiteral("%1 is too large for a key file.").arg(name), fix);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("credentials.key-file"),
                    QStringLiteral("Could not read %1: %2.").arg(name, file.errorString()), fix);
    const QByteArray content = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(content, &parseError);
    const QJsonObject key = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
        key.value(QLatin1String("type")).toString() != QLatin1String("service_account") ||
        key.value(QLatin1String("private_key")).toString().isEmpty())
        return fail(
            QStringLiteral("credentials.key-file"),
            QStringLiteral("%1 is not a service account key (JSON with \"type\": \"service_account\" and a "
                           "private key).")
                .arg(name),
            fix);
    KeyFileSecret secret;
    secret.account = key.value(QLatin1String("client_email")).toString();
    const QByteArray compact = document.toJson(QJsonDocument::Compact);
    secret.secret = base64 ? QString::fromLatin1(content.toBase64()) : QString::fromUtf8(compact);
    return secret;
}

} // namespace slipway::ui
