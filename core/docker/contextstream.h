#pragma once

#include "build/buildplan.h"
#include "common/cancel.h"
#include "common/error.h"
#include "docker/bodysource.h"

#include <QFuture>
#include <memory>

namespace slipway::docker {

// A build plan's context as a request body: writeBuildContext runs on a worker thread and blocks
// whenever `capacity` bytes wait unsent, so memory stays bounded by `capacity` whatever the context's
// size (back-pressure from the socket all the way to the file reads).
struct ContextBuffer;

class ContextStream : public BodySource {
    Q_OBJECT

public:
    explicit ContextStream(build::BuildPlan plan, qsizetype capacity = 8 * 1024 * 1024,
                           QObject* parent = nullptr);
    ~ContextStream() override;

    void start();
    // Stops the writer (it sees a cancel and a refused write) and waits for the worker to return.
    void abort();

    QByteArray read(qsizetype maxSize) override;
    bool atEnd() const override;
    // The most bytes that ever waited unsent: what the stream cost in memory at its peak.
    qsizetype peakBuffered() const;

Q_SIGNALS:
    // The writer is done: bytes written, or why it stopped. Emitted on this object's thread.
    void finished(const slipway::Result<qint64>& result);

private:
    std::shared_ptr<ContextBuffer> m_shared;
    build::BuildPlan m_plan;
    CancelFlag m_cancel{false};
    QFuture<void> m_worker;
};

} // namespace slipway::docker
