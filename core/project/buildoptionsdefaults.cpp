#include "project/buildoptionsdefaults.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace slipway::project {

namespace {

const QString kPlatform = QStringLiteral("platform");
const QString kNoCache = QStringLiteral("noCache");
const QString kPull = QStringLiteral("pull");
const QString kForce = QStringLiteral("force");
const QString kInstaller = QStringLiteral("installer");
const QString kAddFlytekit = QStringLiteral("addFlytekit");
const QString kDialect = QStringLiteral("dialect");
const QString kSyntaxLine = QStringLiteral("syntaxLine");

Error badValue(const QString& key, const QString& takes) {
    return Error{QStringLiteral("build-options.bad-value"),
                 QStringLiteral("The build option '%1' takes %2.").arg(key, takes),
                 QStringLiteral("Write %1 for '%2'.").arg(takes, key),
                 {}};
}

// QSettings' INI files give booleans back as the strings "true" / "false".
std::optional<bool> toBool(const QVariant& value) {
    if (value.typeId() == QMetaType::Bool)
        return value.toBool();
    if (value.typeId() == QMetaType::QString) {
        if (value.toString() == QLatin1String("true"))
            return true;
        if (value.toString() == QLatin1String("false"))
            return false;
    }
    return std::nullopt;
}

} // namespace

QVariantMap buildOptionsToMap(const docker::BuildOptions& options) {
    const build::DockerfileOptions& dockerfile = options.dockerfile;
    return {
        {kPlatform, options.platform},
        {kNoCache, options.noCache},
        {kPull, options.pull},
        {kForce, options.force},
        {kInstaller,
         dockerfile.installer == build::Installer::Pip ? QStringLiteral("pip") : QStringLiteral("uv")},
        {kAddFlytekit, dockerfile.addFlytekit},
        {kDialect, dockerfile.dialect == build::DockerfileDialect::Classic ? QStringLiteral("classic")
                                                                           : QStringLiteral("buildkit")},
        {kSyntaxLine, dockerfile.syntaxLine},
    };
}

Result<docker::BuildOptions> applyBuildOptionsMap(docker::BuildOptions base, const QVariantMap& map) {
    const std::pair<const QString&, bool*> flags[] = {
        {kNoCache, &base.noCache},
        {kPull, &base.pull},
        {kForce, &base.force},
        {kAddFlytekit, &base.dockerfile.addFlytekit},
        {kSyntaxLine, &base.dockerfile.syntaxLine},
    };
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        const QString& key = it.key();
        const QVariant& value = it.value();
        const auto flag = std::ranges::find_if(flags, [&](const auto& entry) { return entry.first == key; });
        if (flag != std::end(flags)) {
            const std::optional<bool> on = toBool(value);
            if (!on)
                return std::unexpected(badValue(key, QStringLiteral("true or false")));
            *flag->second = *on;
        } else if (key == kPlatform) {
            if (value.typeId() != QMetaType::QString)
                return std::unexpected(badValue(key, QStringLiteral("a platform such as \"linux/amd64\"")));
            base.platform = value.toString().trimmed();
        } else if (key == kInstaller) {
            const QString installer = value.toString();
            if (installer == QLatin1String("uv"))
                base.dockerfile.installer = build::Installer::Uv;
            else if (installer == QLatin1String("pip"))
                base.dockerfile.installer = build::Installer::Pip;
            else
                return std::unexpected(badValue(key, QStringLiteral("\"uv\" or \"pip\"")));
        } else if (key == kDialect) {
            const QString dialect = value.toString();
            if (dialect == QLatin1String("buildkit"))
                base.dockerfile.dialect = build::DockerfileDialect::BuildKit;
            else if (dialect == QLatin1String("classic"))
                base.dockerfile.dialect = build::DockerfileDialect::Classic;
            else
                return std::unexpected(badValue(key, QStringLiteral("\"buildkit\" or \"classic\"")));
        } else {
            return fail(QStringLiteral("build-options.unknown-key"),
                        QStringLiteral("'%1' is not a build option.").arg(key),
                        QStringLiteral("Use platform, noCache, pull, force, installer, addFlytekit, dialect "
                                       "or syntaxLine."));
        }
    }
    return base;
}

QString buildDefaultsSpecKey(const QString& projectFolder, const QString& specFile, const QString& variable) {
    const QString relative = QDir(projectFolder).relativeFilePath(specFile);
    return variable.isEmpty() ? relative : QStringLiteral("%1:%2").arg(relative, variable);
}

Result<docker::BuildOptions> projectBuildOptions(const QString& projectFolder, const QString& specKey,
                                                 docker::BuildOptions base) {
    const QString path = QDir(projectFolder).filePath(kBuildDefaultsFileName);
    QFile file(path);
    if (!file.exists())
        return base;
    const QString fix =
        QStringLiteral("Correct %1 or remove it. It holds one JSON object: \"defaults\" for every spec and "
                       "\"specs\" with an object per spec file, each with the options platform, noCache, "
                       "pull, force, installer, addFlytekit, dialect or syntaxLine.")
            .arg(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("build-options.unreadable"),
                    QStringLiteral("Cannot read the project's build defaults: %1.").arg(file.errorString()),
                    fix, path);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject())
        return fail(QStringLiteral("build-options.not-json"),
                    QStringLiteral("The project's build defaults (%1) are not a JSON object: %2.")
                        .arg(QFileInfo(path).fileName(), parseError.errorString()),
                    fix, path);
    const QJsonObject root = document.object();
    const QVariantMap layers[] = {
        root.value(QStringLiteral("defaults")).toObject().toVariantMap(),
        root.value(QStringLiteral("specs")).toObject().value(specKey).toObject().toVariantMap(),
    };
    for (const QVariantMap& layer : layers) {
        auto applied = applyBuildOptionsMap(base, layer);
        if (!applied) {
            Error error = applied.error();
            error.message = QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), error.message);
            error.detail = path;
            return std::unexpected(error);
        }
        base = *applied;
    }
    return base;
}

} // namespace slipway::project
