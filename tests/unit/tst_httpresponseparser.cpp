// The Docker Engine's HTTP answers arrive in socket-sized pieces: the parser must give the same
// result however they are cut, hand on chunked streams without collecting them, and stop at an
// upgrade (BuildKit's /session) exactly where the raw protocol starts.
#include "docker/httpresponseparser.h"

#include <QTest>

using slipway::docker::HttpResponseParser;

namespace {

struct Collected {
    HttpResponseParser::Head head;
    QByteArray body;
    int headerCalls = 0;
    int completeCalls = 0;
};

HttpResponseParser::Callbacks collectInto(Collected& out) {
    return {[&out](const HttpResponseParser::Head& head) {
                out.head = head;
                ++out.headerCalls;
            },
            [&out](QByteArrayView data) { out.body.append(data); }, [&out] { ++out.completeCalls; }};
}

const QByteArray kChunkedStream = "HTTP/1.1 200 OK\r\n"
                                  "Api-Version: 1.41\r\n"
                                  "Content-Type: application/json\r\n"
                                  "Transfer-Encoding: chunked\r\n"
                                  "\r\n"
                                  "1c\r\n{\"stream\":\"Step 1/2 : FROM\"}\r\n"
                                  "1\r\n\n\r\n"
                                  "17\r\n{\"aux\":{\"ID\":\"sha256\"}}\r\n"
                                  "0\r\n\r\n";
const QByteArray kChunkedBody = "{\"stream\":\"Step 1/2 : FROM\"}\n{\"aux\":{\"ID\":\"sha256\"}}";

} // namespace

class HttpResponseParserTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void chunkedStreamCutAnywhere() {
        for (qsizetype cut = 0; cut <= kChunkedStream.size(); ++cut) {
            Collected out;
            HttpResponseParser parser(collectInto(out));
            const QString where = QStringLiteral("cut at %1: ").arg(cut);
            QVERIFY2(parser.feed(QByteArrayView(kChunkedStream).first(cut)),
                     qPrintable(where + parser.errorString()));
            QVERIFY2(parser.feed(QByteArrayView(kChunkedStream).sliced(cut)),
                     qPrintable(where + parser.errorString()));
            QVERIFY2(parser.isComplete(), qPrintable(QStringLiteral("cut at %1").arg(cut)));
            QCOMPARE(out.body, kChunkedBody);
            QCOMPARE(out.headerCalls, 1);
            QCOMPARE(out.completeCalls, 1);
            QCOMPARE(out.head.status, 200);
            QCOMPARE(out.head.header("api-version"), QByteArray("1.41"));
        }
    }

    void byteByByteContentLength() {
        const QByteArray response = "HTTP/1.1 404 Not Found\r\nContent-Length: 44\r\n\r\n"
                                    "{\"message\":\"No such image: busybox:nothere\"}";
        Collected out;
        HttpResponseParser parser(collectInto(out));
        for (char c : response)
            QVERIFY(parser.feed(QByteArrayView(&c, 1)));
        QVERIFY(parser.isComplete());
        QCOMPARE(out.head.status, 404);
        QCOMPARE(out.head.reason, QStringLiteral("Not Found"));
        QCOMPARE(out.body, QByteArray("{\"message\":\"No such image: busybox:nothere\"}"));
        QVERIFY(!parser.feed("HTTP/1.1 200 OK\r\n"));
        QVERIFY(parser.errorString().contains(QStringLiteral("after the end")));
    }

    void bodyUntilClose() {
        Collected out;
        HttpResponseParser parser(collectInto(out));
        QVERIFY(parser.feed("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nOK and more"));
        QVERIFY(!parser.isComplete());
        QVERIFY(parser.finish());
        QCOMPARE(out.body, QByteArray("OK and more"));
        QCOMPARE(out.completeCalls, 1);
    }

    void truncatedAnswerIsAnError() {
        Collected out;
        HttpResponseParser parser(collectInto(out));
        QVERIFY(parser.feed(QByteArrayView(kChunkedStream).first(kChunkedStream.size() - 10)));
        QVERIFY(!parser.finish());
        QVERIFY(parser.errorString().contains(QStringLiteral("middle")));

        Collected none;
        HttpResponseParser silent(collectInto(none));
        QVERIFY(!silent.finish());
        QVERIFY(silent.errorString().contains(QStringLiteral("without answering")));
    }

    void malformedAnswerIsAnError() {
        Collected out;
        HttpResponseParser parser(collectInto(out));
        QVERIFY(!parser.feed("SSH-2.0-OpenSSH_9.2\r\n"));
        QVERIFY(parser.errorString().contains(QStringLiteral("malformed")));
        QVERIFY(!parser.feed("HTTP/1.1 200 OK\r\n\r\n")); // stays failed
    }

    void upgradeStopsWhereTheRawProtocolStarts() {
        const QByteArray head = "HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n";
        const QByteArray preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
        Collected out;
        HttpResponseParser parser(collectInto(out));
        qsizetype upgradedAt = -1;
        QVERIFY(parser.feed(head + preface, &upgradedAt));
        QVERIFY(parser.isUpgraded());
        QCOMPARE(out.head.status, 101);
        QVERIFY(out.head.upgrade);
        QCOMPARE(upgradedAt, head.size());
        QVERIFY(out.body.isEmpty());
    }

    void repeatedHeadersKeepOrderAndFirstWins() {
        Collected out;
        HttpResponseParser parser(collectInto(out));
        QVERIFY(parser.feed("HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 0\r\n\r\n"));
        QCOMPARE(out.head.headers.size(), 3);
        QCOMPARE(out.head.header("X-A"), QByteArray("1"));
        QVERIFY(out.head.header("Missing").isEmpty());
    }
};

QTEST_GUILESS_MAIN(HttpResponseParserTest)
#include "tst_httpresponseparser.moc"
