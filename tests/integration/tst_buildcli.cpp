// `slipway-cli build` as a user runs it, against the real test dockerd: plain progress lines when the
// output is not a terminal, the image reference and id printed last on stdout, exit codes 0 / 1 / 2,
// and a failing step's name and last log lines on stderr.
#include "engineapi.h"
#include "specbuilder.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway::testing;

namespace {

// Builds and pushes can outlast Qt Test's default five minutes.
const bool kLongerTestTimeout = qputenv("QTEST_FUNCTION_TIMEOUT", "1500000");

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs slipway-cli with `arguments`, or `program` (a wrapper command line) when given.
CliRun runCli(const QStringList& arguments, const QString& workingDirectory,
              const QStringList& program = {}) {
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    if (program.isEmpty())
        process.start(QStringLiteral(SLIPWAY_CLI_PATH), arguments);
    else
        process.start(program.first(), program.mid(1));
    process.waitForFinished(900000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QByteArray specYaml(const QString& name, const QString& command) {
    const QByteArray python = qgetenv("SLIPWAY_TEST_PYTHON_IMAGE");
    return "name: " + name.toUtf8() + "\nbase_image: " + python +
           "\npython_exec: /usr/bin/python3\nbuilder_config:\n  micromamba_image: " + python +
           "\ncommands:\n  - '" + command.toUtf8() + "'\n";
}

} // namespace

class BuildCliTest : public QObject {
    Q_OBJECT

    CreatedImages m_images;

private Q_SLOTS:
    void initTestCase() {
        if (qEnvironmentVariableIsEmpty("SLIPWAY_TEST_DOCKER_SOCKET") ||
            qEnvironmentVariableIsEmpty("DOCKER_HOST"))
            QFAIL("SLIPWAY_TEST_DOCKER_SOCKET / DOCKER_HOST are not set: run eval \"$(tests/services/up)\" "
                  "first");
    }

    void buildsAndPrintsTheImageLast() {
        QTemporaryDir dir;
        const QString name = uniqueName(QStringLiteral("slipway-test-cli"));
        QVERIFY(writeFile(dir.path(), QStringLiteral("spec.yaml"),
                          specYaml(name, QStringLiteral("echo cli-build-ran"))));
        const CliRun run = runCli({QStringLiteral("build"), QStringLiteral("spec.yaml"),
                                   QStringLiteral("--installer"), QStringLiteral("pip"),
                                   QStringLiteral("--no-flytekit"), QStringLiteral("--no-syntax-line")},
                                  dir.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.trimmed().split(u'\n');
        QVERIFY2(lines.size() >= 2, qPrintable(run.out));
        QVERIFY(lines.first().startsWith(QStringLiteral("image: %1:").arg(name)));
        QVERIFY(lines.last().startsWith(QStringLiteral("id: sha256:")));
        const QString reference = lines.first().mid(7);
        m_images.append(reference);
        // Not a terminal: one line per step state, and the step's own output.
        QVERIFY2(run.err.contains(QStringLiteral("running")) && run.err.contains(QStringLiteral("done")),
                 qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("cli-build-ran")));
        QVERIFY(!run.err.contains(QStringLiteral("\x1b[")));
        QCOMPARE(
            engineJson("/images/" + reference.toLatin1() + "/json").value(QStringLiteral("Id")).toString(),
            lines.last().mid(4));

        // Again: the image exists, so nothing is built (exit 0, the reference still printed).
        const CliRun again = runCli({QStringLiteral("build"), QStringLiteral("spec.yaml"),
                                     QStringLiteral("--installer"), QStringLiteral("pip"),
                                     QStringLiteral("--no-flytekit"), QStringLiteral("--no-syntax-line")},
                                    dir.path());
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.err.contains(QStringLiteral("exists already")));
        QVERIFY(again.out.startsWith(QStringLiteral("image: ") + reference));

        // --timings: where the time went, and the CPU time spent decoding the engine's progress.
        const CliRun timed =
            runCli({QStringLiteral("build"), QStringLiteral("spec.yaml"), QStringLiteral("--force"),
                    QStringLiteral("--timings"), QStringLiteral("--installer"), QStringLiteral("pip"),
                    QStringLiteral("--no-flytekit"), QStringLiteral("--no-syntax-line")},
                   dir.path());
        QVERIFY2(timed.exitCode == 0, qPrintable(timed.err));
        // --force starts building before the tag is known and names the image when both are done:
        // the same reference, on the image just built.
        QVERIFY2(timed.out.startsWith(QStringLiteral("image: ") + reference + u'\n'), qPrintable(timed.out));
        const QString forcedId = timed.out.trimmed().split(u'\n').last().mid(4);
        QCOMPARE(
            engineJson("/images/" + reference.toLatin1() + "/json").value(QStringLiteral("Id")).toString(),
            forcedId);
        static const QRegularExpression phases(
            QStringLiteral("timings: planning \\d+ ms, existence check 0 ms, building (\\d+) ms"));
        static const QRegularExpression decoding(QStringLiteral(
            "timings: progress decoding ([0-9.]+) ms CPU for (\\d+) messages \\(process CPU \\d+ ms\\)"));
        const QRegularExpressionMatch phasesLine = phases.match(timed.err);
        const QRegularExpressionMatch decodingLine = decoding.match(timed.err);
        QVERIFY2(phasesLine.hasMatch() && decodingLine.hasMatch(), qPrintable(timed.err));
        QVERIFY(phasesLine.captured(1).toInt() > 0);
        QVERIFY(decodingLine.captured(1).toDouble() > 0);
        QVERIFY(decodingLine.captured(2).toInt() > 0);
        QVERIFY(!run.err.contains(QStringLiteral("timings:"))); // only when asked for
    }

    // On a terminal (a pseudo-terminal from util-linux's `script`) the step lines are redrawn in
    // place instead of printed once per change.
    void terminalGetsRedrawnStepLines() {
        QTemporaryDir dir;
        QVERIFY(writeFile(
            dir.path(), QStringLiteral("spec.yaml"),
            specYaml(uniqueName(QStringLiteral("slipway-test-tty")), QStringLiteral("echo on-a-tty"))));
        const QString command =
            QStringLiteral("%1 build spec.yaml --installer pip --no-flytekit --no-syntax-line")
                .arg(QStringLiteral(SLIPWAY_CLI_PATH));
        const CliRun run = runCli(QStringList{}, dir.path(),
                                  {QStringLiteral("/usr/bin/script"), QStringLiteral("-qec"), command,
                                   QStringLiteral("/dev/null")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out));
        // Cursor up and clear below, then the steps again; the image line still comes last.
        QVERIFY2(run.out.contains(QStringLiteral("\x1b[")) && run.out.contains(QStringLiteral("F\x1b[J")),
                 qPrintable(run.out.left(2000)));
        QVERIFY(run.out.contains(QStringLiteral("done    ")));
        const QStringList lines = run.out.trimmed().split(QStringLiteral("\r\n"));
        QVERIFY2(lines.last().startsWith(QStringLiteral("id: sha256:")), qPrintable(lines.last()));
        const QString image = lines.at(lines.size() - 2);
        QVERIFY(image.startsWith(QStringLiteral("image: ")));
        m_images.append(image.mid(7));
    }

    void failingStepExitsOneWithItsLog() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("spec.yaml"),
                          specYaml(uniqueName(QStringLiteral("slipway-test-clifail")),
                                   QStringLiteral("echo about-to-fail && exit 3"))));
        const CliRun run =
            runCli({QStringLiteral("build"), QStringLiteral("spec.yaml"), QStringLiteral("--installer"),
                    QStringLiteral("pip"), QStringLiteral("--no-flytekit"), QStringLiteral("--dialect"),
                    QStringLiteral("classic")},
                   dir.path());
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(QStringLiteral("last lines of")), qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("| about-to-fail")));
        QVERIFY(run.err.contains(QStringLiteral("error: step ")));
    }

    void usageErrorsExitTwo_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no spec") << QStringList{QStringLiteral("build")};
        QTest::newRow("bad dialect") << QStringList{QStringLiteral("build"), QStringLiteral("s.yaml"),
                                                    QStringLiteral("--dialect"), QStringLiteral("kaniko")};
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("build"), QStringLiteral("s.yaml"), QStringLiteral("--frobnicate")};
    }
    void usageErrorsExitTwo() {
        QFETCH(QStringList, arguments);
        const CliRun run = runCli(arguments, QDir::tempPath());
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("slipway-cli build:")));
    }

    void noEngineExitsOneSayingWhereItLooked() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), QStringLiteral("spec.yaml"),
                          specYaml(QStringLiteral("x"), QStringLiteral("true"))));
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DOCKER_HOST"),
                           QStringLiteral("unix://") + dir.filePath(QStringLiteral("none.sock")));
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(dir.path());
        process.start(QStringLiteral(SLIPWAY_CLI_PATH),
                      {QStringLiteral("build"), QStringLiteral("spec.yaml")});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(dir.filePath(QStringLiteral("none.sock"))), qPrintable(err));
        QVERIFY(err.contains(QStringLiteral("DOCKER_HOST")));
    }
};

QTEST_GUILESS_MAIN(BuildCliTest)
#include "tst_buildcli.moc"
