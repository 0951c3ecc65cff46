#include "credentials/keychainqueue.h"

#include "credentials/credentialstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <qt6keychain/keychain.h>

namespace slipway::credentials {

namespace {

constexpr int kIndexVersion = 1;

QString keychainFix() {
#if defined(Q_OS_MACOS)
    return QStringLiteral(
        "Unlock your login keychain in Keychain Access, or continue with credentials kept in "
        "memory for this session only.");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Check that Windows Credential Manager works for your account, or continue with "
                          "credentials kept in memory for this session only.");
#else
    return QStringLiteral(
        "Start and unlock your desktop's keyring (GNOME Keyring or KWallet); on a server or "
        "in CI run Slipway inside a D-Bus session with `gnome-keyring-daemon --unlock` "
        "started. Or continue with credentials kept in memory for this session only.");
#endif
}

// What a failed QtKeychain job means for the user. QtKeychain's own text goes into the message
// because it is what tells "no D-Bus" from "locked" (it never contains the secret).
Error keychainError(const QKeychain::Job& job, const QString& action) {
    const QString cause = job.errorString().isEmpty() ? QStringLiteral("no details") : job.errorString();
    switch (job.error()) {
    case QKeychain::AccessDeniedByUser:
        return {
            QStringLiteral("credentials.access-denied"),
            QStringLiteral("The keychain refused to %1: access was denied when it asked.").arg(action),
            QStringLiteral("Allow Slipway when the keychain asks, and unlock the keychain if it is locked."),
            cause};
    case QKeychain::CouldNotDeleteEntry:
        return {QStringLiteral("credentials.keychain-failed"),
                QStringLiteral("The keychain could not %1: %2").arg(action, cause),
                QStringLiteral("Remove the entry with your keychain's own tool (Seahorse, KWalletManager, "
                               "Keychain Access) and try again."),
                cause};
    default:
        return {QString(kNoKeychain), QStringLiteral("No OS keychain answered: %1").arg(cause), keychainFix(),
                QStringLiteral("while trying to %1").arg(action)};
    }
}

// No parent and auto-delete: a job the backend is still working on must not be deleted under it when
// the queue goes away. The queue's connection to it (context `this`) simply ends with the queue.
QKeychain::Job* prepared(QKeychain::Job* job, const QString& key) {
    job->setKey(key);
    job->setAutoDelete(true);
    // The default is already false; said explicitly because a plain-text store is never acceptable.
    job->setInsecureFallback(false);
    return job;
}

} // namespace

KeychainQueue::KeychainQueue(QString service, QObject* parent)
    : QObject(parent), m_service(std::move(service)) {}

void KeychainQueue::enqueue(Step step) {
    m_queue.append(std::move(step));
    if (!m_running)
        runNext();
}

void KeychainQueue::runNext() {
    m_running = !m_queue.isEmpty();
    if (!m_running)
        return;
    // Queued: the next step starts from the event loop, not from inside the previous one's callback.
    m_queue.takeFirst()(
        [this] { QMetaObject::invokeMethod(this, &KeychainQueue::runNext, Qt::QueuedConnection); });
}

void KeychainQueue::readText(const QString& key, const QString& action,
                             std::function<void(Result<std::optional<QByteArray>>)> done) {
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    connect(prepared(job, key), &QKeychain::Job::finished, this, [job, action, done = std::move(done)] {
        if (job->error() == QKeychain::EntryNotFound)
            return done(std::optional<QByteArray>());
        if (job->error() != QKeychain::NoError)
            return done(std::unexpected(keychainError(*job, action)));
        done(std::optional<QByteArray>(job->textData().toUtf8()));
    });
    job->start();
}

void KeychainQueue::writeText(const QString& key, const QByteArray& text, const QString& action,
                              std::function<void(Result<void>)> done) {
    auto* job = new QKeychain::WritePasswordJob(m_service);
    // Text, not binary: libsecret then keeps it as is rather than base64, like every other secret.
    job->setTextData(QString::fromUtf8(text));
    connect(prepared(job, key), &QKeychain::Job::finished, this, [job, action, done = std::move(done)] {
        if (job->error() != QKeychain::NoError)
            return done(std::unexpected(keychainError(*job, action)));
        done({});
    });
    job->start();
}

void KeychainQueue::deleteKey(const QString& key, const QString& action,
                              std::function<void(Result<void>)> done) {
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    connect(prepared(job, key), &QKeychain::Job::finished, this, [job, action, done = std::move(done)] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
            return done(std::unexpected(keychainError(*job, action)));
        done({});
    });
    job->start();
}

void KeychainQueue::readIndex(const KeychainIndex& index, std::function<void(Result<QJsonArray>)> done) {
    readText(index.key, QStringLiteral("read the list of ") + index.what,
             [index, done = std::move(done)](Result<std::optional<QByteArray>> text) {
                 if (!text)
                     return done(std::unexpected(text.error()));
                 if (!text->has_value())
                     return done(QJsonArray());
                 const QJsonObject root = QJsonDocument::fromJson(**text).object();
                 if (root.value(QStringLiteral("version")).toInt() != kIndexVersion)
                     return done(
                         fail(QStringLiteral("credentials.corrupt-index"),
                              QStringLiteral("Slipway's list of %1 in the keychain is not in the format "
                                             "Slipway writes.")
                                  .arg(index.what),
                              QStringLiteral("Delete the keychain item '%1' (Seahorse, KWalletManager, "
                                             "Keychain Access) and %2.")
                                  .arg(index.key, index.redo)));
                 done(root.value(index.list).toArray());
             });
}

void KeychainQueue::writeIndex(const KeychainIndex& index, const QJsonArray& entries,
                               std::function<void(Result<void>)> done) {
    const QJsonObject root{{QStringLiteral("version"), kIndexVersion}, {index.list, entries}};
    writeText(index.key, QJsonDocument(root).toJson(QJsonDocument::Compact),
              QStringLiteral("store the list of ") + index.what, std::move(done));
}

} // namespace slipway::credentials
