// The engine's progress stream: objects split across reads or several in one, errors inside an HTTP
// 200 answer, aux payloads; and the classic builder's text turned into steps with their last lines.
#include "docker/buildprogress.h"
#include "docker/jsonmessagestream.h"

#include <QJsonObject>
#include <QTest>

using namespace slipway::docker;

class JsonMessageStreamTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void splitsAcrossAndWithinReads() {
        const QByteArray stream =
            "{\"stream\":\"Step 1/2 : FROM x\\n\"}\n{\"status\":\"Pushing\",\"id\":\"ab12\","
            "\"progressDetail\":{\"current\":5,\"total\":10}}\r\n{\"aux\":{\"ID\":\"sha256:1\"}}\n";
        // Every split point gives the same three messages.
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            JsonMessageStream parser;
            QList<JsonMessage> messages = parser.feed(QByteArrayView(stream).first(cut));
            messages += parser.feed(QByteArrayView(stream).sliced(cut));
            messages += parser.finish();
            QCOMPARE(messages.size(), 3);
            QCOMPARE(messages[0].stream, QStringLiteral("Step 1/2 : FROM x\n"));
            QCOMPARE(messages[1].status, QStringLiteral("Pushing"));
            QCOMPARE(messages[1].id, QStringLiteral("ab12"));
            QCOMPARE(messages[1].current, 5);
            QCOMPARE(messages[1].total, 10);
            QCOMPARE(messages[2].aux.toObject().value(QStringLiteral("ID")).toString(),
                     QStringLiteral("sha256:1"));
            QVERIFY(!messages[0].hasAux());
        }
    }

    void errorInsideTheStream() {
        JsonMessageStream parser;
        auto messages =
            parser.feed("{\"errorDetail\":{\"code\":1,\"message\":\"denied: nope\"},\"error\":\"denied: "
                        "nope\"}\n{\"error\":\"legacy only\"}\n");
        QCOMPARE(messages.size(), 2);
        QVERIFY(messages[0].isError());
        QCOMPARE(messages[0].error, QStringLiteral("denied: nope"));
        QCOMPARE(messages[0].errorCode, 1);
        QCOMPARE(messages[1].error, QStringLiteral("legacy only"));
    }

    void lastLineWithoutNewlineAndGarbage() {
        JsonMessageStream parser;
        QVERIFY(parser.feed("not json\n{\"status\":\"done\"}").size() == 1);
        const auto rest = parser.finish();
        QCOMPARE(rest.size(), 1);
        QCOMPARE(rest[0].status, QStringLiteral("done"));
        JsonMessageStream other;
        const auto garbage = other.feed("not json\n");
        QVERIFY(garbage[0].malformed);
        QCOMPARE(garbage[0].stream, QStringLiteral("not json"));
    }

    void classicTextBecomesSteps() {
        QList<BuildStep> changes;
        BuildProgress progress({[&](const BuildStep& step) { changes.append(step); }, {}});
        progress.applyClassicText(QStringLiteral("Step 1/3 : FROM base\n ---> 1234\nStep 2/3 : RUN ech"));
        progress.applyClassicText(
            QStringLiteral("o hi\n ---> Using cache\n ---> 5678\nStep 3/3 : RUN apt-get "
                           "install nope\n ---> Running in abc\n"));
        for (int i = 0; i < 30; ++i)
            progress.applyClassicText(QStringLiteral("line %1\n").arg(i));
        progress.applyClassicText(QStringLiteral("E: Unable to locate package nope"));
        progress.fail(QStringLiteral("returned a non-zero code: 100"));

        const auto& steps = progress.steps();
        QCOMPARE(steps.size(), 3);
        QCOMPARE(steps[0].name, QStringLiteral("[1/3] FROM base"));
        QCOMPARE(steps[0].state, BuildStep::State::Done);
        QCOMPARE(steps[1].name, QStringLiteral("[2/3] RUN echo hi"));
        QCOMPARE(steps[1].state, BuildStep::State::Cached);
        QCOMPARE(steps[2].state, BuildStep::State::Failed);
        QVERIFY(steps[2].completed.isValid());
        const BuildStep* failed = progress.failedStep();
        QVERIFY(failed && failed->id == "step-3");
        const QStringList tail = progress.lastLines(failed->id);
        QCOMPARE(tail.size(), BuildProgress::kTailLines);
        QCOMPARE(tail.last(), QStringLiteral("E: Unable to locate package nope"));
        QCOMPARE(progress.finishedCount(), 3);
        QVERIFY(!changes.isEmpty());
    }

    void traceVertexesBecomeSteps() {
        QList<BuildLogChunk> logs;
        BuildProgress progress({{}, [&](const BuildLogChunk& chunk) { logs.append(chunk); }});
        slipway::buildkit::TraceUpdate update;
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        update.vertexes.append({"sha256:a", QStringLiteral("[1/2] FROM base"), {}, true, t0, t0, {}});
        update.vertexes.append({"sha256:b", QStringLiteral("[2/2] RUN make"), {}, false, t0, {}, {}});
        update.logs.append({"sha256:b", 2, "compiling\nerror: boom\n", t0});
        progress.applyTrace(update);
        QCOMPARE(progress.steps()[0].state, BuildStep::State::Cached);
        QCOMPARE(progress.steps()[1].state, BuildStep::State::Running);
        QCOMPARE(logs.size(), 1);
        QCOMPARE(logs[0].stream, BuildLogChunk::Stream::Stderr);

        slipway::buildkit::TraceUpdate failure;
        failure.vertexes.append({"sha256:b",
                                 QStringLiteral("[2/2] RUN make"),
                                 {},
                                 false,
                                 t0,
                                 t0,
                                 QStringLiteral("exit code: 2")});
        progress.applyTrace(failure);
        const BuildStep* failed = progress.failedStep();
        QVERIFY(failed);
        QCOMPARE(failed->error, QStringLiteral("exit code: 2"));
        QCOMPARE(progress.lastLines("sha256:b"),
                 (QStringList{QStringLiteral("compiling"), QStringLiteral("error: boom")}));
    }
};

QTEST_GUILESS_MAIN(JsonMessageStreamTest)
#include "tst_jsonmessagestream.moc"
