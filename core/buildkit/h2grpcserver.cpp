#include "buildkit/h2grpcserver.h"

#include <QPointer>
#include <QUrl>
#include <cstring>
#include <nghttp2/nghttp2.h>

namespace slipway::buildkit {

namespace {

// gRPC status UNIMPLEMENTED: what BuildKit expects for a method the session does not serve.
constexpr int kUnimplemented = 12;
constexpr int kInternal = 13;
// The most bytes handed to the connection before waiting for it to drain.
constexpr qint64 kConnectionHighWater = 4 * 1024 * 1024;
constexpr qint64 kFrameHeaderBytes = 9;
// Our receive window: the daemon only sends small REQ packets and unary requests.
constexpr std::int32_t kReceiveWindow = 1 << 20;

nghttp2_nv field(const char* name, const QByteArray& value) {
    return {reinterpret_cast<std::uint8_t*>(const_cast<char*>(name)),
            reinterpret_cast<std::uint8_t*>(const_cast<char*>(value.constData())), std::strlen(name),
            static_cast<std::size_t>(value.size()), NGHTTP2_NV_FLAG_NONE};
}

} // namespace

// ---------------------------------------------------------------------------------------------------
// H2Waker

void H2Waker::wake() {
    const std::lock_guard lock(m_mutex);
    if (!m_server || m_scheduled.exchange(true))
        return;
    H2GrpcServer* server = m_server;
    QMetaObject::invokeMethod(
        server, [server] { server->pump(); }, Qt::QueuedConnection);
}

void H2Waker::detach() {
    const std::lock_guard lock(m_mutex);
    m_server = nullptr;
}

// ---------------------------------------------------------------------------------------------------
// GrpcCall

QStringList GrpcCall::metadata(const QByteArray& key) const {
    QStringList values;
    for (const auto& [name, value] : m_headers)
        if (name == key)
            values.append(QString::fromUtf8(value));
    return values;
}

std::optional<std::string> GrpcCall::receive() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_inbox.empty() || m_inputEnded || m_gone; });
    if (m_inbox.empty())
        return std::nullopt;
    std::string message = std::move(m_inbox.front());
    m_inbox.pop_front();
    return message;
}

bool GrpcCall::send(std::string frames) {
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_outboxBytes <= kHighWater || m_gone; });
        if (m_gone || m_finished)
            return false;
        if (frames.empty())
            return true;
        m_outboxBytes += frames.size();
        m_outbox.push_back(std::move(frames));
    }
    m_waker->wake();
    return true;
}

void GrpcCall::finish(int status, const QString& message) {
    {
        const std::lock_guard lock(m_mutex);
        if (m_finished || m_gone)
            return;
        m_finished = true;
        m_status = status;
        m_statusMessage = message;
    }
    m_waker->wake();
}

bool GrpcCall::gone() const {
    const std::lock_guard lock(m_mutex);
    return m_gone;
}

void GrpcCall::cancel() {
    {
        const std::lock_guard lock(m_mutex);
        if (m_gone)
            return;
        m_cancelRequested = true;
    }
    m_waker->wake();
}

void GrpcCall::addHeader(const QByteArray& name, const QByteArray& value) {
    if (name == ":path")
        m_method = QString::fromUtf8(value);
    else if (!name.startsWith(':'))
        m_headers.append({name, value});
}

bool GrpcCall::deliver(std::string_view data) {
    std::vector<std::string> messages;
    if (m_deframer.feed(data, messages) != GrpcDeframer::Status::Ok)
        return false;
    if (messages.empty())
        return true;
    {
        const std::lock_guard lock(m_mutex);
        for (std::string& message : messages)
            m_inbox.push_back(std::move(message));
    }
    m_changed.notify_all();
    return true;
}

void GrpcCall::endInput() {
    {
        const std::lock_guard lock(m_mutex);
        m_inputEnded = true;
    }
    m_changed.notify_all();
}

void GrpcCall::markGone() {
    {
        const std::lock_guard lock(m_mutex);
        m_gone = true;
    }
    m_changed.notify_all();
}

std::size_t GrpcCall::available(std::size_t length, bool& eof, bool& deferred) {
    const std::lock_guard lock(m_mutex);
    const std::size_t count = std::min(length, m_outboxBytes);
    eof = m_finished && count == m_outboxBytes;
    deferred = count == 0 && !eof;
    m_deferred = deferred;
    return count;
}

void GrpcCall::writeTo(QIODevice& device, std::size_t length) {
    // Only this thread removes from the outbox, so the front stays put while the lock is not held.
    std::unique_lock lock(m_mutex);
    while (length > 0 && !m_outbox.empty()) {
        const std::string& front = m_outbox.front();
        const std::size_t count = std::min(length, front.size() - m_outboxOffset);
        const char* data = front.data() + m_outboxOffset;
        lock.unlock();
        device.write(data, static_cast<qint64>(count));
        lock.lock();
        length -= count;
        m_outboxBytes -= count;
        m_outboxOffset += count;
        if (m_outboxOffset == front.size()) {
            m_outbox.pop_front();
            m_outboxOffset = 0;
        }
    }
    lock.unlock();
    m_changed.notify_all(); // room for a waiting send()
}

// ---------------------------------------------------------------------------------------------------
// nghttp2's callbacks

struct H2Callbacks {
    static H2GrpcServer& server(void* self) { return *static_cast<H2GrpcServer*>(self); }

    static int beginHeaders(nghttp2_session*, const nghttp2_frame* frame, void* self) {
        if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
            H2GrpcServer& owner = server(self);
            owner.m_calls.insert(frame->hd.stream_id,
                                 std::make_shared<GrpcCall>(frame->hd.stream_id, owner.m_waker));
        }
        return 0;
    }

    static int header(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name,
                      std::size_t nameLength, const std::uint8_t* value, std::size_t valueLength,
                      std::uint8_t, void* self) {
        if (const auto call = server(self).m_calls.value(frame->hd.stream_id))
            call->addHeader(QByteArray(reinterpret_cast<const char*>(name), qsizetype(nameLength)),
                            QByteArray(reinterpret_cast<const char*>(value), qsizetype(valueLength)));
        return 0;
    }

    static int frameReceived(nghttp2_session*, const nghttp2_frame* frame, void* self) {
        H2GrpcServer& owner = server(self);
        const auto call = owner.m_calls.value(frame->hd.stream_id);
        if (!call)
            return 0;
        if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST)
            owner.dispatch(call);
        if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) &&
            (frame->hd.flags & NGHTTP2_FLAG_END_STREAM))
            owner.requestEnded(frame->hd.stream_id);
        return 0;
    }

    static int dataChunk(nghttp2_session* session, std::uint8_t, std::int32_t streamId,
                         const std::uint8_t* data, std::size_t length, void* self) {
        const auto call = server(self).m_calls.value(streamId);
        if (call && !call->deliver(std::string_view(reinterpret_cast<const char*>(data), length)))
            nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, streamId, NGHTTP2_PROTOCOL_ERROR);
        return 0;
    }

    static int streamClosed(nghttp2_session*, std::int32_t streamId, std::uint32_t, void* self) {
        if (const auto call = server(self).m_calls.take(streamId))
            call->markGone();
        return 0;
    }

    // The DATA frame's size; its bytes go out in sendData, straight from the call's outbox.
    static ssize_t readData(nghttp2_session* session, std::int32_t streamId, std::uint8_t*,
                            std::size_t length, std::uint32_t* flags, nghttp2_data_source* source, void*) {
        auto* call = static_cast<GrpcCall*>(source->ptr);
        bool eof = false;
        bool deferred = false;
        const std::size_t count = call->available(length, eof, deferred);
        if (deferred)
            return NGHTTP2_ERR_DEFERRED;
        *flags |= NGHTTP2_DATA_FLAG_NO_COPY;
        if (eof) {
            *flags |= NGHTTP2_DATA_FLAG_EOF | NGHTTP2_DATA_FLAG_NO_END_STREAM;
            QByteArray status, message;
            {
                const std::lock_guard lock(call->m_mutex);
                status = QByteArray::number(call->m_status);
                message = QUrl::toPercentEncoding(call->m_statusMessage, " ");
            }
            const nghttp2_nv trailers[] = {field("grpc-status", status), field("grpc-message", message)};
            nghttp2_submit_trailer(session, streamId, trailers, message.isEmpty() ? 1 : 2);
        }
        return static_cast<ssize_t>(count);
    }

    // A DATA frame readData sized: its header, then its bytes copied once, into the connection's
    // buffer. Frames are never padded (no padding callback), so nothing follows the data. A full
    // buffer pauses mem_send; the connection's bytesWritten pumps again.
    static int sendData(nghttp2_session*, nghttp2_frame*, const std::uint8_t* header, std::size_t length,
                        nghttp2_data_source* source, void* self) {
        QIODevice& connection = *server(self).m_connection;
        connection.write(reinterpret_cast<const char*>(header), kFrameHeaderBytes);
        static_cast<GrpcCall*>(source->ptr)->writeTo(connection, length);
        return connection.bytesToWrite() >= kConnectionHighWater ? NGHTTP2_ERR_PAUSE : 0;
    }
};

// ---------------------------------------------------------------------------------------------------
// H2GrpcServer

H2GrpcServer::H2GrpcServer(QIODevice* connection, QHash<QString, Method> methods, QObject* parent)
    : QObject(parent), m_connection(connection), m_methods(std::move(methods)),
      m_waker(std::make_shared<H2Waker>(this)) {
    nghttp2_session_callbacks* callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &H2Callbacks::beginHeaders);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &H2Callbacks::header);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &H2Callbacks::frameReceived);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &H2Callbacks::dataChunk);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &H2Callbacks::streamClosed);
    nghttp2_session_callbacks_set_send_data_callback(callbacks, &H2Callbacks::sendData);
    nghttp2_session_server_new(&m_session, callbacks, this);
    nghttp2_session_callbacks_del(callbacks);
}

H2GrpcServer::~H2GrpcServer() {
    shutdown();
    nghttp2_session_del(m_session);
}

void H2GrpcServer::start(const QByteArray& bytesAlreadyRead) {
    const nghttp2_settings_entry settings[] = {
        {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 100},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, std::uint32_t(kReceiveWindow)},
    };
    nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, settings, std::size(settings));
    m_links += {
        connect(m_connection, &QIODevice::readyRead, this, &H2GrpcServer::onReadyRead),
        connect(m_connection, &QIODevice::bytesWritten, this, &H2GrpcServer::pump),
    };
    receive(bytesAlreadyRead + m_connection->readAll());
    pump();
}

void H2GrpcServer::shutdown() {
    if (std::exchange(m_stopped, true))
        return;
    m_waker->detach();
    for (const QMetaObject::Connection& link : std::as_const(m_links))
        disconnect(link);
    m_links.clear();
    for (const std::shared_ptr<GrpcCall>& call : std::as_const(m_calls))
        call->markGone();
    m_calls.clear();
}

void H2GrpcServer::onReadyRead() {
    receive(m_connection->readAll());
    pump();
}

void H2GrpcServer::receive(const QByteArray& bytes) {
    if (m_stopped || bytes.isEmpty())
        return;
    const ssize_t used =
        nghttp2_session_mem_recv(m_session, reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                 static_cast<std::size_t>(bytes.size()));
    if (used < 0)
        fail(tr("the engine's BuildKit session sent what is not HTTP/2 (%1); start the build again")
                 .arg(QString::fromLatin1(nghttp2_strerror(int(used)))));
}

void H2GrpcServer::dispatch(const std::shared_ptr<GrpcCall>& call) {
    respond(call);
    const auto method = m_methods.constFind(call->method());
    if (method == m_methods.cend()) {
        call->finish(kUnimplemented, tr("%1 is not served by this session").arg(call->method()));
        return;
    }
    if (method->streaming)
        method->handler(call);
}

void H2GrpcServer::requestEnded(std::int32_t streamId) {
    const auto call = m_calls.value(streamId);
    if (!call)
        return;
    call->endInput();
    const auto method = m_methods.constFind(call->method());
    if (method != m_methods.cend() && !method->streaming) {
        if (!call->m_deframer.atBoundary())
            return call->finish(kInternal, tr("the request ended inside a message"));
        method->handler(call);
    }
}

// Response headers at once; the body comes from the call's output as it is produced.
void H2GrpcServer::respond(const std::shared_ptr<GrpcCall>& call) {
    const QByteArray status("200");
    const QByteArray contentType("application/grpc");
    const nghttp2_nv headers[] = {field(":status", status), field("content-type", contentType)};
    nghttp2_data_provider provider{};
    provider.source.ptr = call.get(); // alive while the stream is: m_calls holds it until it closes
    provider.read_callback = &H2Callbacks::readData;
    nghttp2_submit_response(m_session, call->m_streamId, headers, std::size(headers), &provider);
}

void H2GrpcServer::pump() {
    m_waker->pumped();
    if (m_stopped || !m_connection || !m_connection->isOpen())
        return;
    for (const std::shared_ptr<GrpcCall>& call : std::as_const(m_calls)) {
        bool resume = false;
        bool cancel = false;
        {
            const std::lock_guard lock(call->m_mutex);
            resume = call->m_deferred && (call->m_outboxBytes > 0 || call->m_finished);
            cancel = std::exchange(call->m_cancelRequested, false);
            if (resume)
                call->m_deferred = false;
        }
        if (cancel)
            nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, call->m_streamId, NGHTTP2_CANCEL);
        else if (resume)
            nghttp2_session_resume_data(m_session, call->m_streamId);
    }
    // Control frames come back from mem_send; DATA frames are written by sendData during the call,
    // so each piece goes to the connection as soon as it is produced, in order.
    while (m_connection->bytesToWrite() < kConnectionHighWater) {
        const std::uint8_t* data = nullptr;
        const ssize_t length = nghttp2_session_mem_send(m_session, &data);
        if (length < 0)
            return fail(tr("the BuildKit session failed (%1); start the build again")
                            .arg(QString::fromLatin1(nghttp2_strerror(int(length)))));
        if (length == 0)
            break;
        m_connection->write(reinterpret_cast<const char*>(data), length);
    }
    // More waits when the connection drains (bytesWritten calls pump again).
}

void H2GrpcServer::fail(const QString& message) {
    shutdown();
    Q_EMIT failed(message);
}

} // namespace slipway::buildkit
