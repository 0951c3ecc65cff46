// The project's build defaults (slipway-build.json) and the options map the GUI keeps per spec in
// QSettings: layers apply in order (Slipway's defaults, "defaults", the spec's entry), a broken file
// or a wrong value is an error that names the file, the key and what it takes, and the map
// round-trips every option a user can choose.
#include "project/buildoptionsdefaults.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using slipway::docker::BuildOptions;

class TestBuildOptionsDefaults : public QObject {
    Q_OBJECT

    QTemporaryDir m_project;

    void writeDefaults(const QByteArray& json) {
        QFile file(QDir(m_project.path()).filePath(QString(project::kBuildDefaultsFileName)));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json);
    }

private Q_SLOTS:
    void cleanup() {
        QFile::remove(QDir(m_project.path()).filePath(QString(project::kBuildDefaultsFileName)));
    }

    void noFileKeepsSlipwaysDefaults() {
        const auto options = project::projectBuildOptions(m_project.path(), QStringLiteral("spec.yaml"));
        QVERIFY(options);
        QCOMPARE(*options, BuildOptions{});
    }

    void specEntryComesAfterTheProjectDefaults() {
        writeDefaults(R"({"defaults": {"installer": "pip", "platform": "linux/amd64", "noCache": true},
                          "specs": {"offline.yaml": {"addFlytekit": false, "syntaxLine": false, "noCache": false},
                                    "tasks.py:image": {"dialect": "classic"}}})");
        const auto offline = project::projectBuildOptions(m_project.path(), QStringLiteral("offline.yaml"));
        QVERIFY(offline);
        QCOMPARE(offline->dockerfile.installer, build::Installer::Pip);
        QCOMPARE(offline->platform, QStringLiteral("linux/amd64"));
        QVERIFY(!offline->dockerfile.addFlytekit);
        QVERIFY(!offline->dockerfile.syntaxLine);
        QVERIFY(!offline->noCache);

        const auto python = project::projectBuildOptions(m_project.path(), QStringLiteral("tasks.py:image"));
        QVERIFY(python);
        QCOMPARE(python->dockerfile.dialect, build::DockerfileDialect::Classic);
        QVERIFY(python->noCache);
        QVERIFY(python->dockerfile.addFlytekit);
    }

    void brokenFileNamesItselfAndTheFix() {
        writeDefaults("{ not json");
        const auto options = project::projectBuildOptions(m_project.path(), QStringLiteral("spec.yaml"));
        QVERIFY(!options);
        QVERIFY(options.error().message.contains(QStringLiteral("slipway-build.json")));
        QVERIFY(!options.error().fix.isEmpty());
    }

    void wrongValueNamesTheKeyAndWhatItTakes() {
        writeDefaults(R"({"specs": {"spec.yaml": {"installer": "conda"}}})");
        const auto options = project::projectBuildOptions(m_project.path(), QStringLiteral("spec.yaml"));
        QVERIFY(!options);
        QVERIFY2(options.error().message.contains(QStringLiteral("installer")),
                 qPrintable(options.error().message));
        QVERIFY(options.error().message.contains(QStringLiteral("\"pip\"")));

        const auto unknown =
            project::applyBuildOptionsMap({}, {{QStringLiteral("buildArgs"), QVariantMap{}}});
        QVERIFY(!unknown);
        QVERIFY(unknown.error().message.contains(QStringLiteral("buildArgs")));
    }

    void mapRoundTripsTheChoicesAsQSettingsGivesThemBack() {
        BuildOptions chosen;
        chosen.platform = QStringLiteral("linux/arm64");
        chosen.noCache = true;
        chosen.pull = true;
        chosen.force = true;
        chosen.dockerfile.installer = build::Installer::Pip;
        chosen.dockerfile.addFlytekit = false;
        chosen.dockerfile.dialect = build::DockerfileDialect::Classic;
        chosen.dockerfile.syntaxLine = false;
        const QVariantMap map = project::buildOptionsToMap(chosen);
        QVERIFY(!map.contains(QStringLiteral("buildArgs"))); // may hold secrets: never stored
        QCOMPARE(project::applyBuildOptionsMap({}, map).value(), chosen);
        // An INI file gives booleans back as text.
        QVariantMap asText;
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            asText.insert(it.key(), it.value().toString());
        QCOMPARE(project::applyBuildOptionsMap({}, asText).value(), chosen);
    }

    void specKeyIsRelativeWithThePythonVariable() {
        const QString folder = m_project.path();
        QCOMPARE(project::buildDefaultsSpecKey(folder, QDir(folder).filePath("specs/a.yaml"), {}),
                 QStringLiteral("specs/a.yaml"));
        QCOMPARE(project::buildDefaultsSpecKey(folder, QDir(folder).filePath("wf/tasks.py"),
                                               QStringLiteral("image")),
                 QStringLiteral("wf/tasks.py:image"));
    }
};

QTEST_GUILESS_MAIN(TestBuildOptionsDefaults)
#include "tst_buildoptionsdefaults.moc"
