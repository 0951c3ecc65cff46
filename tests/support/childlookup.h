#pragma once

// GUI tests drive widgets by objectName; a missing one ends the test run at once with its name,
// instead of a null pointer crash further on.
#include <QObject>
#include <QString>

namespace slipway::testing {

template <typename T> T* requireChild(const QObject& parent, const char* objectName) {
    T* child = parent.findChild<T*>(QLatin1String(objectName));
    if (!child)
        qFatal("no %s below %s", objectName, qPrintable(parent.objectName()));
    return child;
}

} // namespace slipway::testing
