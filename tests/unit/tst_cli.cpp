// slipway-cli spec ...: flytekit's values for specs written as YAML and Python, exit codes, and a
// specific message for each kind of bad input.
#include "specbuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <unistd.h>

using namespace slipway::testing;

namespace {

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun runCli(const QStringList& arguments, const QString& workingDirectory, const QStringList& prefix = {}) {
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    if (prefix.isEmpty())
        process.start(QStringLiteral(SLIPWAY_CLI_PATH), arguments);
    else
        process.start(prefix.first(),
                      prefix.mid(1) + QStringList{QStringLiteral(SLIPWAY_CLI_PATH)} + arguments);
    if (!process.waitForFinished(60000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

const QString kSpecs = QStringLiteral(SLIPWAY_FIXTURES_DIR "/specs");
const QString kExample = QStringLiteral(SLIPWAY_SOURCE_DIR "/resources/examples/simple-example");

} // namespace

class CliTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void flytekitVectorsFromFiles_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("expected");
        QTest::newRow("V1 tag") << "v1-defaults.yaml"
                                << "tag"
                                << "fv8aVGdGU6GT1t5W98ZQPA";
        QTest::newRow("V1 image") << "v1-defaults.yaml"
                                  << "image"
                                  << "flytekit:fv8aVGdGU6GT1t5W98ZQPA";
        QTest::newRow("V3 tag") << "v3-tag-format.yaml"
                                << "tag"
                                << "C1ehKmkCvU6Flaum2jGBiw-dev";
        QTest::newRow("V3 id") << "v3-tag-format.yaml"
                               << "id"
                               << "C1ehKmkCvU6Flaum2jGBiw";
        QTest::newRow("V4 image") << "v4-lower-casing.yaml"
                                  << "image"
                                  << "ghcr.io/flyteorg/my-image:WwbLviMdrUYuuN_tARn51Q";
        QTest::newRow("V6 tag") << "v6-platform.yaml"
                                << "tag"
                                << "dZNtIswDVuPM9A7rwOQiIQ";
        QTest::newRow("V7 tag") << "v7-requirements.yaml"
                                << "tag"
                                << "MI3b3JwyjyXEbKjmGLIfKQ";
        QTest::newRow("V8 tag") << "v8-many-fields.yaml"
                                << "tag"
                                << "GF9ennpkjomOwAZXvCzE2w";
        QTest::newRow("V9 tag") << "v9-nested.py:final"
                                << "tag"
                                << "J7V3hxMFV0_yIVenZUjLng";
        QTest::newRow("V9 id") << "v9-nested.py:final"
                               << "id"
                               << "RyxsKglUYFyDL8vppQsVww";
        QTest::newRow("V9 base image") << "v9-nested.py:base"
                                       << "image"
                                       << "ghcr.io/acme/base:JLoUwoDiRtXRtzw_J8FZFQ";
        QTest::newRow("V10 tag") << "v10-copy.yaml"
                                 << "tag"
                                 << "Rd8ZCYfj5QtFHIZKclUZrg";
        QTest::newRow("V10 id") << "v10-copy.yaml"
                                << "id"
                                << "uitLJJFMTjUrw5ZTpPZtzQ";
        QTest::newRow("V11 tag") << "v11-source-root.yaml"
                                 << "tag"
                                 << "9A9zC_FSt4WuqFqTd8sALQ";
        QTest::newRow("V11 id") << "v11-source-root.yaml"
                                << "id"
                                << "lepYud5Qcbqpv_nhEj6YoQ";
        QTest::newRow("V12 tag") << "v12-unicode.yaml"
                                 << "tag"
                                 << "LrWZtGhhHZngKxMwVwTAyQ";
        QTest::newRow("V13 tag") << "v13-float-version.yaml"
                                 << "tag"
                                 << "eB8FHqjYAKtIaOpyMbFCTw";
        QTest::newRow("V14 tag") << "v14-registry-config.yaml"
                                 << "tag"
                                 << "bIi6xLYzxR8zH1iSR8scoA";
        QTest::newRow("V14 id") << "v14-registry-config.yaml"
                                << "id"
                                << "MCxq-SAXGf5DG0y7Q3QxRQ";
    }
    void flytekitVectorsFromFiles() {
        QFETCH(QString, file);
        QFETCH(QString, action);
        QFETCH(QString, expected);
        const CliRun run = runCli({QStringLiteral("spec"), action, file}, kSpecs);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out, expected + QLatin1Char('\n'));
    }

    void unquotedVersionWarnsButKeepsFlytekitsTag() {
        const CliRun run =
            runCli({QStringLiteral("spec"), QStringLiteral("tag"), QStringLiteral("v13-float-version.yaml")},
                   kSpecs);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains(QStringLiteral("3.1")) && run.err.contains(QStringLiteral("\"3.10\"")),
                 qPrintable(run.err));
    }

    void exampleYamlAndPythonAgree() {
        const CliRun yaml = runCli(
            {QStringLiteral("spec"), QStringLiteral("image"), QStringLiteral("simple-example-image.yaml")},
            kExample);
        const CliRun python = runCli({QStringLiteral("spec"), QStringLiteral("image"),
                                      QStringLiteral("workflows/imagespec-simple-example.py")},
                                     kExample);
        QVERIFY2(yaml.exitCode == 0, qPrintable(yaml.err));
        QVERIFY2(python.exitCode == 0, qPrintable(python.err));
        QVERIFY(yaml.out.startsWith(QStringLiteral("ghcr.io/slipway-examples/simple-example-image:")));
        QCOMPARE(python.out, yaml.out);
    }

    void badInputs_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("malformed yaml") << "bad-syntax.yaml" << QStringList{"bad-syntax.yaml:", "error"};
        QTest::newRow("wrong types") << "bad-types.yaml"
                                     << QStringList{"packages", "requirements: requirements.txt"};
        QTest::newRow("unknown key") << "bad-unknown-key.yaml"
                                     << QStringList{"bad-unknown-key.yaml:2:1", "pakages", "packages"};
        QTest::newRow("bad registry") << "bad-registry.yaml" << QStringList{"scheme", "ghcr.io/my-org"};
        QTest::newRow("missing requirements")
            << "bad-missing-requirements.yaml" << QStringList{"does-not-exist.txt", "does not exist"};
        QTest::newRow("bad tag_format") << "bad-tag-format.yaml" << QStringList{"tag_format", "attribute"};
        QTest::newRow("py without spec") << "no-spec.py" << QStringList{"no-spec.py", "ImageSpec"};
        QTest::newRow("non-literal argument")
            << "non-literal.py" << QStringList{"non-literal.py:6", "registry", "os.getenv"};
        QTest::newRow("missing file") << "nowhere.yaml" << QStringList{"nowhere.yaml", "does not exist"};
        QTest::newRow("missing variable") << "v9-nested.py:nope" << QStringList{"nope", "base", "final"};
    }
    void badInputs() {
        QFETCH(QString, file);
        QFETCH(QStringList, mentions);
        const CliRun run = runCli({QStringLiteral("spec"), QStringLiteral("tag"), file}, kSpecs);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        for (const QString& mention : mentions)
            QVERIFY2(run.err.contains(mention),
                     qPrintable(QStringLiteral("'%1' not in: %2").arg(mention, run.err)));
    }

    void unreadableFileUnderSourceRoot() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("src/ok.py"), "x"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("src/locked.py"), "secret"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("spec.yaml"),
                          "name: x\nsource_root: src\nsource_copy_mode: ALL\n"));
        const auto everyone = QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther |
                              QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther;
        QFile::setPermissions(dir.path(), everyone | QFileDevice::WriteOwner);
        QFile::setPermissions(dir.filePath(QStringLiteral("src")), everyone | QFileDevice::WriteOwner);
        QFile::setPermissions(dir.filePath(QStringLiteral("spec.yaml")), everyone);
        QFile::setPermissions(dir.filePath(QStringLiteral("src/ok.py")), everyone);
        QFile::setPermissions(dir.filePath(QStringLiteral("src/locked.py")), QFileDevice::WriteOwner);
        QStringList prefix;
        if (::geteuid() == 0) {
            // root reads everything; run the CLI as an unprivileged user so permissions apply.
            const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
            QVERIFY2(!setpriv.isEmpty(), "setpriv (util-linux) is needed to drop root");
            prefix = {setpriv, QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                      QStringLiteral("--clear-groups")};
        }
        const CliRun run = runCli(
            {QStringLiteral("spec"), QStringLiteral("tag"), QStringLiteral("spec.yaml")}, dir.path(), prefix);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("locked.py")) &&
                     run.err.contains(QStringLiteral("Permission denied")),
                 qPrintable(run.err));
    }

    void validateJson() {
        const CliRun run = runCli({QStringLiteral("spec"), QStringLiteral("validate"),
                                   QStringLiteral("--json"), QStringLiteral("bad-registry.yaml")},
                                  kSpecs);
        QCOMPARE(run.exitCode, 1);
        const QJsonObject object = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(object.value(QStringLiteral("valid")).toBool(true), false);
        const QJsonArray diagnostics = object.value(QStringLiteral("diagnostics")).toArray();
        bool found = false;
        for (const QJsonValue& value : diagnostics) {
            const QJsonObject diagnostic = value.toObject();
            if (diagnostic.value(QStringLiteral("field")).toString() == QLatin1String("registry")) {
                found = true;
                QCOMPARE(diagnostic.value(QStringLiteral("fix")).toString(),
                         QStringLiteral("ghcr.io/my-org"));
                QCOMPARE(diagnostic.value(QStringLiteral("line")).toInt(), 2);
            }
        }
        QVERIFY2(found, qPrintable(run.out));
    }

    void showJson() {
        const CliRun run = runCli({QStringLiteral("spec"), QStringLiteral("show"), QStringLiteral("--json"),
                                   QStringLiteral("v4-lower-casing.yaml")},
                                  kSpecs);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject object = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(object.value(QStringLiteral("image")).toString(),
                 QStringLiteral("ghcr.io/flyteorg/my-image:WwbLviMdrUYuuN_tARn51Q"));
        QCOMPARE(object.value(QStringLiteral("platform")).toString(), QStringLiteral("linux/amd64"));
        QCOMPARE(
            object.value(QStringLiteral("arguments")).toObject().value(QStringLiteral("registry")).toString(),
            QStringLiteral("GHCR.io/FlyteOrg"));
    }

    void dockerfileOptions() {
        const CliRun buildkit = runCli(
            {QStringLiteral("spec"), QStringLiteral("dockerfile"), QStringLiteral("v4-lower-casing.yaml")},
            kSpecs);
        QCOMPARE(buildkit.exitCode, 0);
        QVERIFY(buildkit.out.startsWith(QStringLiteral("#syntax=docker/dockerfile:1.5\n")));
        QVERIFY(buildkit.out.contains(QStringLiteral("RUN --mount=")));
        QVERIFY(buildkit.out.trimmed().endsWith(QStringLiteral("ENV _F_IMG_ID=WwbLviMdrUYuuN_tARn51Q")));
        const CliRun classic =
            runCli({QStringLiteral("spec"), QStringLiteral("dockerfile"), QStringLiteral("--dialect"),
                    QStringLiteral("classic"), QStringLiteral("--installer"), QStringLiteral("pip"),
                    QStringLiteral("--no-flytekit"), QStringLiteral("v4-lower-casing.yaml")},
                   kSpecs);
        QCOMPARE(classic.exitCode, 0);
        QVERIFY(!classic.out.contains(QStringLiteral("--mount")));
        QVERIFY(!classic.out.contains(QStringLiteral("astral-sh/uv")));
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{"frobnicate"};
        QTest::newRow("unknown action") << QStringList{"spec", "hash", "x.yaml"};
        QTest::newRow("no file") << QStringList{"spec", "tag"};
        QTest::newRow("bad dialect") << QStringList{"spec", "dockerfile", "--dialect", "kaniko",
                                                    "v1-defaults.yaml"};
        QTest::newRow("json on tag") << QStringList{"spec", "tag", "--json", "v1-defaults.yaml"};
        QTest::newRow("context without -o") << QStringList{"spec", "context", "v1-defaults.yaml"};
    }
    void usageErrors() {
        QFETCH(QStringList, arguments);
        const CliRun run = runCli(arguments, kSpecs);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(!run.err.isEmpty() || !run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
