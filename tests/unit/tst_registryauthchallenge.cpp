// WWW-Authenticate as registries send it (Docker Hub, GHCR, ECR, Artifactory) and as an attacker
// might: quoted commas and escapes, several challenges per header and per response, junk.
#include "registry/authchallenge.h"

#include <QTest>

using namespace slipway::registry;

using Params = QList<std::pair<QString, QString>>;

class RegistryAuthChallengeTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parses_data() {
        QTest::addColumn<QList<QByteArray>>("headers");
        QTest::addColumn<QStringList>("schemes");
        QTest::addColumn<Params>("firstParams");
        QTest::newRow("docker hub")
            << QList<
                   QByteArray>{"Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\""}
            << QStringList{"bearer"}
            << Params{{"realm", "https://auth.docker.io/token"}, {"service", "registry.docker.io"}};
        QTest::newRow("ghcr with scope")
            << QList<QByteArray>{"Bearer "
                                 "realm=\"https://ghcr.io/"
                                 "token\",service=\"ghcr.io\",scope=\"repository:user/image:pull\""}
            << QStringList{"bearer"}
            << Params{{"realm", "https://ghcr.io/token"},
                      {"service", "ghcr.io"},
                      {"scope", "repository:user/image:pull"}};
        QTest::newRow("ecr basic") << QList<QByteArray>{"Basic "
                                                        "realm=\"https://1.dkr.ecr.eu-west-1.amazonaws.com/"
                                                        "\",service=\"ecr.amazonaws.com\""}
                                   << QStringList{"basic"}
                                   << Params{{"realm", "https://1.dkr.ecr.eu-west-1.amazonaws.com/"},
                                             {"service", "ecr.amazonaws.com"}};
        QTest::newRow("artifactory realm with space")
            << QList<QByteArray>{"Basic realm=\"Artifactory Realm\""} << QStringList{"basic"}
            << Params{{"realm", "Artifactory Realm"}};
        QTest::newRow("comma and equals inside quotes")
            << QList<QByteArray>{"Bearer realm=\"https://a.example/token?x=1,y=2\", "
                                 "scope=\"repository:a:pull,push repository:b:pull\""}
            << QStringList{"bearer"}
            << Params{{"realm", "https://a.example/token?x=1,y=2"},
                      {"scope", "repository:a:pull,push repository:b:pull"}};
        QTest::newRow("escaped quote and backslash")
            << QList<QByteArray>{"Bearer realm=\"https://a.example/t\", error=\"say \\\"hi\\\\\\\", ok\""}
            << QStringList{"bearer"}
            << Params{{"realm", "https://a.example/t"}, {"error", "say \"hi\\\", ok"}};
        QTest::newRow("unquoted values, odd spacing and case")
            << QList<QByteArray>{"BEARER   Realm = https://a.example/token ,Service=reg ,  "
                                 "error=insufficient_scope"}
            << QStringList{"bearer"}
            << Params{
                   {"realm", "https://a.example/token"}, {"service", "reg"}, {"error", "insufficient_scope"}};
        QTest::newRow("two challenges in one header")
            << QList<QByteArray>{"Negotiate, Basic realm=\"x, y\", Bearer "
                                 "realm=\"https://t.example/token\",service=\"s\""}
            << QStringList{"negotiate", "basic", "bearer"} << Params{};
        QTest::newRow("two headers") << QList<QByteArray>{"Basic realm=\"r\"",
                                                          "Bearer realm=\"https://t/token\""}
                                     << QStringList{"basic", "bearer"} << Params{};
        QTest::newRow("token68 is not a parameter")
            << QList<QByteArray>{"Negotiate dGVzdA==, Basic realm=\"r\""}
            << QStringList{"negotiate", "dgvzda", "basic"} << Params{};
        QTest::newRow("unterminated quote drops the parameter")
            << QList<QByteArray>{"Bearer service=\"s\", realm=\"https://never-closed"}
            << QStringList{"bearer"} << Params{{"service", "s"}};
        QTest::newRow("junk") << QList<QByteArray>{",,, = \"\" ,"} << QStringList{} << Params{};
        QTest::newRow("empty") << QList<QByteArray>{""} << QStringList{} << Params{};
    }
    void parses() {
        QFETCH(QList<QByteArray>, headers);
        QFETCH(QStringList, schemes);
        QFETCH(Params, firstParams);
        const QList<AuthChallenge> challenges = parseAuthChallenges(headers);
        QStringList parsedSchemes;
        for (const AuthChallenge& challenge : challenges)
            parsedSchemes.append(challenge.scheme);
        QCOMPARE(parsedSchemes, schemes);
        if (!firstParams.isEmpty())
            QCOMPARE(challenges.first().params, firstParams);
    }

    void severalChallengesKeepTheirOwnParameters() {
        const auto challenges = parseAuthChallenges(
            {"Negotiate, Basic realm=\"x, y\", Bearer realm=\"https://t.example/token\",service=\"s\""});
        QCOMPARE(challenges.size(), 3);
        QCOMPARE(challenges.at(1).realm(), QStringLiteral("x, y"));
        QCOMPARE(challenges.at(2).realm(), QStringLiteral("https://t.example/token"));
        QCOMPARE(challenges.at(2).service(), QStringLiteral("s"));
        QVERIFY(challenges.at(0).params.isEmpty());
    }

    void choosesBearerThenBasic() {
        auto chosen =
            chooseChallenge(parseAuthChallenges({"Negotiate", "Basic realm=\"r\"", "Bearer realm=\"t\""}));
        QVERIFY(chosen && chosen->isBearer());
        chosen = chooseChallenge(parseAuthChallenges({"Negotiate, Basic realm=\"r\""}));
        QVERIFY(chosen && chosen->isBasic());
        QVERIFY(!chooseChallenge(parseAuthChallenges({"Negotiate, NTLM"})));
    }
};

QTEST_GUILESS_MAIN(RegistryAuthChallengeTest)
#include "tst_registryauthchallenge.moc"
