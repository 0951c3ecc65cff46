#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace slipway::buildkit {

// One build step (a vertex of BuildKit's solve graph). `started`/`completed` are invalid until known;
// BuildKit re-sends a vertex whenever one of them changes, so the latest update wins.
struct TraceVertex {
    QByteArray digest;
    QString name; // e.g. "[2/2] RUN echo hi"
    QList<QByteArray> inputs;
    bool cached = false;
    QDateTime started;
    QDateTime completed;
    QString error; // non-empty when the step failed
};

// Progress of one part of a step (a layer being pulled, a context transfer).
struct TraceStatus {
    QByteArray id;
    QByteArray vertex;
    QString name;
    qint64 current = 0;
    qint64 total = 0;
    QDateTime timestamp;
    QDateTime started;
    QDateTime completed;
};

// Output of a step's process; `stream` is 1 for stdout, 2 for stderr. `data` is raw bytes, not
// necessarily whole lines or valid UTF-8.
struct TraceLog {
    QByteArray vertex;
    int stream = 1;
    QByteArray data;
    QDateTime timestamp;
};

struct TraceWarning {
    QByteArray vertex;
    qint64 level = 0;
    QByteArray shortText;
    QList<QByteArray> detail;
    QString url;
};

struct TraceUpdate {
    QList<TraceVertex> vertexes;
    QList<TraceStatus> statuses;
    QList<TraceLog> logs;
    QList<TraceWarning> warnings;
};

// `bytes` is the protobuf StatusResponse carried base64-encoded in the JSON message
// {"id":"moby.buildkit.trace","aux":"<base64>"} — the caller base64-decodes. Returns nullopt and sets
// *error on bad input. Thread-safe (no shared state), so it may run off the GUI thread.
std::optional<TraceUpdate> decodeTrace(QByteArrayView bytes, QString* error = nullptr);

} // namespace slipway::buildkit
