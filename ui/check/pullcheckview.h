#pragma once

#include "common/error.h"
#include "registry/pullcheckjob.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace slipway::ui {

class CopyField;
class MessageBanner;
class StatusBadge;

// One pull-check result: the verdict as a badge, the image reference, the digest to pin (with Copy),
// the image's platforms against the cluster's, what the registry said and the fix (links open in the
// browser; GHCR's "public cannot be undone" as a visible warning). Re-check and Cancel are requests
// to whoever runs the PullCheckJob (the view holds no job: it only shows results and running state).
class PullCheckView : public QWidget {
    Q_OBJECT

public:
    explicit PullCheckView(QWidget* parent = nullptr);

    // Nothing checked yet: the reference (may be empty) and a Check button.
    void setIdle(const QString& reference);
    // A check is running for `reference`: a busy bar, the step, Cancel; Re-check disabled.
    void setRunning(const QString& reference);
    // A PullCheckJob::progress step ("Asking anonymously").
    void setProgress(const QString& step);
    void setResult(const registry::PullCheckResult& result);
    // The check did not finish (cancelled, or no reference to check): says so, Re-check stays.
    void setFailed(const Error& error);
    // How the next result was checked: "as the cluster pulls with regcred", "anonymously: …".
    void setCheckedAs(const QString& text);

    bool running() const { return m_running; }
    const std::optional<registry::PullCheckResult>& result() const { return m_result; }

Q_SIGNALS:
    void recheckRequested();
    void cancelRequested();

private:
    void showRunning(bool running);
    void showPlatforms(const registry::PullCheckResult& result);
    void showDetails(const registry::PullCheckResult& result);

    StatusBadge* m_badge;
    QLabel* m_reference;
    QPushButton* m_recheck;
    QLabel* m_message;
    QWidget* m_runningRow;
    QProgressBar* m_progress;
    QLabel* m_step;
    QPushButton* m_cancel;
    QWidget* m_details;
    CopyField* m_pinned;
    QLabel* m_imagePlatforms;
    QLabel* m_clusterPlatforms;
    QLabel* m_access;
    QLabel* m_checkedAs;
    QLabel* m_registrySaid;
    QLabel* m_fixTitle;
    QLabel* m_fix;
    MessageBanner* m_irreversible;
    std::optional<registry::PullCheckResult> m_result;
    bool m_running = false;
};

} // namespace slipway::ui
