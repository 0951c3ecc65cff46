// The registry password goes in once, on stdin, into the real Secret Service; after a login, a build
// that pulls a private base image and pushes, pull checks, a build recorded in the history and the GUI
// opening the project, no file Slipway wrote (home, config, data, cache, state, Docker config, temp,
// the project folder) and nothing it printed holds the secret: not as text, not as UTF-16, not in
// base64 (so not in an `Authorization: Basic`, a Docker "auth" or an X-Registry-Auth either).
#include "credentials/keychaincredentialstore.h"
#include "credentialtesting.h"
#include "docker/buildjob.h"
#include "docker/engineclient.h"
#include "docker/registryauth.h"
#include "docker/storedregistryauth.h"
#include "engineapi.h"
#include "project/buildhistory.h"
#include "project/buildrun.h"
#include "project/buildrunconnect.h"
#include "registryservices.h"
#include "secretsearch.h"
#include "spec/spechash.h"
#include "spec/yamlspec.h"
#include "specbuilder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

using namespace slipway;
using namespace slipway::testing;
using namespace credentialtesting;

namespace {

// Builds and pushes can outlast Qt Test's default five minutes.
const bool kLongerTestTimeout = qputenv("QTEST_FUNCTION_TIMEOUT", "1500000");

struct Captured {
    QString what;
    QByteArray bytes;
};

} // namespace

class SecretLeakTest : public QObject {
    Q_OBJECT

    std::unique_ptr<IsolatedHome> m_home;
    QString m_service;
    QString m_registry;
    QString m_user;
    QByteArray m_secret;
    QString m_project;
    QString m_image;  // pushed by slipway-cli build
    QString m_digest; // as the push reported it
    QList<Captured> m_captured;
    CreatedImages m_images;

    QString folder(const QString& name) const { return QDir(m_home->path()).filePath(name); }

    // What the programs run with: every Qt logging category on, so a debug line that carried a
    // header or a token would be caught as well.
    static QProcessEnvironment verboseEnvironment() {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        return environment;
    }

    void capture(const QString& what, const QByteArray& out, const QByteArray& err) {
        m_captured.append({what + QStringLiteral(" (stdout)"), out});
        m_captured.append({what + QStringLiteral(" (stderr)"), err});
    }

    // slipway-cli as a user runs it in the project folder; what it printed and its argv are kept for
    // the search at the end.
    Run cli(const QStringList& arguments, const QByteArray& input = {}) {
        const Run result = run(cliPath(), arguments, input, verboseEnvironment(), m_project, 900000);
        const QString what = QStringLiteral("slipway-cli ") + arguments.join(QLatin1Char(' '));
        capture(what, result.out, result.err);
        m_captured.append(
            {what + QStringLiteral(" (argv)"), result.arguments.join(QLatin1Char(' ')).toUtf8()});
        return result;
    }

    // A spec on the private base image in the htpasswd registry, pushed there too: the engine needs
    // the login to pull (BuildKit session) and to push (X-Registry-Auth).
    QByteArray specYaml(const QString& command) const {
        return "name: slipway-leakcheck\nregistry: " + m_registry.toUtf8() +
               "/slipway\nbase_image: " + qgetenv("SLIPWAY_TEST_PRIVATE_BASE_IMAGE") +
               "\npython_exec: /usr/bin/python3\nbuilder_config:\n  micromamba_image: " +
               qgetenv("SLIPWAY_TEST_PYTHON_IMAGE") + "\ncommands:\n  - '" + command.toUtf8() + "'\n";
    }

    QByteArray pullSecretFromKeychain() {
        credentials::KeychainCredentialStore store(m_service);
        const auto stored = await(store.read(m_registry));
        if (!stored)
            return {};
        return dockerConfigJson(m_registry, stored->username, stored->secret);
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = missingKeychainService(); !missing.isEmpty())
            QFAIL(qPrintable(missing));
        QString problem;
        m_registry = serviceVariable("SLIPWAY_TEST_BASIC_REGISTRY", problem);
        m_user = serviceVariable("SLIPWAY_TEST_BASIC_USER", problem);
        m_secret = serviceVariable("SLIPWAY_TEST_BASIC_PASSWORD", problem).toUtf8();
        serviceVariable("SLIPWAY_TEST_PRIVATE_BASE_IMAGE", problem);
        serviceVariable("SLIPWAY_TEST_PYTHON_IMAGE", problem);
        serviceVariable("DOCKER_HOST", problem);
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
        // From here on the secret exists only in this test's memory, on the login's stdin and in the
        // keychain: the programs below do not inherit it through the environment.
        qunsetenv("SLIPWAY_TEST_BASIC_PASSWORD");
        qunsetenv("SLIPWAY_TEST_TOKEN_PASSWORD");
        qunsetenv("SLIPWAY_TEST_TOKEN_OUTSIDER_PASSWORD");

        m_home = std::make_unique<IsolatedHome>();
        QVERIFY(m_home->isValid());
        for (const auto& [variable, name] :
             {std::pair{"DOCKER_CONFIG", "docker-config"}, std::pair{"TMPDIR", "tmp"},
              std::pair{"XDG_RUNTIME_DIR", "runtime"}}) {
            QVERIFY(QDir().mkpath(folder(QLatin1String(name))));
            qputenv(variable, folder(QLatin1String(name)).toLocal8Bit());
        }
        QFile(folder(QStringLiteral("runtime")))
            .setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_project = folder(QStringLiteral("project"));
        QVERIFY(writeFile(m_project, QStringLiteral("spec.yaml"),
                          specYaml(QStringLiteral("echo %1").arg(uniqueName(QStringLiteral("leak-cli"))))));
        m_service = uniqueService("leak");
        qputenv("SLIPWAY_KEYCHAIN_SERVICE", m_service.toUtf8());
    }

    void cleanupTestCase() { clearService(m_service); }

    // The search below would see each way a leak could look.
    void searchFindsAPlantedSecret() {
        const QList<SecretForm> forms = secretForms(m_secret);
        QTemporaryDir planted;
        const QString header = QString::fromLatin1(
            encodeRegistryAuth(docker::RegistryAuth{m_user, QString::fromUtf8(m_secret), {}, m_registry}));
        const QList<std::pair<QString, QByteArray>> leaks{
            {QStringLiteral("plain.log"), "password=" + m_secret + "\n"},
            {QStringLiteral("settings.conf"), "v=@Variant(" + QString::fromUtf8(m_secret).toUtf8() + ")"},
            {QStringLiteral("utf16.dat"),
             QByteArray(reinterpret_cast<const char*>(QString::fromUtf8(m_secret).utf16()),
                        m_secret.size() * 2)},
            {QStringLiteral("basic.log"),
             "Authorization: Basic " + (m_user.toUtf8() + ':' + m_secret).toBase64() + "\n"},
            {QStringLiteral("config.json"),
             dockerConfigJson(m_registry, m_user, QString::fromUtf8(m_secret))},
            {QStringLiteral("nested/push.log"), "X-Registry-Auth: " + header.toLatin1() + "\n"},
        };
        for (const auto& [name, contents] : leaks)
            QVERIFY(writeFile(planted.path(), name, contents));
        QVERIFY(writeFile(planted.path(), QStringLiteral("clean.txt"), "user " + m_user.toUtf8()));
        int searched = 0;
        const QStringList hits = filesWithSecret(planted.path(), forms, &searched);
        QCOMPARE(searched, int(leaks.size()) + 1);
        for (const auto& [name, contents] : leaks)
            QVERIFY2(hits.join(u'\n').contains(planted.filePath(name) + QLatin1Char(':')), qPrintable(name));
        QVERIFY(!hits.join(u'\n').contains(QStringLiteral("clean.txt")));
        // And in captured output, in any of the three base64 offsets.
        for (const QByteArray& prefix : {QByteArray(), QByteArray("a"), QByteArray("ab")})
            QVERIFY(!secretHits(QStringLiteral("out"), (prefix + m_secret).toBase64(), forms).isEmpty());
    }

    void loginStoresTheSecretInTheKeychain() {
        const Run login = cli({QStringLiteral("login"), m_registry, QStringLiteral("--username"), m_user,
                               QStringLiteral("--repository"), QStringLiteral("slipway/slipway-leakcheck")},
                              m_secret + "\n");
        QVERIFY2(login.exitCode == 0, login.err.constData());
        credentials::KeychainCredentialStore store(m_service);
        const auto stored = await(store.read(m_registry));
        QVERIFY2(stored, qPrintable(stored ? QString() : stored.error().describe()));
        QCOMPARE(stored->username, m_user);
        QCOMPARE(stored->secret.toUtf8(), m_secret);
    }

    // Pulls the private base (the BuildKit session asks for the login) and pushes (X-Registry-Auth),
    // with the login from the keychain: the Docker config in DOCKER_CONFIG is empty.
    void cliBuildPullsAndPushesWithTheStoredLogin() {
        const Run build = cli({QStringLiteral("build"), QStringLiteral("spec.yaml"), QStringLiteral("--push"),
                               QStringLiteral("--pull"), QStringLiteral("--installer"), QStringLiteral("pip"),
                               QStringLiteral("--no-flytekit"), QStringLiteral("--no-syntax-line")});
        QVERIFY2(build.exitCode == 0, build.err.constData());
        for (const QString& line : QString::fromUtf8(build.out).split(u'\n')) {
            if (line.startsWith(QLatin1String("image: ")))
                m_image = line.mid(7).trimmed();
            if (line.startsWith(QLatin1String("digest: ")))
                m_digest = line.mid(8).trimmed();
        }
        QVERIFY2(m_image.startsWith(m_registry + QStringLiteral("/slipway/slipway-leakcheck:")),
                 build.out.constData());
        QVERIFY2(m_digest.startsWith(QLatin1String("sha256:")), build.out.constData());
        QVERIFY2(build.err.contains("Sent credentials for " + m_registry.toUtf8()), build.err.constData());
        m_images.append(m_image);
    }

    // Anonymously the htpasswd registry refuses; with the login the keychain holds (given as the
    // cluster's pull secret on stdin) the pushed image is there, with the pushed digest.
    void checkSeesThePushedImageWithTheStoredLogin() {
        QVERIFY(!m_image.isEmpty());
        Run check = cli({QStringLiteral("check"), m_image, QStringLiteral("--json")});
        QVERIFY2(check.exitCode == 1, check.out.constData());
        QCOMPARE(QJsonDocument::fromJson(check.out)[QStringLiteral("verdict")].toString(),
                 QStringLiteral("private-no-access"));

        const QByteArray pullSecret = pullSecretFromKeychain();
        QVERIFY(!pullSecret.isEmpty());
        check = cli({QStringLiteral("check"), m_image, QStringLiteral("--cluster-secret-file"),
                     QStringLiteral("-"), QStringLiteral("--json")},
                    pullSecret);
        QVERIFY2(check.exitCode == 0, check.out.constData());
        const QJsonDocument json = QJsonDocument::fromJson(check.out);
        QCOMPARE(json[QStringLiteral("verdict")].toString(), QStringLiteral("private-credentials-work"));
        QCOMPARE(json[QStringLiteral("digest")].toString(), m_digest);
    }

    // What the GUI does for a build: the logins read from the keychain, a build that pulls and pushes,
    // its steps, log and push progress recorded in the history (<AppData>/builds).
    void buildRecordedInTheHistory() {
        const QByteArray yaml =
            specYaml(QStringLiteral("echo %1").arg(uniqueName(QStringLiteral("leak-gui"))));
        const spec::SpecLoadResult loaded = spec::loadSpecYaml(yaml, QStringLiteral("spec.yaml"));
        QVERIFY(loaded.spec);
        const spec::HostEnvironment host{QStringLiteral("x86_64"), m_project};
        const auto image = spec::specImageName(*loaded.spec, host);
        QVERIFY(image);

        credentials::KeychainCredentialStore store(m_service);
        std::optional<docker::RegistryAuthLookup> auth;
        docker::loadStoredRegistryAuth(
            store, {m_registry}, [](const QString&) { return std::optional<docker::RegistryAuth>(); }, this,
            [&auth](docker::RegistryAuthLookup lookup, const QString&) { auth = std::move(lookup); });
        QTRY_VERIFY_WITH_TIMEOUT(auth.has_value(), 30000);
        QVERIFY2((*auth)(m_registry).has_value(), "the keychain has no login for the registry");

        auto candidates = docker::EngineClient::defaultCandidates();
        QVERIFY(candidates);
        docker::EngineClient engine(*candidates);
        docker::BuildOptions options;
        options.dockerfile.installer = build::Installer::Pip;
        options.dockerfile.addFlytekit = false;
        options.dockerfile.syntaxLine = false;
        options.pull = true;
        options.push = true;
        // The GUI's own history folder (<AppData> of Slipway/slipway), which it reads when it opens.
        QCoreApplication::setOrganizationName(QStringLiteral("Slipway"));
        QCoreApplication::setApplicationName(QStringLiteral("slipway"));
        project::BuildHistory history;
        QCOMPARE(
            history.directory(),
            QDir(qEnvironmentVariable("XDG_DATA_HOME")).filePath(QStringLiteral("Slipway/slipway/builds")));
        project::BuildRecord record;
        record.specFile = QDir(m_project).filePath(QStringLiteral("spec.yaml"));
        record.specName = QStringLiteral("spec.yaml");
        record.specYaml = QString::fromUtf8(yaml);
        record.imageReference = *image;
        record.options = options;
        project::BuildRun run(record);
        QVERIFY(run.start(&history));
        docker::BuildJob job(&engine, docker::BuildJob::Parameters{*loaded.spec, host, options, *auth});
        project::followBuildJob(&run, &job);
        QSignalSpy finished(&run, &project::BuildRun::finished);
        job.start();
        QVERIFY(finished.wait(900000));
        m_images.append(*image);
        const auto& outcome = run.record().outcome;
        QVERIFY(outcome);
        QVERIFY2(outcome->status == docker::BuildOutcome::Status::Succeeded,
                 qPrintable(outcome->error.describe()));
        QVERIFY(!outcome->digest.isEmpty());
        const auto saved = history.load(run.record().id);
        QVERIFY(saved);
        QVERIFY(!saved->pushLayers.isEmpty());
        // The BuildKit session asked for the login, and the log says so (without it).
        const auto log = history.readLog(run.record().id, 1 << 20);
        QVERIFY(log);
        QVERIFY2(log->contains("Sent credentials for " + m_registry.toUtf8()), log->constData());
    }

    // The GUI opens the project (settings, recent projects, app data) and is stopped again.
    void guiOpensTheProject() {
        const QString gui = QDir(helperDir()).filePath(QStringLiteral("slipway"));
        if (!QFileInfo(gui).isExecutable())
            QSKIP("the GUI is not built in this build tree (no slipway next to slipway-cli)");
        QProcess process;
        QProcessEnvironment environment = verboseEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(m_project);
        process.start(gui, {m_project, QStringLiteral("--select-first-spec")});
        QVERIFY(process.waitForStarted(10000));
        const QString settings =
            QDir(qEnvironmentVariable("XDG_CONFIG_HOME")).filePath(QStringLiteral("Slipway/slipway.conf"));
        const auto mentionsProject = [&] {
            QFile file(settings);
            return file.open(QIODevice::ReadOnly) && file.readAll().contains(m_project.toUtf8());
        };
        QTRY_VERIFY_WITH_TIMEOUT(mentionsProject(), 60000);
        QCOMPARE(process.state(), QProcess::Running);
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        capture(QStringLiteral("slipway"), process.readAllStandardOutput(), process.readAllStandardError());
    }

    void nothingHoldsTheSecret() {
        const QList<SecretForm> forms = secretForms(m_secret);
        int searched = 0;
        const QStringList fileHits = filesWithSecret(m_home->path(), forms, &searched);
        QCOMPARE(fileHits, QStringList());
        QStringList outputHits;
        for (const Captured& captured : std::as_const(m_captured))
            outputHits += secretHits(captured.what, captured.bytes, forms);
        QCOMPARE(outputHits, QStringList());
        // The search looked at what the steps above wrote: the project, the build history.
        QVERIFY2(searched >= 3, qPrintable(QString::number(searched)));
        QVERIFY(
            !QDir(project::BuildHistory::defaultDirectory()).entryList({QStringLiteral("*.log")}).isEmpty());
        QVERIFY(m_captured.size() >= 12);
    }
};

QTEST_GUILESS_MAIN(SecretLeakTest)
#include "tst_secretleak.moc"
