#include "check/pullcheckrunner.h"

#include "check/pullcheckview.h"
#include "registry/registryclient.h"

namespace slipway::ui {

PullCheckRunner::PullCheckRunner(registry::RegistryClient& client, PullCheckView* view, QObject* parent)
    : QObject(parent), m_client(client), m_view(view) {
    connect(view, &PullCheckView::recheckRequested, this, [this] {
        if (m_request)
            check(*m_request);
    });
    connect(view, &PullCheckView::cancelRequested, this, &PullCheckRunner::cancel);
}

void PullCheckRunner::check(const registry::PullCheckRequest& request) {
    // The new check replaces it: its cancellation is not news for the view.
    discard();
    m_request = request;
    auto* job = new registry::PullCheckJob(m_client, request, this);
    m_job = job;
    if (m_view) {
        m_view->setRunning(request.reference.toString());
        connect(job, &registry::PullCheckJob::progress, m_view, &PullCheckView::setProgress);
    }
    connect(job, &registry::PullCheckJob::finished, this,
            [this, job](const Result<registry::PullCheckResult>& result) {
                job->deleteLater();
                if (m_job != job)
                    return;
                m_job.clear();
                if (!m_view)
                    return;
                if (result) {
                    m_view->setResult(*result);
                    Q_EMIT finished(*result);
                } else {
                    m_view->setFailed(result.error());
                }
            });
    job->start();
}

void PullCheckRunner::discard() {
    if (!m_job)
        return;
    registry::PullCheckJob* old = m_job;
    m_job.clear();
    old->cancel();
    old->deleteLater();
}

void PullCheckRunner::cancel() {
    if (m_job)
        m_job->cancel();
}

} // namespace slipway::ui
