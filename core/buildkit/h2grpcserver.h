#pragma once

#include "buildkit/grpcframing.h"

#include <QByteArray>
#include <QHash>
#include <QIODevice>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

struct nghttp2_session;

namespace slipway::buildkit {

class H2GrpcServer;

// Wakes the server's thread from any thread (a queued pump), or does nothing once the server is gone.
class H2Waker {
public:
    explicit H2Waker(H2GrpcServer* server) : m_server(server) {}
    void wake();
    void detach();
    void pumped() { m_scheduled = false; }

private:
    std::mutex m_mutex;
    H2GrpcServer* m_server;
    std::atomic_bool m_scheduled{false};
};

// One gRPC call on the session. The server's thread fills its input and drains its output; handlers
// may use it from any thread. Everything here is thread-safe.
class GrpcCall {
public:
    GrpcCall(std::int32_t streamId, std::shared_ptr<H2Waker> waker)
        : m_streamId(streamId), m_waker(std::move(waker)) {}

    const QString& method() const { return m_method; }
    // Request metadata (headers) by lower-case key, in order.
    QStringList metadata(const QByteArray& key) const;

    // The client's next message; waits for it. nullopt: the client ended its side, or the call is gone.
    std::optional<std::string> receive();
    // Messages already framed (appendGrpcFrame) for the client. Waits while more than kHighWater
    // bytes are still unsent, so a fast producer follows the connection's pace. False: the call is gone.
    bool send(std::string frames);
    // Ends the call with a gRPC status (0 is OK) after everything sent. Once; later calls do nothing.
    void finish(int status, const QString& message = {});
    bool gone() const;
    // Ends the call from our side (RST_STREAM CANCEL on the server's thread).
    void cancel();

    static constexpr std::size_t kHighWater = 4 * 1024 * 1024;

private:
    friend class H2GrpcServer;
    friend struct H2Callbacks;

    // The server's thread.
    void addHeader(const QByteArray& name, const QByteArray& value);
    bool deliver(std::string_view data); // DATA bytes; false on a framing error
    void endInput();
    void markGone();
    // How many of up to `length` unsent bytes the next DATA frame can carry, without taking them;
    // sets `eof` when those are the last and the call is finished.
    std::size_t available(std::size_t length, bool& eof, bool& deferred);
    // Writes the next `length` unsent bytes to `device` and drops them from the outbox.
    void writeTo(QIODevice& device, std::size_t length);

    const std::int32_t m_streamId;
    std::shared_ptr<H2Waker> m_waker;
    QString m_method;
    QList<std::pair<QByteArray, QByteArray>> m_headers;
    GrpcDeframer m_deframer;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_inbox;
    bool m_inputEnded = false;
    // Framed messages in the order sent, each kept whole until written: appending never copies or
    // moves what is already queued (a deque keeps its elements in place), so the server's thread
    // reads the front without the lock while handlers add at the back.
    std::deque<std::string> m_outbox;
    std::size_t m_outboxOffset = 0; // bytes of m_outbox.front() already written
    std::size_t m_outboxBytes = 0;  // unwritten bytes in m_outbox
    bool m_finished = false;
    int m_status = 0;
    QString m_statusMessage;
    bool m_gone = false;
    bool m_cancelRequested = false;
    bool m_deferred = false; // the data source said "nothing yet": resume it when there is
};

// gRPC's server side on an HTTP/2 connection that is already open, using nghttp2 (the engine's
// `/session` upgrade hands over a connection on which the engine is the HTTP/2 client). Runs on the
// thread of `connection`; handlers run there too and hand streaming work to their own threads.
//
// Why not gRPC C++: its APIs cost ~27 µs of thread hand-offs per streamed message, and fsutil sends
// one message per file (20,000 stats took 0.55 s). Here a message is bytes appended to a buffer.
class H2GrpcServer : public QObject {
    Q_OBJECT

public:
    struct Method {
        // Streaming: the handler gets the call when the request headers are complete. Unary: when the
        // request ended, with its message in the call's input.
        bool streaming = false;
        std::function<void(std::shared_ptr<GrpcCall>)> handler;
    };

    H2GrpcServer(QIODevice* connection, QHash<QString, Method> methods, QObject* parent = nullptr);
    ~H2GrpcServer() override;

    // `bytesAlreadyRead`: what arrived after the 101 response (the client's preface, maybe more).
    void start(const QByteArray& bytesAlreadyRead);
    // Ends every call and stops reading and writing; the owner closes the connection. Idempotent.
    void shutdown();

    void pump(); // the server's thread: hand ready output to the connection

Q_SIGNALS:
    void failed(const QString& message);

private:
    friend struct H2Callbacks; // nghttp2's callbacks, in the .cpp (they need nghttp2_frame)

    void onReadyRead();
    void receive(const QByteArray& bytes);
    void dispatch(const std::shared_ptr<GrpcCall>& call);
    void requestEnded(std::int32_t streamId);
    void respond(const std::shared_ptr<GrpcCall>& call);
    void fail(const QString& message);

    QIODevice* m_connection;
    QHash<QString, Method> m_methods;
    nghttp2_session* m_session = nullptr;
    std::shared_ptr<H2Waker> m_waker;
    QHash<std::int32_t, std::shared_ptr<GrpcCall>> m_calls;
    QList<QMetaObject::Connection> m_links;
    bool m_stopped = false;
};

} // namespace slipway::buildkit
