#include "docker/contextstream.h"

#include "build/contextwriter.h"

#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QWaitCondition>
#include <QtConcurrent/QtConcurrentRun>
#include <deque>

namespace slipway::docker {

// The buffer between the worker (producer) and the request (consumer).
struct ContextBuffer {
    QMutex mutex;
    QWaitCondition roomAvailable;
    std::deque<QByteArray> chunks;
    qsizetype buffered = 0;
    qsizetype capacity = 0;
    qsizetype peak = 0;
    bool writerDone = false;
    bool aborted = false;
};

namespace {

// The worker's side: a write-only device whose writes block while the buffer is full.
class PipeWriter : public QIODevice {
public:
    PipeWriter(std::shared_ptr<ContextBuffer> shared, std::function<void()> notify)
        : m_shared(std::move(shared)), m_notify(std::move(notify)) {
        open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 length) override {
        bool wasEmpty = false;
        {
            QMutexLocker lock(&m_shared->mutex);
            while (!m_shared->aborted && m_shared->buffered >= m_shared->capacity)
                m_shared->roomAvailable.wait(&m_shared->mutex);
            if (m_shared->aborted) {
                setErrorString(QStringLiteral("the build was cancelled"));
                return -1;
            }
            wasEmpty = m_shared->buffered == 0;
            m_shared->chunks.emplace_back(data, static_cast<qsizetype>(length));
            m_shared->buffered += static_cast<qsizetype>(length);
            m_shared->peak = std::max(m_shared->peak, m_shared->buffered);
        }
        if (wasEmpty)
            m_notify();
        return length;
    }

private:
    std::shared_ptr<ContextBuffer> m_shared;
    std::function<void()> m_notify;
};

} // namespace

ContextStream::ContextStream(build::BuildPlan plan, qsizetype capacity, QObject* parent)
    : BodySource(parent), m_shared(std::make_shared<ContextBuffer>()), m_plan(std::move(plan)) {
    m_shared->capacity = capacity;
}

ContextStream::~ContextStream() {
    abort();
}

void ContextStream::start() {
    QPointer<ContextStream> self(this);
    auto notify = [self] {
        QMetaObject::invokeMethod(
            self.get(),
            [self] {
                if (self)
                    Q_EMIT self->readyRead();
            },
            Qt::QueuedConnection);
    };
    m_worker = QtConcurrent::run([shared = m_shared, plan = m_plan, cancel = &m_cancel, notify, self] {
        PipeWriter writer(shared, notify);
        Result<qint64> result = build::writeBuildContext(plan, writer, cancel);
        if (result) {
            // A failed writer never ends the body: a truncated tar must not look like a whole one.
            QMutexLocker lock(&shared->mutex);
            shared->writerDone = true;
        }
        QMetaObject::invokeMethod(
            self.get(),
            [self, result] {
                if (!self)
                    return;
                Q_EMIT self->readyRead();
                Q_EMIT self->finished(result);
            },
            Qt::QueuedConnection);
    });
}

void ContextStream::abort() {
    m_cancel = true;
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->aborted = true;
        m_shared->chunks.clear();
        m_shared->buffered = 0;
    }
    m_shared->roomAvailable.wakeAll();
    m_worker.waitForFinished();
}

QByteArray ContextStream::read(qsizetype maxSize) {
    QMutexLocker lock(&m_shared->mutex);
    QByteArray out;
    while (!m_shared->chunks.empty() && out.size() < maxSize) {
        QByteArray& front = m_shared->chunks.front();
        const qsizetype take = std::min(maxSize - out.size(), front.size());
        out.append(front.constData(), take);
        if (take == front.size())
            m_shared->chunks.pop_front();
        else
            front.remove(0, take);
    }
    m_shared->buffered -= out.size();
    if (!out.isEmpty())
        m_shared->roomAvailable.wakeAll();
    return out;
}

qsizetype ContextStream::peakBuffered() const {
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->peak;
}

bool ContextStream::atEnd() const {
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->writerDone && m_shared->chunks.empty();
}

} // namespace slipway::docker
