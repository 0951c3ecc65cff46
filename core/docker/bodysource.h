#pragma once

#include <QByteArray>
#include <QObject>

namespace slipway::docker {

// A request body produced while it is sent (a build context tarred on a worker thread): the request
// pulls what is ready when the socket has room, so a large body never sits in memory as a whole.
class BodySource : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    // Up to `maxSize` bytes that are ready now; empty when none are (yet).
    virtual QByteArray read(qsizetype maxSize) = 0;
    // True once every byte has been read and no more will come.
    virtual bool atEnd() const = 0;

Q_SIGNALS:
    // More bytes are ready, or the end was reached.
    void readyRead();
};

} // namespace slipway::docker
