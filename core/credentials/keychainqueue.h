#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QFuture>
#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QPromise>
#include <functional>
#include <memory>
#include <optional>

namespace slipway::credentials {

// Text entries of one keychain service through QtKeychain, with the calls of a store run one after
// another: an update is read-index, write-entry, write-index, and two interleaved would lose one.
// What KeychainCredentialStore and PullSecretStore share. QtKeychain's plain-text fallback is off on
// every job. A failed job becomes an Error naming `action` ("read a login"): kNoKeychain when no
// keychain answered, with how to get one.
// A store's listing in the keychain, without secrets: {"version": 1, "<list>": [...]} under `key`.
// `what` ("logins") and `redo` ("log in again") word the message when it is not what Slipway writes.
struct KeychainIndex {
    QString key;
    QString list;
    QString what;
    QString redo;
};

class KeychainQueue : public QObject {
    Q_OBJECT

public:
    explicit KeychainQueue(QString service, QObject* parent = nullptr);

    QString service() const { return m_service; }

    // Runs `body` once the calls queued before it have finished; its result goes into the future.
    // If the queue dies first, the future reports cancellation.
    template <typename T> QFuture<Result<T>> queued(std::function<void(std::function<void(Result<T>)>)> body);

    // The entry's text; std::nullopt when there is none.
    void readText(const QString& key, const QString& action,
                  std::function<void(Result<std::optional<QByteArray>>)> done);
    void writeText(const QString& key, const QByteArray& text, const QString& action,
                   std::function<void(Result<void>)> done);
    // Deleting an entry that does not exist succeeds.
    void deleteKey(const QString& key, const QString& action, std::function<void(Result<void>)> done);

    // The index's entries: none when it does not exist yet, an Error when it is not in Slipway's format.
    void readIndex(const KeychainIndex& index, std::function<void(Result<QJsonArray>)> done);
    void writeIndex(const KeychainIndex& index, const QJsonArray& entries,
                    std::function<void(Result<void>)> done);

private:
    using Step = std::function<void(std::function<void()> done)>;
    void enqueue(Step step);
    void runNext();

    QString m_service;
    QList<Step> m_queue;
    bool m_running = false;
};

template <typename T>
QFuture<Result<T>> KeychainQueue::queued(std::function<void(std::function<void(Result<T>)>)> body) {
    // Shared: the promise travels through copyable std::function steps.
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QFuture<Result<T>> future = promise->future();
    enqueue([body = std::move(body), promise](std::function<void()> done) {
        body([promise, done = std::move(done)](Result<T> result) {
            promise->addResult(std::move(result));
            promise->finish();
            done();
        });
    });
    return future;
}

} // namespace slipway::credentials
