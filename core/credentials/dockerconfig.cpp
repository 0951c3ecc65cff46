#include "credentials/dockerconfig.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <functional>

namespace slipway::credentials {

namespace {

const QLatin1StringView kCredsStore{"credsStore"};
const QLatin1StringView kBackupInfix{".slipway-backup-"};
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QStringList plaintextLogins(const QJsonObject& config) {
    QStringList logins;
    const QJsonObject auths = config.value(QStringLiteral("auths")).toObject();
    for (auto it = auths.begin(); it != auths.end(); ++it) {
        if (!it.value().toObject().value(QStringLiteral("auth")).toString().isEmpty())
            logins.append(it.key());
    }
    return logins;
}

Result<QString> backUp(const QString& configPath) {
    if (!QFileInfo::exists(configPath))
        return QString();
    // Milliseconds: two edits in one second must not overwrite the first backup.
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'"));
    QString backupPath = configPath + kBackupInfix + stamp;
    // Two edits in one millisecond (a script, a test) get "-2", "-3"...: names still sort by age.
    for (int n = 2; QFileInfo::exists(backupPath); ++n)
        backupPath = configPath + kBackupInfix + stamp + u'-' + QString::number(n);
    if (!QFile::copy(configPath, backupPath))
        return fail(
            QStringLiteral("credentials.docker-config-backup"),
            QStringLiteral("Could not back up %1 to %2, so it was not changed.").arg(configPath, backupPath),
            QStringLiteral("Check that the folder %1 is writable.").arg(QFileInfo(configPath).path()));
    // The backup may hold plain-text logins: no wider permissions than the original's owner-only.
    QFile::setPermissions(backupPath, kOwnerOnly);
    return backupPath;
}

Result<void> writeConfig(const QString& linkOrPath, const QJsonObject& config) {
    // A config.json kept as a symlink into a dotfiles repository stays one: the target is replaced.
    const QFileInfo link(linkOrPath);
    const QString configPath = link.isSymLink() ? link.symLinkTarget() : linkOrPath;
    QDir().mkpath(QFileInfo(configPath).path());
    const bool existed = QFileInfo::exists(configPath);
    QSaveFile file(configPath);
    const QByteArray text = QJsonDocument(config).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return fail(QStringLiteral("credentials.docker-config-write"),
                    QStringLiteral("Could not write %1: %2").arg(configPath, file.errorString()),
                    QStringLiteral("Check that the folder %1 is writable; the old file is unchanged.")
                        .arg(QFileInfo(configPath).path()));
    if (!existed)
        QFile::setPermissions(configPath, kOwnerOnly);
    return {};
}

// The credsStore the newest backup of configPath had, skipping backups that already named Slipway.
QString credsStoreBeforeSlipway(const QString& configPath) {
    const QFileInfo info(configPath);
    const QStringList backups =
        QDir(info.path())
            .entryList({info.fileName() + kBackupInfix + QLatin1Char('*')}, QDir::Files, QDir::Name);
    for (auto it = backups.crbegin(); it != backups.crend(); ++it) {
        QFile file(info.dir().filePath(*it));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QString store = QJsonDocument::fromJson(file.readAll()).object().value(kCredsStore).toString();
        if (store != kSlipwayHelperName)
            return store;
    }
    return {};
}

Result<HelperChange> changeCredsStore(const QString& configDir,
                                      const std::function<QString(const QString&)>& next) {
    auto config = readDockerConfig(configDir);
    if (!config)
        return std::unexpected(config.error());
    HelperChange change;
    change.configPath = dockerConfigPath(configDir);
    change.previousCredsStore = config->value(kCredsStore).toString();
    change.credsStore = next(change.previousCredsStore);
    change.plaintextLogins = plaintextLogins(*config);
    change.helperOnPath =
        !QStandardPaths::findExecutable(QStringLiteral("docker-credential-") + kSlipwayHelperName).isEmpty();
    if (change.credsStore == change.previousCredsStore)
        return change;
    auto backup = backUp(change.configPath);
    if (!backup)
        return std::unexpected(backup.error());
    change.backupPath = *backup;
    if (change.credsStore.isEmpty())
        config->remove(kCredsStore);
    else
        config->insert(kCredsStore, change.credsStore);
    if (auto written = writeConfig(change.configPath, *config); !written)
        return std::unexpected(written.error());
    change.changed = true;
    return change;
}

} // namespace

QString dockerConfigDir() {
    const QString fromEnvironment = qEnvironmentVariable("DOCKER_CONFIG");
    return fromEnvironment.isEmpty() ? QDir::home().filePath(QStringLiteral(".docker")) : fromEnvironment;
}

QString dockerConfigPath(const QString& configDir) {
    return QDir(configDir).filePath(QStringLiteral("config.json"));
}

Result<QJsonObject> readDockerConfig(const QString& configDir) {
    const QString path = dockerConfigPath(configDir);
    QFile file(path);
    if (!file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("credentials.docker-config-read"),
                    QStringLiteral("Could not read %1: %2").arg(path, file.errorString()),
                    QStringLiteral("Check the file's permissions."));
    const QByteArray text = file.readAll();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    // An empty file is what docker treats as an empty config too.
    if (text.trimmed().isEmpty())
        return QJsonObject();
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(QStringLiteral("credentials.docker-config-invalid"),
                    QStringLiteral("%1 is not valid JSON (%2 at offset %3), so Slipway does not touch it.")
                        .arg(path, error.errorString())
                        .arg(error.offset),
                    QStringLiteral("Repair the file (docker would refuse it too) and try again."));
    return document.object();
}

Result<HelperChange> enableDockerCredentialHelper(const QString& configDir) {
    return changeCredsStore(configDir, [](const QString&) { return QString(kSlipwayHelperName); });
}

Result<HelperChange> disableDockerCredentialHelper(const QString& configDir) {
    const QString configPath = dockerConfigPath(configDir);
    return changeCredsStore(configDir, [&configPath](const QString& current) {
        return current == kSlipwayHelperName ? credsStoreBeforeSlipway(configPath) : current;
    });
}

} // namespace slipway::credentials
