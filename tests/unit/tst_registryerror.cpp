// Registry answers turned into errors a data scientist can act on: the distribution error codes,
// Docker Hub's rate-limit headers, non-JSON bodies, and the registry's own words kept in the detail.
#include "registry/registryerror.h"

#include <QTest>

using namespace slipway::registry;

namespace {

HttpAnswer answer(int status, const QByteArray& body, QList<std::pair<QByteArray, QByteArray>> headers = {}) {
    HttpAnswer result;
    result.status = status;
    result.body = body;
    result.headers = std::move(headers);
    result.url =
        QUrl(QStringLiteral("https://registry.example/v2/me/app/manifests/v1?X-Amz-Signature=s3cr3t"));
    return result;
}

} // namespace

class RegistryErrorTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mapsCodes_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("fixMentions");
        QTest::newRow("unauthorized")
            << 401
            << QByteArray(R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})")
            << errorcode::kUnauthorized << "read:packages";
        QTest::newRow("denied")
            << 403
            << QByteArray(
                   R"({"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]})")
            << errorcode::kDenied << "read access";
        QTest::newRow("name unknown")
            << 404
            << QByteArray(
                   R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]})")
            << errorcode::kNameUnknown << "typos";
        QTest::newRow("manifest unknown")
            << 404 << QByteArray(R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})")
            << errorcode::kManifestUnknown << "tag";
        QTest::newRow("404 without body") << 404 << QByteArray() << errorcode::kNotFound << "repository name";
        QTest::newRow("429")
            << 429
            << QByteArray(
                   R"({"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]})")
            << errorcode::kTooManyRequests << "log in";
        QTest::newRow("503 html") << 503 << QByteArray("<html>bad gateway</html>") << errorcode::kServerError
                                  << "status page";
        QTest::newRow("418") << 418 << QByteArray("teapot") << errorcode::kUnexpected << "registry address";
    }
    void mapsCodes() {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, fixMentions);
        const slipway::Error error = errorForAnswer(answer(status, body), QStringLiteral("me/app:v1"),
                                                    QStringLiteral("registry.example"));
        QCOMPARE(error.code, code);
        QVERIFY2(error.fix.contains(fixMentions), qPrintable(error.fix));
        QVERIFY(error.message.contains(QLatin1String("me/app:v1")) ||
                error.message.contains(QLatin1String("registry.example")));
        QVERIFY(error.detail.contains(QString::number(status)));
        // A pre-signed URL's signature never reaches a message.
        QVERIFY(!error.detail.contains(QLatin1String("s3cr3t")));
    }

    void keepsTheRegistrysOwnWords() {
        const HttpAnswer quay = answer(
            403,
            R"({"errors":[{"code":"DENIED","message":"access denied","detail":{"reason":"robot lacks read"}}]})");
        QCOMPARE(registryReason(quay),
                 QStringLiteral(R"(DENIED: access denied ({"reason":"robot lacks read"}))"));
        QVERIFY(errorForAnswer(quay, QStringLiteral("x"), QStringLiteral("quay.io"))
                    .detail.contains("robot lacks read"));
        const HttpAnswer tokenServer = answer(401, R"({"details":"incorrect username or password"})");
        QCOMPARE(registryReason(tokenServer), QStringLiteral("incorrect username or password"));
        QCOMPARE(registryReason(answer(401, "plain words\n")), QStringLiteral("plain words"));
        QCOMPARE(registryReason(answer(502, "<html/>")), QStringLiteral("HTTP 502"));
        QCOMPARE(registryReason(answer(401, QByteArray(2000, 'x'))).size(), 300);
    }

    void readsDockerHubRateLimits() {
        const HttpAnswer limited = answer(429, R"({"errors":[{"code":"TOOMANYREQUESTS","message":"limit"}]})",
                                          {{"RateLimit-Limit", "100;w=21600"},
                                           {"ratelimit-remaining", "0;w=21600"},
                                           {"docker-ratelimit-source", "192.0.2.1"},
                                           {"Retry-After", "3600"}});
        const RateLimit rateLimit = parseRateLimit(limited);
        QCOMPARE(rateLimit.limit, 100);
        QCOMPARE(rateLimit.remaining, 0);
        QCOMPARE(rateLimit.windowSeconds, 21600);
        QCOMPARE(rateLimit.retryAfterSeconds, 3600);
        QCOMPARE(rateLimit.source, QStringLiteral("192.0.2.1"));
        QCOMPARE(rateLimit.describe(),
                 QStringLiteral("0 of 100 pulls left per 6 h; retry after 3600 s; counted for 192.0.2.1"));
        const slipway::Error error =
            errorForAnswer(limited, QStringLiteral("x"), QStringLiteral("docker.io"));
        QVERIFY2(error.message.contains(QLatin1String("0 of 100 pulls left")), qPrintable(error.message));
        QVERIFY(!parseRateLimit(answer(200, {})).known());
    }
};

QTEST_GUILESS_MAIN(RegistryErrorTest)
#include "tst_registryerror.moc"
