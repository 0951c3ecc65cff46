// BuildKit reports build progress as protobuf StatusResponse messages inside the engine's JSON stream.
// The decoder must hand every field the build panel shows (steps, cache hits, timings, errors, logs,
// warnings) through unchanged, and must refuse a damaged message with an error instead of crashing.
#include "buildkit/trace.h"
#include "control.pb.h"

#include <QTest>
#include <QTimeZone>

using namespace slipway::buildkit;
namespace pb = moby::buildkit::v1;

namespace {

const QDateTime kStarted(QDate(2026, 11, 27), QTime(16, 20, 1, 123), QTimeZone::utc());
const QDateTime kCompleted(QDate(2026, 11, 27), QTime(16, 20, 3, 456), QTimeZone::utc());

void setTime(google::protobuf::Timestamp* out, const QDateTime& time) {
    out->set_seconds(time.toSecsSinceEpoch());
    // Sub-millisecond digits are dropped by the decoder; send some to prove it rounds down, not up.
    out->set_nanos(int(time.time().msec()) * 1000000 + 999999);
}

std::string sampleResponse() {
    pb::StatusResponse response;
    pb::Vertex* base = response.add_vertexes();
    base->set_digest("sha256:aaa");
    base->set_name("[1/2] FROM 127.0.0.1:5001/slipway/python-private:3.11");
    base->set_cached(true);
    setTime(base->mutable_started(), kStarted);
    setTime(base->mutable_completed(), kStarted);

    pb::Vertex* run = response.add_vertexes();
    run->set_digest("sha256:bbb");
    run->add_inputs("sha256:aaa");
    run->add_inputs("sha256:ccc");
    run->set_name("[2/2] RUN pip install nothing-such");
    setTime(run->mutable_started(), kStarted);
    setTime(run->mutable_completed(), kCompleted);
    run->set_error(
        "process \"/bin/sh -c pip install nothing-such\" did not complete successfully: exit code: 1");

    pb::VertexStatus* status = response.add_statuses();
    status->set_id("sha256:layer1");
    status->set_vertex("sha256:aaa");
    status->set_name("downloading");
    status->set_current(1024);
    status->set_total(4096);
    setTime(status->mutable_timestamp(), kCompleted);
    setTime(status->mutable_started(), kStarted);

    pb::VertexLog* log = response.add_logs();
    log->set_vertex("sha256:bbb");
    setTime(log->mutable_timestamp(), kCompleted);
    log->set_stream(2);
    log->set_msg(std::string("ERROR: No matching distribution\n\0\xff", 35));

    pb::VertexWarning* warning = response.add_warnings();
    warning->set_vertex("sha256:bbb");
    warning->set_level(1);
    warning->set_short_("FromAsCasing: 'as' and 'FROM' keywords' casing do not match");
    warning->add_detail("first line");
    warning->add_detail("second line");
    warning->set_url("https://docs.docker.com/go/dockerfile/rule/from-as-casing/");
    return response.SerializeAsString();
}

// A real payload, captured from Docker 20.10's BuildKit by tst_buildkitsession: the update that marks the
// step `RUN echo slipway-session-ok` complete.
const char kCapturedRunDone[] =
    "CtEBCkdzaGEyNTY6ZDNjNzRkMDY5OTIzZjJhYTFjZmFjY2ViMzQ1NDBmZjM5ZTBkZjMxNjQ0NDA1ZDU4MmZjZjgwODUzZTlj"
    "NzUxNhJHc2hhMjU2OjA2NmQ1MDM5Y2E0ZWFlMWNkMWI0YjJjZjZiNGVlNjdhNzhlMDg1NzNjZjZiM2JjYzRmOWRlZjZkNjQ0"
    "M2FkOWEaIVsyLzJdIFJVTiBlY2hvIHNsaXB3YXktc2Vzc2lvbi1vayoMCMTmptgGEMue4PoBMgwIxOam2AYQ8aCVgQM=";

} // namespace

class BuildkitTraceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesEveryField() {
        const std::string bytes = sampleResponse();
        QString error;
        const std::optional<TraceUpdate> update =
            decodeTrace(QByteArrayView(bytes.data(), bytes.size()), &error);
        QVERIFY2(update, qPrintable(error));

        QCOMPARE(update->vertexes.size(), 2);
        const TraceVertex& base = update->vertexes[0];
        QCOMPARE(base.digest, QByteArray("sha256:aaa"));
        QCOMPARE(base.name, QStringLiteral("[1/2] FROM 127.0.0.1:5001/slipway/python-private:3.11"));
        QVERIFY(base.inputs.isEmpty());
        QVERIFY(base.cached);
        QCOMPARE(base.started, kStarted);
        QCOMPARE(base.completed, kStarted);
        QVERIFY(base.error.isEmpty());

        const TraceVertex& run = update->vertexes[1];
        QCOMPARE(run.digest, QByteArray("sha256:bbb"));
        QCOMPARE(run.inputs, (QList<QByteArray>{"sha256:aaa", "sha256:ccc"}));
        QVERIFY(!run.cached);
        QCOMPARE(run.started, kStarted);
        QCOMPARE(run.completed, kCompleted);
        QCOMPARE(run.started.msecsTo(run.completed), 2333);
        QVERIFY(run.error.contains(QStringLiteral("exit code: 1")));

        QCOMPARE(update->statuses.size(), 1);
        const TraceStatus& status = update->statuses[0];
        QCOMPARE(status.id, QByteArray("sha256:layer1"));
        QCOMPARE(status.vertex, QByteArray("sha256:aaa"));
        QCOMPARE(status.name, QStringLiteral("downloading"));
        QCOMPARE(status.current, 1024);
        QCOMPARE(status.total, 4096);
        QCOMPARE(status.timestamp, kCompleted);
        QCOMPARE(status.started, kStarted);
        QVERIFY(!status.completed.isValid()); // not sent: still running

        QCOMPARE(update->logs.size(), 1);
        const TraceLog& log = update->logs[0];
        QCOMPARE(log.vertex, QByteArray("sha256:bbb"));
        QCOMPARE(log.stream, 2);
        QCOMPARE(log.data, QByteArray("ERROR: No matching distribution\n\0\xff", 35)); // bytes kept as sent
        QCOMPARE(log.timestamp, kCompleted);

        QCOMPARE(update->warnings.size(), 1);
        const TraceWarning& warning = update->warnings[0];
        QCOMPARE(warning.vertex, QByteArray("sha256:bbb"));
        QCOMPARE(warning.level, 1);
        QCOMPARE(warning.shortText,
                 QByteArray("FromAsCasing: 'as' and 'FROM' keywords' casing do not match"));
        QCOMPARE(warning.detail, (QList<QByteArray>{"first line", "second line"}));
        QCOMPARE(warning.url, QStringLiteral("https://docs.docker.com/go/dockerfile/rule/from-as-casing/"));
    }

    void decodesCapturedEngineTrace() {
        QString error;
        const auto update = decodeTrace(QByteArray::fromBase64(kCapturedRunDone), &error);
        QVERIFY2(update, qPrintable(error));
        QCOMPARE(update->vertexes.size(), 1);
        const TraceVertex& run = update->vertexes[0];
        QCOMPARE(run.name, QStringLiteral("[2/2] RUN echo slipway-session-ok"));
        QVERIFY(run.digest.startsWith("sha256:"));
        QCOMPARE(run.inputs.size(), 1); // the FROM step's vertex
        QVERIFY(run.inputs[0].startsWith("sha256:"));
        QVERIFY(!run.cached);
        QVERIFY(run.error.isEmpty());
        QCOMPARE(run.started, QDateTime(QDate(2026, 11, 27), QTime(16, 43, 48, 525), QTimeZone::utc()));
        QCOMPARE(run.started.msecsTo(run.completed), 282);
    }

    void unsetTimesStayInvalid() {
        pb::StatusResponse response;
        response.add_vertexes()->set_name("[internal] load build definition from Dockerfile");
        const std::string bytes = response.SerializeAsString();
        const auto update = decodeTrace(QByteArrayView(bytes.data(), bytes.size()));
        QVERIFY(update);
        QCOMPARE(update->vertexes.size(), 1);
        QVERIFY(!update->vertexes[0].started.isValid());
        QVERIFY(!update->vertexes[0].completed.isValid());
    }

    // Step names come from Dockerfiles, which BuildKit does not check for UTF-8; one bad byte must not
    // cost the whole update (a C++ `string` field would reject the message).
    void invalidUtf8NameStillDecodes() {
        pb::StatusResponse response;
        response.add_vertexes()->set_name("RUN echo \xff\xfe");
        const std::string bytes = response.SerializeAsString();
        const auto update = decodeTrace(QByteArrayView(bytes.data(), bytes.size()));
        QVERIFY(update);
        QVERIFY(update->vertexes[0].name.startsWith(QStringLiteral("RUN echo ")));
    }

    // Fields Slipway does not decode (Vertex.progressGroup = 8, VertexWarning.info = 6) are skipped.
    void unknownFieldsAreSkipped() {
        std::string bytes = sampleResponse();
        // Vertex { name = "x"; progressGroup(8) = { id(1) = "g" } } as raw wire bytes.
        const std::string vertex = std::string("\x1a\x01x", 3) + std::string("\x42\x03\x0a\x01g", 5);
        bytes += std::string("\x0a", 1) + char(vertex.size()) + vertex;
        const auto update = decodeTrace(QByteArrayView(bytes.data(), bytes.size()));
        QVERIFY(update);
        QCOMPARE(update->vertexes.size(), 3);
        QCOMPARE(update->vertexes[2].name, QStringLiteral("x"));
    }

    void truncatedInputIsAnError() {
        const std::string bytes = sampleResponse();
        QString error;
        QVERIFY(!decodeTrace(QByteArrayView(bytes.data(), bytes.size() - 1), &error));
        QVERIFY2(error.contains(QStringLiteral("not a valid StatusResponse")), qPrintable(error));
        // Every other cut either fails cleanly or yields a prefix of the message (a cut between fields is
        // a valid, shorter message) — never a crash or made-up content.
        for (size_t cut = 0; cut < bytes.size(); ++cut) {
            const auto update = decodeTrace(QByteArrayView(bytes.data(), qsizetype(cut)));
            if (update)
                QVERIFY(update->vertexes.size() <= 2 && update->logs.size() <= 1);
        }
    }

    void garbageIsAnError() {
        QString error;
        QVERIFY(!decodeTrace(QByteArrayView("\xff\xff\xff\xff\xff", 5), &error));
        QVERIFY(!error.isEmpty());
        // The base64 text itself (a caller forgetting to decode) is not a StatusResponse either.
        error.clear();
        QVERIFY(!decodeTrace("eyJpZCI6Im1vYnkuYnVpbGRraXQudHJhY2UifQ==", &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(BuildkitTraceTest)
#include "tst_buildkittrace.moc"
