#pragma once

// Shared by the credential tests (tests/integration/tst_keychain*, tst_credentialhelper,
// tst_logincli): the real Secret Service from tests/services/up keychain, a throw-away home for
// everything Slipway might write, and the search for a secret in what was written.

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFuture>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <initializer_list>

namespace credentialtesting {

// Empty when the keychain service's variables are exported, else what to do about it.
inline QString missingKeychainService() {
    for (const char* name : {"DBUS_SESSION_BUS_ADDRESS", "SLIPWAY_TEST_KEYRING_HOME"}) {
        if (qEnvironmentVariableIsEmpty(name))
            return QStringLiteral(
                       "%1 is not set: start the Secret Service with eval \"$(tests/services/up keychain)\"")
                .arg(QLatin1String(name));
    }
    return {};
}

// Empty when the keychain service (if `needsKeychain`) and the test registries' `variables` are all
// there, else the first one missing and how to start it: for a QFAIL in initTestCase.
inline QString missingServices(std::initializer_list<const char*> variables, bool needsKeychain = true) {
    if (needsKeychain) {
        if (QString missing = missingKeychainService(); !missing.isEmpty())
            return missing;
    }
    for (const char* name : variables) {
        if (qEnvironmentVariableIsEmpty(name))
            return QStringLiteral("%1 is not set: start the test services with eval \"$(tests/services/up)\"")
                .arg(QLatin1String(name));
    }
    return {};
}

// A keychain service name of this test run's own, so runs never see each other's or the user's entries.
inline QString uniqueService(const char* test) {
    return QStringLiteral("SlipwayTest-%1-%2-%3")
        .arg(QLatin1String(test))
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

// Waits on the event loop (the keychain answers over D-Bus) and fails the whole test run loudly
// when nothing answers, rather than blocking in result() forever.
template <typename T> T await(QFuture<T> future, int timeoutMs = 30000) {
    if (!QTest::qWaitFor([&future] { return future.isFinished(); }, timeoutMs))
        qFatal("a keychain call did not finish within %d ms", timeoutMs);
    if (future.resultCount() == 0)
        qFatal("a keychain call was cancelled");
    return future.result();
}

// Every file below `root` whose bytes contain `needle`.
inline QStringList filesContaining(const QString& root, const QByteArray& needle) {
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits.append(file.fileName());
    }
    return hits;
}

// HOME and the XDG folders pointed at a temporary directory, for this process and its children:
// whatever Slipway writes (settings, data, caches, logs) lands where the test can search it.
class IsolatedHome {
public:
    IsolatedHome() {
        for (const auto& [variable, folder] : kFolders) {
            const QString path = m_dir.filePath(QLatin1String(folder));
            QDir().mkpath(path);
            qputenv(variable, path.toLocal8Bit());
        }
    }
    QString path() const { return m_dir.path(); }
    bool isValid() const { return m_dir.isValid(); }

private:
    static constexpr std::pair<const char*, const char*> kFolders[] = {
        {"HOME", "home"},
        {"XDG_CONFIG_HOME", "home/.config"},
        {"XDG_DATA_HOME", "home/.local/share"},
        {"XDG_CACHE_HOME", "home/.cache"},
        {"XDG_STATE_HOME", "home/.local/state"},
    };
    QTemporaryDir m_dir;
};

// The built programs: docker-credential-slipway is built next to slipway-cli (app/CMakeLists.txt).
inline QString cliPath() {
    return QStringLiteral(SLIPWAY_CLI_PATH);
}
inline QString helperDir() {
    return QFileInfo(cliPath()).path();
}
inline QString helperPath() {
    return QDir(helperDir()).filePath(QStringLiteral("docker-credential-slipway"));
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QStringList arguments; // exactly what the process saw as argv (and `ps` would show)
};

// Runs a program to completion with `input` on stdin (killed after `timeoutMs`), in
// `workingDirectory` when one is given.
inline Run run(const QString& program, const QStringList& arguments, const QByteArray& input,
               const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
               const QString& workingDirectory = {}, int timeoutMs = 60000) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    Run result;
    result.arguments = process.arguments();
    if (!process.waitForStarted(10000))
        return result;
    process.write(input);
    process.closeWriteChannel();
    const bool finished = process.waitForFinished(timeoutMs);
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitCode = finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// `secret-tool search --all server SERVICE`: what the Secret Service itself holds for a service
// (QtKeychain's libsecret schema puts the service in the `server` attribute, the key in `user`).
// secret-tool prints the secrets on stdout and the attributes on stderr: both are returned.
inline QByteArray secretToolSearch(const QString& service) {
    const Run search =
        run(QStringLiteral("secret-tool"),
            {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"), service}, {});
    return search.out + search.err;
}

// Deletes every keychain item of a test's service (its logins and its index) once the test is done.
inline void clearService(const QString& service) {
    if (!service.isEmpty())
        run(QStringLiteral("secret-tool"), {QStringLiteral("clear"), QStringLiteral("server"), service}, {});
}

} // namespace credentialtesting
