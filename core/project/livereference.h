#pragma once

#include "common/cancel.h"
#include "project/referencestatus.h"
#include "spec/imagespec.h"

#include <QObject>
#include <memory>

class QTimer;

namespace slipway::spec {
class SourceDigestCache;
}

namespace slipway::project {

// The image reference of a spec being edited, recomputed on the thread pool after each change. A new
// change cancels the computation in flight. The previous reference stays until the new one is known;
// only when hashing takes a while (a large source_root) does the status turn to Computing, so quick
// edits do not flicker. source_root digests of unchanged trees are reused.
class LiveReference : public QObject {
    Q_OBJECT

public:
    explicit LiveReference(QObject* parent = nullptr);
    ~LiveReference() override;

    // Starts over for `spec`. `unavailableReason` non-empty: flytekit has no tag for it (said why).
    void setSpec(const spec::ImageSpec& spec, const spec::HostEnvironment& host,
                 const QString& unavailableReason = {});
    void clear();

    const ReferenceStatus& status() const { return m_status; }
    bool isComputing() const { return m_running; }
    // Quiet time after a change before hashing starts, so a burst of typing computes once.
    void setDelay(int milliseconds);
    const std::shared_ptr<spec::SourceDigestCache>& digestCache() const { return m_digests; }

Q_SIGNALS:
    void statusChanged(const project::ReferenceStatus& status);

private:
    void start();
    void setStatus(ReferenceStatus status);

    std::shared_ptr<spec::SourceDigestCache> m_digests;
    std::shared_ptr<CancelFlag> m_cancel;
    spec::ImageSpec m_spec;
    spec::HostEnvironment m_host;
    bool m_hasSpec = false;
    bool m_running = false;
    quint64 m_generation = 0;
    ReferenceStatus m_status;
    QTimer* m_delay;
    QTimer* m_slow;
};

} // namespace slipway::project
