#pragma once

#include "registry/pullcheckjob.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;

namespace slipway::credentials {
class PullSecretStore;
}

namespace slipway::registry {
class RegistryClient;
}

namespace slipway::ui {

class PullCheckRunner;
class PullCheckView;
class PullSecretChoice;

// The Pull check dock: will the cluster be able to pull an image? Runs by itself after every
// successful push (check()), and on demand for any reference typed into its field, against the
// cluster's platforms (linux/amd64 unless the user says otherwise) and with the credentials the
// cluster will use: none, or the pull secret chosen for the project. The result view's Re-check runs
// the last check again, with the secret chosen now.
class PullCheckPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr const char* kDefaultClusterPlatform = "linux/amd64";

    PullCheckPanel(registry::RegistryClient& client, QWidget* parent = nullptr);

    // Checks `reference` (after a push): fills the field and starts.
    void check(const QString& reference);
    PullCheckView* view() const { return m_view; }
    // The project whose pull-secret choice the dock shows and remembers.
    void setProjectFolder(const QString& folder);
    // Pull secrets from `store` (not owned) instead of the default keychain service's.
    void setPullSecretStore(credentials::PullSecretStore* store);
    // The reference of the check running or last finished, as it was typed or pushed.
    QString checkedReference() const { return m_checkedReference; }

Q_SIGNALS:
    // A check found a verdict (not when it was cancelled or could not start).
    void checked(const slipway::registry::PullCheckResult& result);

private:
    void checkField();
    void start(const QString& text);
    void cancelReading();

    QLineEdit* m_reference;
    QLineEdit* m_platforms;
    PullSecretChoice* m_secret;
    QPushButton* m_check;
    PullCheckView* m_view;
    PullCheckRunner* m_runner;
    QLabel* m_hint;
    QScrollArea* m_scroll;
    QString m_checkedReference;
    // Counts checks started, so a pull secret read for a check since replaced is dropped.
    quint64 m_serial = 0;
};

} // namespace slipway::ui
