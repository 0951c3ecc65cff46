#include "project/livereference.h"

#include "spec/sourcedigestcache.h"
#include "spec/spechash.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace slipway::project {

namespace {
constexpr int kDefaultDelayMs = 80;
constexpr int kSlowAfterMs = 300; // below this a result replaces the old reference without "computing…"
} // namespace

LiveReference::LiveReference(QObject* parent)
    : QObject(parent), m_digests(spec::SourceDigestCache::persistent()), m_delay(new QTimer(this)),
      m_slow(new QTimer(this)) {
    m_delay->setSingleShot(true);
    m_delay->setInterval(kDefaultDelayMs);
    m_slow->setSingleShot(true);
    m_slow->setInterval(kSlowAfterMs);
    connect(m_delay, &QTimer::timeout, this, &LiveReference::start);
    connect(m_slow, &QTimer::timeout, this, [this] {
        if (m_running)
            setStatus({ReferenceStatus::State::Computing, {}, {}});
    });
}

LiveReference::~LiveReference() {
    if (m_cancel)
        m_cancel->store(true);
}

void LiveReference::setDelay(int milliseconds) {
    m_delay->setInterval(milliseconds);
}

void LiveReference::clear() {
    if (m_cancel)
        m_cancel->store(true);
    ++m_generation;
    m_running = false;
    m_hasSpec = false;
    m_delay->stop();
    m_slow->stop();
    m_status = {};
}

void LiveReference::setSpec(const spec::ImageSpec& spec, const spec::HostEnvironment& host,
                            const QString& unavailableReason) {
    const bool fresh = !m_hasSpec;
    if (!fresh && spec == m_spec && host.machine == m_host.machine &&
        host.workingDirectory == m_host.workingDirectory && unavailableReason.isEmpty() &&
        m_status.state != ReferenceStatus::State::Unavailable)
        return;
    if (m_cancel)
        m_cancel->store(true);
    ++m_generation;
    m_running = false;
    m_spec = spec;
    m_host = host;
    m_hasSpec = true;
    if (!unavailableReason.isEmpty()) {
        m_delay->stop();
        m_slow->stop();
        setStatus({ReferenceStatus::State::Unavailable, {}, unavailableReason});
        return;
    }
    if (fresh)
        setStatus({ReferenceStatus::State::Computing, {}, {}});
    m_delay->start();
}

void LiveReference::start() {
    m_cancel = std::make_shared<CancelFlag>(false);
    m_running = true;
    m_slow->start();
    const quint64 generation = ++m_generation;
    auto* watcher = new QFutureWatcher<Result<QString>>(this);
    connect(watcher, &QFutureWatcher<Result<QString>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_running = false;
        m_slow->stop();
        const Result<QString> name = watcher->result();
        setStatus(name ? ReferenceStatus{ReferenceStatus::State::Ready, *name, {}}
                       : ReferenceStatus{ReferenceStatus::State::Failed, {}, name.error().describe()});
    });
    watcher->setFuture(
        QtConcurrent::run([spec = m_spec, host = m_host, cancel = m_cancel, digests = m_digests] {
            return spec::specImageName(spec, host, cancel.get(), digests.get());
        }));
}

void LiveReference::setStatus(ReferenceStatus status) {
    m_status = std::move(status);
    Q_EMIT statusChanged(m_status);
}

} // namespace slipway::project
