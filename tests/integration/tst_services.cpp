// Proves that the services tests/services/up starts answer as the integration tests expect: the
// Docker Engine API on its unix socket and the open registry with the pushed base images.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>
#include <memory>

namespace {

constexpr int kTimeoutMs = 15000;

struct HttpResponse {
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString error;

    QByteArray header(const QByteArray& name) const {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

QByteArray decodeChunked(const QByteArray& data) {
    QByteArray out;
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype lineEnd = data.indexOf("\r\n", pos);
        if (lineEnd < 0)
            break;
        bool ok = false;
        const qsizetype size = data.mid(pos, lineEnd - pos).split(';').first().trimmed().toLongLong(&ok, 16);
        if (!ok || size == 0)
            break;
        out += data.mid(lineEnd + 2, size);
        pos = lineEnd + 2 + size + 2;
    }
    return out;
}

// One request on a fresh connection with `Connection: close`, so the daemon ends the response by
// closing: the whole response is what was read until the disconnect.
HttpResponse engineGet(const QString& socketPath, const QByteArray& path) {
    HttpResponse response;
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(kTimeoutMs)) {
        response.error = QStringLiteral("cannot connect to %1: %2").arg(socketPath, socket.errorString());
        return response;
    }
    socket.write("GET " + path +
                 " HTTP/1.1\r\nHost: docker\r\nUser-Agent: slipway-tests\r\nConnection: close\r\n\r\n");
    QByteArray raw;
    while (socket.state() == QLocalSocket::ConnectedState && socket.waitForReadyRead(kTimeoutMs))
        raw += socket.readAll();
    raw += socket.readAll();

    const qsizetype headerEnd = raw.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        response.error = QStringLiteral("no complete HTTP response from %1 for %2: %3")
                             .arg(socketPath, QString::fromLatin1(path), QString::fromLatin1(raw.left(200)));
        return response;
    }
    const QList<QByteArray> lines = raw.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    response.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            response.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    response.body = raw.mid(headerEnd + 4);
    if (response.header("Transfer-Encoding").compare("chunked", Qt::CaseInsensitive) == 0)
        response.body = decodeChunked(response.body);
    return response;
}

} // namespace

class TestServices : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void engineAnswersPing();
    void engineReportsItsApiVersion();
    void registryAnswersDistributionApi();
    void registryListsBaseImages_data();
    void registryListsBaseImages();

private:
    std::unique_ptr<QNetworkReply> registryGet(const QString& path);

    QString m_dockerSocket;
    QString m_registry;
    QNetworkAccessManager m_network;
};

void TestServices::initTestCase() {
    // Failing, not skipping: a suite whose service tests skip silently looks green with no services.
    for (const char* name : {"SLIPWAY_TEST_DOCKER_SOCKET", "SLIPWAY_TEST_REGISTRY",
                             "SLIPWAY_TEST_BUSYBOX_IMAGE", "SLIPWAY_TEST_PYTHON_IMAGE"}) {
        if (qEnvironmentVariable(name).isEmpty()) {
            QFAIL(qPrintable(QStringLiteral("%1 is not set: start the test services with "
                                            "eval \"$(tests/services/up)\" and run the tests from that shell")
                                 .arg(QLatin1String(name))));
        }
    }
    m_dockerSocket = qEnvironmentVariable("SLIPWAY_TEST_DOCKER_SOCKET");
    m_registry = qEnvironmentVariable("SLIPWAY_TEST_REGISTRY");
}

void TestServices::engineAnswersPing() {
    const HttpResponse response = engineGet(m_dockerSocket, "/_ping");
    QVERIFY2(response.error.isEmpty(), qPrintable(response.error));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray("OK"));
    QVERIFY2(!response.header("Api-Version").isEmpty(), "the daemon's _ping carries no Api-Version header");
}

void TestServices::engineReportsItsApiVersion() {
    const HttpResponse ping = engineGet(m_dockerSocket, "/_ping");
    QVERIFY2(ping.error.isEmpty(), qPrintable(ping.error));
    const HttpResponse response = engineGet(m_dockerSocket, "/version");
    QVERIFY2(response.error.isEmpty(), qPrintable(response.error));
    QCOMPARE(response.status, 200);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    QVERIFY2(document.isObject(), qPrintable(parseError.errorString()));
    const QString apiVersion = document.object().value(QLatin1String("ApiVersion")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^1\\.\\d+$")).match(apiVersion).hasMatch(),
             qPrintable(QStringLiteral("ApiVersion '%1' is not of the form 1.NN").arg(apiVersion)));
    QCOMPARE(apiVersion, QString::fromLatin1(ping.header("Api-Version")));
}

std::unique_ptr<QNetworkReply> TestServices::registryGet(const QString& path) {
    QNetworkRequest request(QUrl(QStringLiteral("http://%1%2").arg(m_registry, path)));
    request.setTransferTimeout(kTimeoutMs);
    std::unique_ptr<QNetworkReply> reply(m_network.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(kTimeoutMs);
    return reply;
}

void TestServices::registryAnswersDistributionApi() {
    const auto reply = registryGet(QStringLiteral("/v2/"));
    QVERIFY2(reply->isFinished(), "the registry did not answer GET /v2/");
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->rawHeader("Docker-Distribution-Api-Version"), QByteArray("registry/2.0"));
}

void TestServices::registryListsBaseImages_data() {
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("repository");
    QTest::addColumn<QString>("tag");
    QTest::newRow("python") << qEnvironmentVariable("SLIPWAY_TEST_PYTHON_IMAGE")
                            << QStringLiteral("slipway/python") << QStringLiteral("3.11-bookworm");
    QTest::newRow("busybox") << qEnvironmentVariable("SLIPWAY_TEST_BUSYBOX_IMAGE")
                             << QStringLiteral("slipway/busybox") << QStringLiteral("latest");
}

void TestServices::registryListsBaseImages() {
    QFETCH(QString, reference);
    QFETCH(QString, repository);
    QFETCH(QString, tag);
    QCOMPARE(reference.section(QLatin1Char('/'), 1), repository + QLatin1Char(':') + tag);

    const auto reply = registryGet(QStringLiteral("/v2/%1/tags/list").arg(repository));
    QVERIFY2(reply->isFinished(), "the registry did not answer the tags list");
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject tags = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(tags.value(QLatin1String("name")).toString(), repository);
    QVERIFY2(tags.value(QLatin1String("tags")).toArray().contains(tag),
             qPrintable(
                 QStringLiteral("%1 has no tag %2: run tests/services/up base-images").arg(repository, tag)));
}

QTEST_GUILESS_MAIN(TestServices)
#include "tst_services.moc"
