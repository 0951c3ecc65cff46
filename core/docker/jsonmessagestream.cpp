#include "docker/jsonmessagestream.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace slipway::docker {

JsonMessage JsonMessageStream::parseLine(QByteArrayView line) {
    JsonMessage message;
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        message.malformed = true;
        message.stream = QString::fromUtf8(line);
        return message;
    }
    const QJsonObject object = document.object();
    message.stream = object.value(QLatin1String("stream")).toString();
    message.status = object.value(QLatin1String("status")).toString();
    message.id = object.value(QLatin1String("id")).toString();
    const QJsonObject progress = object.value(QLatin1String("progressDetail")).toObject();
    message.current = progress.value(QLatin1String("current")).toInteger();
    message.total = progress.value(QLatin1String("total")).toInteger();
    message.aux = object.value(QLatin1String("aux"));
    const QJsonObject detail = object.value(QLatin1String("errorDetail")).toObject();
    message.error = detail.value(QLatin1String("message")).toString();
    message.errorCode = detail.value(QLatin1String("code")).toInt();
    if (message.error.isEmpty())
        message.error = object.value(QLatin1String("error")).toString();
    if (message.error.isEmpty() && object.contains(QLatin1String("errorDetail")))
        message.error = QStringLiteral("the engine reported an error without a message");
    return message;
}

QList<JsonMessage> JsonMessageStream::feed(QByteArrayView data) {
    QList<JsonMessage> messages;
    qsizetype start = 0;
    for (qsizetype newline = data.indexOf('\n'); newline >= 0; newline = data.indexOf('\n', start)) {
        QByteArrayView line = data.sliced(start, newline - start);
        start = newline + 1;
        if (!m_pending.isEmpty()) {
            m_pending.append(line);
            line = m_pending;
        }
        if (!line.trimmed().isEmpty())
            messages.append(parseLine(line));
        m_pending.clear();
    }
    m_pending.append(data.sliced(start));
    return messages;
}

QList<JsonMessage> JsonMessageStream::finish() {
    QList<JsonMessage> messages;
    if (!m_pending.trimmed().isEmpty())
        messages.append(parseLine(m_pending));
    m_pending.clear();
    return messages;
}

} // namespace slipway::docker
