#include "build/buildoptionssettings.h"

#include "project/buildoptionsdefaults.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSettings>

namespace slipway::ui {

BuildOptionsSettings::BuildOptionsSettings(QString projectFolder, QString specKey)
    : m_projectFolder(std::move(projectFolder)), m_specKey(std::move(specKey)) {}

// One key per project and spec; hashed, because paths hold the '/' QSettings reads as groups.
QString BuildOptionsSettings::settingsKey() const {
    const QByteArray identity = (QDir::cleanPath(m_projectFolder) + u'\n' + m_specKey).toUtf8();
    return QStringLiteral("buildOptions/%1")
        .arg(QString::fromLatin1(
            QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(24)));
}

Result<docker::BuildOptions> BuildOptionsSettings::projectDefaults() const {
    return project::projectBuildOptions(m_projectFolder, m_specKey);
}

BuildOptionsSettings::Loaded BuildOptionsSettings::load() const {
    Loaded loaded;
    if (auto defaults = projectDefaults())
        loaded.options = *defaults;
    else
        loaded.problem = defaults.error().describe();
    const QVariant stored = QSettings().value(settingsKey());
    if (stored.isValid()) {
        if (auto chosen = project::applyBuildOptionsMap(loaded.options, stored.toMap())) {
            loaded.options = *chosen;
            loaded.userChosen = true;
        }
    }
    return loaded;
}

void BuildOptionsSettings::save(const docker::BuildOptions& options) const {
    QSettings().setValue(settingsKey(), project::buildOptionsToMap(options));
}

void BuildOptionsSettings::reset() const {
    QSettings().remove(settingsKey());
}

} // namespace slipway::ui
