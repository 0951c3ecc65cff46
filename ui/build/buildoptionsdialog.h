#pragma once

#include "build/buildoptionssettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;

namespace slipway::ui {

// The build options of one spec: platform, installer, flytekit, Dockerfile dialect and syntax line,
// cache, pull, force. OK remembers them for this spec of this project; Restore Defaults goes back to
// the project's defaults (slipway-build.json, else Slipway's). They never change the image's tag.
class BuildOptionsDialog : public QDialog {
    Q_OBJECT

public:
    BuildOptionsDialog(BuildOptionsSettings settings, const QString& specName, QWidget* parent = nullptr);

    void setOptions(const docker::BuildOptions& options);
    docker::BuildOptions options() const;

    void accept() override;

private:
    BuildOptionsSettings m_settings;
    docker::BuildOptions m_loaded; // keeps what the dialog does not show (build arguments)
    QComboBox* m_platform;
    QComboBox* m_installer;
    QComboBox* m_dialect;
    QCheckBox* m_addFlytekit;
    QCheckBox* m_syntaxLine;
    QCheckBox* m_noCache;
    QCheckBox* m_pull;
    QCheckBox* m_force;
};

} // namespace slipway::ui
