#include "buildkit/trace.h"

#include "control.pb.h"

#include <QTimeZone>
#include <limits>

namespace slipway::buildkit {

namespace {

namespace pb = moby::buildkit::v1;

QByteArray bytesOf(const std::string& text) {
    return QByteArray(text.data(), qsizetype(text.size()));
}

QString textOf(const std::string& text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Millisecond precision is all a progress display needs (QDateTime holds no more).
QDateTime timeOf(const google::protobuf::Timestamp& time) {
    return QDateTime::fromMSecsSinceEpoch(time.seconds() * 1000 + time.nanos() / 1000000, QTimeZone::utc());
}

template <typename Message> QDateTime optionalTime(bool present, const Message& time) {
    return present ? timeOf(time) : QDateTime();
}

TraceVertex vertexOf(const pb::Vertex& in) {
    TraceVertex out;
    out.digest = bytesOf(in.digest());
    out.name = textOf(in.name());
    out.inputs.reserve(in.inputs_size());
    for (const std::string& input : in.inputs())
        out.inputs.append(bytesOf(input));
    out.cached = in.cached();
    out.started = optionalTime(in.has_started(), in.started());
    out.completed = optionalTime(in.has_completed(), in.completed());
    out.error = textOf(in.error());
    return out;
}

TraceStatus statusOf(const pb::VertexStatus& in) {
    TraceStatus out;
    out.id = bytesOf(in.id());
    out.vertex = bytesOf(in.vertex());
    out.name = textOf(in.name());
    out.current = in.current();
    out.total = in.total();
    out.timestamp = optionalTime(in.has_timestamp(), in.timestamp());
    out.started = optionalTime(in.has_started(), in.started());
    out.completed = optionalTime(in.has_completed(), in.completed());
    return out;
}

TraceLog logOf(const pb::VertexLog& in) {
    TraceLog out;
    out.vertex = bytesOf(in.vertex());
    out.timestamp = optionalTime(in.has_timestamp(), in.timestamp());
    out.stream = int(in.stream());
    out.data = bytesOf(in.msg());
    return out;
}

TraceWarning warningOf(const pb::VertexWarning& in) {
    TraceWarning out;
    out.vertex = bytesOf(in.vertex());
    out.level = in.level();
    out.shortText = bytesOf(in.short_());
    out.detail.reserve(in.detail_size());
    for (const std::string& line : in.detail())
        out.detail.append(bytesOf(line));
    out.url = textOf(in.url());
    return out;
}

} // namespace

std::optional<TraceUpdate> decodeTrace(QByteArrayView bytes, QString* error) {
    const auto fail = [error](const QString& message) -> std::optional<TraceUpdate> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (bytes.size() > std::numeric_limits<int>::max())
        return fail(QStringLiteral("BuildKit progress message too large (%1 bytes)").arg(bytes.size()));
    pb::StatusResponse response;
    if (!response.ParseFromArray(bytes.data(), int(bytes.size())))
        return fail(QStringLiteral("BuildKit sent a progress message that is not a valid StatusResponse "
                                   "(%1 bytes)")
                        .arg(bytes.size()));

    TraceUpdate update;
    update.vertexes.reserve(response.vertexes_size());
    for (const pb::Vertex& vertex : response.vertexes())
        update.vertexes.append(vertexOf(vertex));
    update.statuses.reserve(response.statuses_size());
    for (const pb::VertexStatus& status : response.statuses())
        update.statuses.append(statusOf(status));
    update.logs.reserve(response.logs_size());
    for (const pb::VertexLog& log : response.logs())
        update.logs.append(logOf(log));
    update.warnings.reserve(response.warnings_size());
    for (const pb::VertexWarning& warning : response.warnings())
        update.warnings.append(warningOf(warning));
    return update;
}

} // namespace slipway::buildkit
