#pragma once

#include <QFuture>
#include <QPromise>

namespace slipway::credentials {

// A future that already holds `value` (QtFuture::makeReadyFuture is deprecated from Qt 6.6 on).
template <typename T> QFuture<T> readyFuture(T value) {
    QPromise<T> promise;
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return promise.future();
}

} // namespace slipway::credentials
