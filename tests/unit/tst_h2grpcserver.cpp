// The BuildKit session's HTTP/2 gRPC server against an nghttp2 client over a local socket, as the
// engine drives it: messages of every size across DATA frame and buffer boundaries arrive whole and
// in order with their status; an unknown method gets UNIMPLEMENTED; a stream the client resets
// stops its sender; and a long stream is sent in bounded memory (the queue once kept everything it
// had sent until a moment when it happened to be empty, which a busy transfer never reaches).
#include "buildkit/h2grpcserver.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <map>
#include <nghttp2/nghttp2.h>
#include <sys/resource.h>
#include <thread>

using namespace slipway::buildkit;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Message `index` of `size` bytes: a pattern that shows a lost, repeated or shifted byte.
std::string payload(int index, std::size_t size) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        bytes[i] = static_cast<char>((index * 131 + i * 7) & 0xff);
    return bytes;
}

std::string framed(const std::string& message) {
    std::string frame;
    appendGrpcFrame(frame, message);
    return frame;
}

long peakResidentKiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// The engine's side: an HTTP/2 client that opens calls and collects what comes back.
class Client {
public:
    struct Call {
        std::vector<std::string> messages;
        std::size_t messageCount = 0;
        std::size_t bytes = 0;
        QByteArray grpcStatus;
        bool closed = false;
        bool keepMessages = true;
        std::function<void(const std::string&)> check; // each message, when not kept
        GrpcDeframer deframer{std::uint32_t(64) << 20};
    };

    explicit Client(QLocalSocket* socket) : m_socket(socket) {
        nghttp2_session_callbacks* callbacks = nullptr;
        nghttp2_session_callbacks_new(&callbacks);
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &Client::onData);
        nghttp2_session_callbacks_set_on_header_callback(callbacks, &Client::onHeader);
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &Client::onClose);
        nghttp2_session_client_new(&m_session, callbacks, this);
        nghttp2_session_callbacks_del(callbacks);
        nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, nullptr, 0);
        QObject::connect(socket, &QLocalSocket::readyRead, socket, [this] {
            const QByteArray bytes = m_socket->readAll();
            nghttp2_session_mem_recv(m_session, reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                     static_cast<std::size_t>(bytes.size()));
            flush();
        });
    }
    ~Client() { nghttp2_session_del(m_session); }

    std::int32_t open(const char* path) {
        const auto nv = [](const char* name, const char* value) {
            return nghttp2_nv{reinterpret_cast<std::uint8_t*>(const_cast<char*>(name)),
                              reinterpret_cast<std::uint8_t*>(const_cast<char*>(value)), std::strlen(name),
                              std::strlen(value), NGHTTP2_NV_FLAG_NONE};
        };
        const nghttp2_nv headers[] = {nv(":method", "POST"), nv(":scheme", "http"), nv(":path", path),
                                      nv(":authority", "session"), nv("content-type", "application/grpc")};
        const std::int32_t id =
            nghttp2_submit_request(m_session, nullptr, headers, std::size(headers), nullptr, this);
        m_calls[id] = std::make_unique<Call>();
        flush();
        return id;
    }

    void reset(std::int32_t id) {
        nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, id, NGHTTP2_CANCEL);
        flush();
    }

    Call& call(std::int32_t id) { return *m_calls.at(id); }

private:
    void flush() {
        const std::uint8_t* data = nullptr;
        ssize_t length = 0;
        while ((length = nghttp2_session_mem_send(m_session, &data)) > 0)
            m_socket->write(reinterpret_cast<const char*>(data), length);
    }

    static Client& self(void* user) { return *static_cast<Client*>(user); }

    static int onData(nghttp2_session*, std::uint8_t, std::int32_t id, const std::uint8_t* data,
                      std::size_t length, void* user) {
        Call& call = self(user).call(id);
        std::vector<std::string> messages;
        if (call.deframer.feed(std::string_view(reinterpret_cast<const char*>(data), length), messages) !=
            GrpcDeframer::Status::Ok)
            return NGHTTP2_ERR_CALLBACK_FAILURE;
        for (std::string& message : messages) {
            call.bytes += message.size();
            ++call.messageCount;
            if (call.check)
                call.check(message);
            if (call.keepMessages)
                call.messages.push_back(std::move(message));
        }
        return 0;
    }

    static int onHeader(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name,
                        std::size_t nameLength, const std::uint8_t* value, std::size_t valueLength,
                        std::uint8_t, void* user) {
        if (std::string_view(reinterpret_cast<const char*>(name), nameLength) == "grpc-status")
            self(user).call(frame->hd.stream_id).grpcStatus =
                QByteArray(reinterpret_cast<const char*>(value), qsizetype(valueLength));
        return 0;
    }

    static int onClose(nghttp2_session*, std::int32_t id, std::uint32_t, void* user) {
        self(user).call(id).closed = true;
        return 0;
    }

    QLocalSocket* m_socket;
    nghttp2_session* m_session = nullptr;
    std::map<std::int32_t, std::unique_ptr<Call>> m_calls;
};

} // namespace

class TestH2GrpcServer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_folder.isValid());
        m_listener = std::make_unique<QLocalServer>();
        QVERIFY(m_listener->listen(m_folder.filePath(QStringLiteral("session.sock"))));
        m_clientSocket = std::make_unique<QLocalSocket>();
        m_clientSocket->connectToServer(m_listener->fullServerName());
        QVERIFY(m_clientSocket->waitForConnected(5000));
        QVERIFY(m_listener->waitForNewConnection(5000));
        m_serverSocket = m_listener->nextPendingConnection();
        QVERIFY(m_serverSocket);
    }

    void cleanup() {
        if (m_server)
            m_server->shutdown();
        for (std::thread& sender : m_senders)
            sender.join();
        m_senders.clear();
        m_server.reset();
        m_client.reset();
        m_clientSocket.reset();
        m_listener.reset();
    }

    void messagesOfEverySizeArriveWholeInOrderWithTheirStatus() {
        // Around the 16 KiB DATA frame, the client's 64 KiB window and the 4 MiB queue limit.
        const std::vector<std::size_t> sizes = {0,     1,         5,       16379,   16384,  16385,
                                                65535, 65536 + 3, 1 << 20, 5 << 20, 100000, 7};
        start(QHash<QString, H2GrpcServer::Method>{
            {QStringLiteral("/test.Files/Send"),
             {true, [this, sizes](std::shared_ptr<GrpcCall> call) {
                  m_senders.emplace_back([call, sizes] {
                      for (int round = 0; round < 3; ++round) {
                          std::string batch; // several messages in one send, and one per send
                          for (std::size_t i = 0; i < sizes.size(); ++i) {
                              const int index = round * int(sizes.size()) + int(i);
                              batch += framed(payload(index, sizes[i]));
                              if (round != 1 && !call->send(std::exchange(batch, {})))
                                  return;
                          }
                          if (!batch.empty() && !call->send(std::move(batch)))
                              return;
                      }
                      call->finish(0);
                  });
              }}}});
        const std::int32_t id = m_client->open("/test.Files/Send");
        Client::Call& call = m_client->call(id);
        QTRY_VERIFY_WITH_TIMEOUT(call.closed, 30000);
        QCOMPARE(call.grpcStatus, QByteArray("0"));
        QCOMPARE(call.messages.size(), 3 * sizes.size());
        for (std::size_t i = 0; i < call.messages.size(); ++i)
            QVERIFY2(call.messages[i] == payload(int(i), sizes[i % sizes.size()]),
                     qPrintable(QStringLiteral("message %1 differs").arg(i)));
        QVERIFY(call.deframer.atBoundary());
    }

    void anUnknownMethodIsUnimplemented() {
        start({});
        const std::int32_t id = m_client->open("/test.Nothing/Here");
        QTRY_VERIFY_WITH_TIMEOUT(m_client->call(id).closed, 10000);
        QCOMPARE(m_client->call(id).grpcStatus, QByteArray("12"));
    }

    void aStreamTheClientResetsStopsItsSender() {
        const auto senderStopped = std::make_shared<std::atomic_bool>(false);
        start(QHash<QString, H2GrpcServer::Method>{
            {QStringLiteral("/test.Files/Endless"),
             {true, [this, senderStopped](std::shared_ptr<GrpcCall> call) {
                  m_senders.emplace_back([call, senderStopped] {
                      const std::string message = framed(payload(1, 32 * 1024));
                      while (call->send(message)) {
                      }
                      *senderStopped = true;
                  });
              }}}});
        const std::int32_t id = m_client->open("/test.Files/Endless");
        QTRY_VERIFY_WITH_TIMEOUT(m_client->call(id).messageCount > 100, 10000);
        m_client->reset(id);
        QTRY_VERIFY_WITH_TIMEOUT(senderStopped->load(), 10000);
    }

    // 384 MiB through one call, the size of a big build context. The sender is always ahead of the
    // connection, so the queue is never empty when it adds; what was written must still be freed.
    void aLongStreamIsSentInBoundedMemory() {
        constexpr int kMessages = 6144;
        constexpr std::size_t kMessageBytes = 64 * 1024;
        start(QHash<QString, H2GrpcServer::Method>{
            {QStringLiteral("/test.Files/Big"), {true, [this](std::shared_ptr<GrpcCall> call) {
                                                     m_senders.emplace_back([call] {
                                                         std::string message =
                                                             framed(std::string(kMessageBytes, 'x'));
                                                         for (int i = 0; i < kMessages; ++i) {
                                                             message[kGrpcPrefixBytes] =
                                                                 static_cast<char>(i & 0xff); // numbered
                                                             if (!call->send(message))
                                                                 return;
                                                         }
                                                         call->finish(0);
                                                     });
                                                 }}}});
        const long before = peakResidentKiB();
        const std::int32_t id = m_client->open("/test.Files/Big");
        Client::Call& call = m_client->call(id);
        call.keepMessages = false;
        bool inOrder = true;
        call.check = [&call, &inOrder](const std::string& message) {
            inOrder = inOrder && message.size() == kMessageBytes &&
                      message[0] == static_cast<char>((call.messageCount - 1) & 0xff);
        };
        QTRY_VERIFY_WITH_TIMEOUT(call.closed, 120000);
        QCOMPARE(call.grpcStatus, QByteArray("0"));
        QCOMPARE(call.messageCount, std::size_t(kMessages));
        QVERIFY(inOrder);
        const long grownMiB = (peakResidentKiB() - before) / 1024;
        qInfo("peak resident memory grew by %ld MiB while 384 MiB went through", grownMiB);
        if (kSanitized)
            QSKIP("AddressSanitizer's quarantine holds freed memory: the bound is checked without it");
        QVERIFY2(grownMiB < 64, qPrintable(QStringLiteral("grew by %1 MiB").arg(grownMiB)));
    }

private:
    void start(QHash<QString, H2GrpcServer::Method> methods) {
        m_server = std::make_unique<H2GrpcServer>(m_serverSocket, std::move(methods));
        m_client = std::make_unique<Client>(m_clientSocket.get());
        m_server->start({});
    }

    QTemporaryDir m_folder;
    std::unique_ptr<QLocalServer> m_listener;
    std::unique_ptr<QLocalSocket> m_clientSocket;
    QLocalSocket* m_serverSocket = nullptr; // owned by m_listener
    std::unique_ptr<H2GrpcServer> m_server;
    std::unique_ptr<Client> m_client;
    std::vector<std::thread> m_senders;
};

QTEST_GUILESS_MAIN(TestH2GrpcServer)
#include "tst_h2grpcserver.moc"
