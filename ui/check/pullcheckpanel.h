#pragma once

#include "registry/pullcheckjob.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;

namespace slipway::registry {
class RegistryClient;
}

namespace slipway::ui {

class PullCheckRunner;
class PullCheckView;

// The Pull check dock: will the cluster be able to pull an image? Runs by itself after every
// successful push (check()), and on demand for any reference typed into its field, against the
// cluster's platforms (linux/amd64 unless the user says otherwise). The result view's Re-check runs
// the last check again.
class PullCheckPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr const char* kDefaultClusterPlatform = "linux/amd64";

    PullCheckPanel(registry::RegistryClient& client, QWidget* parent = nullptr);

    // Checks `reference` (after a push): fills the field and starts.
    void check(const QString& reference);
    PullCheckView* view() const { return m_view; }
    // The reference of the check running or last finished, as it was typed or pushed.
    QString checkedReference() const { return m_checkedReference; }

Q_SIGNALS:
    // A check found a verdict (not when it was cancelled or could not start).
    void checked(const slipway::registry::PullCheckResult& result);

private:
    void checkField();

    QLineEdit* m_reference;
    QLineEdit* m_platforms;
    QPushButton* m_check;
    PullCheckView* m_view;
    PullCheckRunner* m_runner;
    QLabel* m_hint;
    QScrollArea* m_scroll;
    QString m_checkedReference;
};

} // namespace slipway::ui
