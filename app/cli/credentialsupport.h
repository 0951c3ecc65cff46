#pragma once

// What `login`, `logout` and `credentials` share: waiting for the keychain, reporting its errors.

#include "common/error.h"
#include "credentials/credentialstore.h"
#include "output.h"

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>

// Runs the event loop until `future` finishes: the keychain answers asynchronously (over D-Bus on
// Linux), and the CLI has nothing else to do meanwhile.
template <typename T> slipway::Result<T> awaitResult(QFuture<slipway::Result<T>> future) {
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<slipway::Result<T>> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    if (future.isCanceled() || future.resultCount() == 0)
        return slipway::fail(QStringLiteral("credentials.cancelled"),
                             QStringLiteral("The keychain request was cancelled."),
                             QStringLiteral("Try again."));
    return future.result();
}

// Prints a credential error. Without a keychain the core's fix offers a session-only store, which
// means nothing for a CLI run that ends right away, so the CLI says what to do instead.
inline int failWithCredentialError(const slipway::Error& error) {
    if (error.code == slipway::credentials::kNoKeychain) {
        printErr(QStringLiteral(
                     "error: %1\nFix: start and unlock your desktop's keyring (GNOME Keyring or KWallet); "
                     "on a server or in CI run slipway-cli inside `dbus-run-session` with "
                     "`gnome-keyring-daemon --unlock` started. slipway-cli keeps no login without one.\n")
                     .arg(error.message));
        return kExitFailure;
    }
    printErr(QStringLiteral("error: %1\n").arg(error.describe()));
    return kExitFailure;
}
