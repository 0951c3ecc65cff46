#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace slipway::docker {

// One object of the engine's newline-delimited JSON progress stream (build, push, pull), as moby's
// jsonstream.Message defines it. HTTP 200 does not mean success: an `error`/`errorDetail` object ends
// the operation as a failure.
struct JsonMessage {
    QString stream;     // free build output, carries its own newlines
    QString status;     // "Pushing", "Layer already exists", "<tag>: digest: sha256:... size: N"
    QString id;         // layer short id, or an aux channel ("moby.buildkit.trace", "moby.image.id")
    qint64 current = 0; // progressDetail
    qint64 total = 0;
    QJsonValue aux; // undefined when absent
    QString error;  // errorDetail.message, else error
    int errorCode = 0;
    bool malformed = false; // a line that is not a JSON object; its text is in `stream`

    bool isError() const { return !error.isEmpty(); }
    bool hasAux() const { return !aux.isUndefined(); }
};

// Splits the stream into messages as bytes arrive: objects may be split across reads or several may
// come in one read.
class JsonMessageStream {
public:
    QList<JsonMessage> feed(QByteArrayView data);
    // The end of the stream: a last line without its newline.
    QList<JsonMessage> finish();

    static JsonMessage parseLine(QByteArrayView line);

private:
    QByteArray m_pending;
};

} // namespace slipway::docker
