#include "project/project.h"
#include "project/projectscanner.h"
#include "project/specyamldetector.h"
#include "specbuilder.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::project;
using slipway::testing::writeFile;

namespace {

const QString kMixedProject = QStringLiteral(SLIPWAY_FIXTURES_DIR "/projects/mixed");
const QByteArray kSpecYaml = "name: found\npython_version: \"3.11\"\n";
const QString kV4Reference = QStringLiteral("ghcr.io/flyteorg/my-image:WwbLviMdrUYuuN_tARn51Q");

QStringList paths(const ProjectScan& scan) {
    QStringList result;
    for (const ProjectFile& file : scan.files)
        result.append(file.path);
    return result;
}

const ProjectFile* findFile(const ProjectScan& scan, const QString& path) {
    for (const ProjectFile& file : scan.files) {
        if (file.path == path)
            return &file;
    }
    return nullptr;
}

} // namespace

class TestProjectScan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void findsYamlAndPythonSpecsAndSkipsOtherFiles() {
        const ProjectScan scan = ProjectScanner(kMixedProject).scan();
        // ci.yaml (a CI workflow), hosts.yaml (a list) and helpers.py (no ImageSpec) are not specs.
        QCOMPARE(paths(scan),
                 QStringList({"specs/broken.yaml", "specs/my-image.yaml", "workflows/train.py"}));
        QVERIFY(!scan.capped);
        QCOMPARE(scan.filesVisited, 6);
        QCOMPARE(scan.host.workingDirectory, QDir(kMixedProject).absolutePath());

        const ProjectFile* python = findFile(scan, "workflows/train.py");
        QCOMPARE(python->source, SpecSource::Python);
        QCOMPARE(python->specs.size(), 1);
        QCOMPARE(python->specs[0].variable, QStringLiteral("trainer_image"));
        QCOMPARE(python->specs[0].displayName(), QStringLiteral("trainer_image"));
        QVERIFY(python->specs[0].noReferenceReason.isEmpty());

        const ProjectFile* yaml = findFile(scan, "specs/my-image.yaml");
        QCOMPARE(yaml->source, SpecSource::Yaml);
        QCOMPARE(yaml->specs.size(), 1);
        QCOMPARE(yaml->specs[0].displayName(), QStringLiteral("My-Image"));
        QVERIFY(!spec::hasErrors(yaml->specs[0].diagnostics));
    }

    void pythonThatOnlyMentionsImageSpecIsNotListed() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), "pkg/__init__.py", "from flytekit import ImageSpec  # re-exported\n"));
        QVERIFY(writeFile(dir.path(), "pkg/broken.py",
                          "from flytekit import ImageSpec\nimage = ImageSpec(name=\"x\"\n"));
        QVERIFY(writeFile(dir.path(), "pkg/real.py",
                          "from flytekit import ImageSpec\nimage = ImageSpec(name=\"x\")\n"));
        const ProjectScan scan = ProjectScanner(dir.path()).scan();
        QCOMPARE(paths(scan), QStringList({"pkg/broken.py", "pkg/real.py"}));
        QVERIFY(spec::hasErrors(findFile(scan, "pkg/broken.py")->diagnostics));
    }

    void brokenSpecYamlIsListedWithItsErrorAndLine() {
        const ProjectScan scan = ProjectScanner(kMixedProject).scan();
        const ProjectFile* broken = findFile(scan, "specs/broken.yaml");
        QVERIFY(broken);
        QCOMPARE(broken->specs.size(), 1);
        const SpecEntry& entry = broken->specs[0];
        QVERIFY(spec::hasErrors(entry.diagnostics));
        const spec::Diagnostic& error = entry.diagnostics.first();
        QVERIFY2(error.message.contains("pakages"), qPrintable(error.message));
        QCOMPARE(error.file, QStringLiteral("specs/broken.yaml"));
        QCOMPARE(error.position.line, 3);
        // flytekit's ImageSpec(**mapping) raises on the unknown key: there is no tag to show.
        QVERIFY(entry.noReferenceReason.contains("pakages"));
    }

    void yamlThatDoesNotParseButLooksLikeASpecIsListed() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), "spec.yaml", "name: x\npython_version: \"3.11\"\npackages: [pandas\n"));
        const ProjectScan scan = ProjectScanner(dir.path()).scan();
        QCOMPARE(paths(scan), QStringList({"spec.yaml"}));
        const ProjectFile& file = scan.files[0];
        QVERIFY(countProblems(file).errors > 0);
        const spec::Diagnostics all =
            file.diagnostics + (file.specs.isEmpty() ? spec::Diagnostics{} : file.specs[0].diagnostics);
        QVERIFY(all.first().position.line > 0);
        QCOMPARE(all.first().file, QStringLiteral("spec.yaml"));
    }

    void yamlDetection_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("isSpec");
        QTest::newRow("spec") << QByteArray(kSpecYaml) << true;
        QTest::newRow("spec with a misspelt key")
            << QByteArray("name: x\npython_version: '3.11'\npakages: [a]\n") << true;
        QTest::newRow("spec that does not parse")
            << QByteArray("name: x\nregistry: ghcr.io/a\npackages: [a\n") << true;
        QTest::newRow("list") << QByteArray("- name: a\n- name: b\n") << false;
        QTest::newRow("scalar") << QByteArray("just text\n") << false;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("github workflow") << QByteArray("name: ci\non: push\njobs:\n  a: {}\n") << false;
        QTest::newRow("kubernetes") << QByteArray("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n")
                                    << false;
        QTest::newRow("conda env") << QByteArray("name: ml\nchannels: [conda-forge]\ndependencies: [numpy]\n")
                                   << false;
        QTest::newRow("several documents") << QByteArray("name: a\n---\nname: b\n") << false;
    }

    void yamlDetection() {
        QFETCH(QByteArray, text);
        QFETCH(bool, isSpec);
        QCOMPARE(looksLikeSpecYaml(text), isSpec);
    }

    void skipsToolAndDependencyFolders() {
        QTemporaryDir dir;
        const QStringList skipped{".git/spec.yaml",           ".hidden/spec.yaml",
                                  ".venv/lib/spec.yaml",      "venv/spec.yaml",
                                  "__pycache__/spec.yaml",    "node_modules/pkg/spec.yaml",
                                  "build/spec.yaml",          "dist/spec.yaml",
                                  "mypkg.egg-info/spec.yaml", "lib/python3.11/site-packages/pkg/spec.yaml",
                                  "myenv/spec.yaml",          "out/spec.yaml"};
        for (const QString& path : skipped)
            QVERIFY(writeFile(dir.path(), path, kSpecYaml));
        QVERIFY(writeFile(dir.path(), "myenv/pyvenv.cfg", "home = /usr/bin\n")); // a virtualenv by any name
        QVERIFY(writeFile(dir.path(), "out/CMakeCache.txt", "# CMake\n"));       // a build tree by any name
        QVERIFY(writeFile(dir.path(), ".hidden.yaml", kSpecYaml));               // hidden file
        QVERIFY(writeFile(dir.path(), "src/images/spec.yaml", kSpecYaml));
        QVERIFY(writeFile(dir.path(), "top.yml", kSpecYaml));
        QVERIFY(QFile::link(dir.path(), QDir(dir.path()).filePath("src/loop"))); // would walk forever

        const ProjectScan scan = ProjectScanner(dir.path()).scan();
        QCOMPARE(paths(scan), QStringList({"src/images/spec.yaml", "top.yml"}));
        QVERIFY(scan.watchedFolders.contains(QDir(dir.path()).filePath("src/images")));
        QVERIFY(scan.watchedFolders.contains(QDir::cleanPath(dir.path())));
    }

    void stopsAtTheFileLimitAndSaysSo() {
        QTemporaryDir dir;
        for (int i = 0; i < 30; ++i)
            QVERIFY(writeFile(dir.path(), QStringLiteral("data/file%1.txt").arg(i, 2, 10, QLatin1Char('0')),
                              "x"));
        QVERIFY(writeFile(dir.path(), "zz/spec.yaml", kSpecYaml)); // walked after data/: past the limit

        const ProjectScan capped = ProjectScanner(dir.path(), 10).scan();
        QVERIFY(capped.capped);
        QCOMPARE(capped.filesVisited, 10);
        QVERIFY(capped.files.isEmpty());

        const ProjectScan whole = ProjectScanner(dir.path(), 31).scan();
        QVERIFY(!whole.capped);
        QCOMPARE(whole.filesVisited, 31);
        QCOMPARE(paths(whole), QStringList({"zz/spec.yaml"}));
    }

    void cancelledScanStops() {
        CancelFlag cancel{true};
        const ProjectScan scan = ProjectScanner(kMixedProject).scan(&cancel);
        QVERIFY(scan.cancelled);
        QVERIFY(scan.files.isEmpty());
    }

    void projectComputesReferencesOffTheCallingThread() {
        Project project;
        QSignalSpy finished(&project, &Project::referencesFinished);
        QVERIFY(project.open(kMixedProject));
        QVERIFY(project.isScanning());
        QTRY_VERIFY(project.hasScanned());
        QCOMPARE(project.files().size(), 3);
        QCOMPARE(project.specCount(), 3);

        const int yaml = 1; // specs/my-image.yaml, in path order
        QCOMPARE(project.files()[yaml].path, QStringLiteral("specs/my-image.yaml"));
        QTRY_COMPARE(project.referenceStatus(yaml, 0).state, ReferenceStatus::State::Ready);
        QCOMPARE(project.referenceStatus(yaml, 0).reference, kV4Reference);
        QCOMPARE(project.referenceStatus(0, 0).state, ReferenceStatus::State::Unavailable);
        QTRY_COMPARE(finished.count(), 1);
    }

    void referenceErrorsAreTheSpecsStatus() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), "needs-requirements.yaml",
                          "name: app\npython_version: \"3.11\"\nrequirements: requirements.txt\n"));
        Project project;
        QVERIFY(project.open(dir.path()));
        QTRY_VERIFY(project.hasScanned());
        QCOMPARE(project.specCount(), 1);
        QTRY_COMPARE(project.referenceStatus(0, 0).state, ReferenceStatus::State::Failed);
        QVERIFY2(project.referenceStatus(0, 0).message.contains("requirements.txt"),
                 qPrintable(project.referenceStatus(0, 0).message));

        // The project folder is the working directory: the file next to the spec makes the tag computable.
        project.setRescanQuietPeriod(20);
        QVERIFY(writeFile(dir.path(), "requirements.txt", "pandas==2.2.2\nnumpy\n\n"));
        project.reload();
        QTRY_COMPARE(project.referenceStatus(0, 0).state, ReferenceStatus::State::Ready);
        QVERIFY(project.referenceStatus(0, 0).reference.startsWith("app:"));
    }

    void referencesAreComputingUntilTheyArrive() {
        Project project;
        ReferenceStatus::State whenListed = ReferenceStatus::State::Ready;
        connect(&project, &Project::filesChanged, this, [&] {
            if (project.hasScanned())
                whenListed = project.referenceStatus(1, 0).state;
        });
        QVERIFY(project.open(kMixedProject));
        QTRY_VERIFY(project.hasScanned());
        QCOMPARE(whenListed, ReferenceStatus::State::Computing);
    }

    void fileChangesOnDiskRescan() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), "specs/a.yaml", kSpecYaml));
        QVERIFY(writeFile(dir.path(), "workflows/b.py",
                          "from flytekit import ImageSpec\nb = ImageSpec(name='b')\n"));
        Project project;
        project.setRescanQuietPeriod(20);
        QVERIFY(project.open(dir.path()));
        QTRY_VERIFY(project.hasScanned());
        QCOMPARE(project.specCount(), 2);

        QVERIFY(writeFile(dir.path(), "specs/a.yaml", "name: renamed\npython_version: \"3.12\"\n"));
        QTRY_COMPARE(project.spec(0, 0) ? project.spec(0, 0)->displayName() : QString(),
                     QStringLiteral("renamed"));

        QVERIFY(writeFile(dir.path(), "new.yaml", kSpecYaml)); // a new file in the project folder
        QTRY_COMPARE(project.specCount(), 3);

        QVERIFY(QFile::remove(QDir(dir.path()).filePath("workflows/b.py")));
        QTRY_COMPARE(project.specCount(), 2);
    }

    void openingSomethingThatIsNotAFolderFails() {
        Project project;
        const Result<void> opened = project.open(QStringLiteral(SLIPWAY_FIXTURES_DIR "/does-not-exist"));
        QVERIFY(!opened);
        QVERIFY(opened.error().message.contains("does-not-exist"));
        QVERIFY(!project.isOpen());
    }
};

QTEST_GUILESS_MAIN(TestProjectScan)
#include "tst_projectscan.moc"
