#pragma once

#include "registry/pullcheckjob.h"

#include <QObject>
#include <QPointer>
#include <optional>

namespace slipway::registry {
class RegistryClient;
}

namespace slipway::ui {

class PullCheckView;

// Runs pull checks for one PullCheckView: check() starts a PullCheckJob (cancelling one in flight),
// the view shows its progress and result, its Re-check runs the last request again and its Cancel
// cancels the job. finished() hands the result on (e.g. to the spec's status badge).
class PullCheckRunner : public QObject {
    Q_OBJECT

public:
    PullCheckRunner(registry::RegistryClient& client, PullCheckView* view, QObject* parent = nullptr);

    void check(const registry::PullCheckRequest& request);
    void cancel();
    // Drops the check in flight without a word to the view: another is about to replace it.
    void discard();
    bool running() const { return !m_job.isNull(); }
    const std::optional<registry::PullCheckRequest>& request() const { return m_request; }

Q_SIGNALS:
    void finished(const slipway::registry::PullCheckResult& result);

private:
    registry::RegistryClient& m_client;
    QPointer<PullCheckView> m_view;
    QPointer<registry::PullCheckJob> m_job;
    std::optional<registry::PullCheckRequest> m_request;
};

} // namespace slipway::ui
