#pragma once

#include "common/error.h"
#include "docker/buildevents.h"

#include <QString>

namespace slipway::ui {

// The build options of one spec of one project, as the Build actions use them: Slipway's defaults,
// then the project's slipway-build.json (project/buildoptionsdefaults.h), then what the user chose in
// the Build Options dialog, remembered in QSettings per project folder and spec. Never a secret: the
// options hold none (build arguments are not kept here).
class BuildOptionsSettings {
public:
    // `specKey` as buildDefaultsSpecKey() makes it.
    BuildOptionsSettings(QString projectFolder, QString specKey);

    struct Loaded {
        docker::BuildOptions options;
        bool userChosen = false; // the user's own choice overrides the project's defaults
        QString problem;         // the project's defaults file could not be used, and why
    };

    Loaded load() const;
    // The project's defaults alone (what "Reset" goes back to).
    Result<docker::BuildOptions> projectDefaults() const;
    void save(const docker::BuildOptions& options) const;
    // Forgets the user's choice: the project's defaults apply again.
    void reset() const;

private:
    QString settingsKey() const;

    QString m_projectFolder;
    QString m_specKey;
};

} // namespace slipway::ui
