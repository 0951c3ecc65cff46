#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace google::protobuf {
class MessageLite;
}

namespace slipway::buildkit {

// gRPC's message framing on an HTTP/2 stream (grpc/PROTOCOL-HTTP2.md, "Length-Prefixed-Message"):
// one byte compressed-flag, a 4-byte big-endian length, then the serialized message. The session
// never negotiates compression (no grpc-encoding), so a compressed message is a protocol error.
constexpr std::size_t kGrpcPrefixBytes = 5;

// Appends `message` framed to `out`: many small messages (fsutil's STAT packets) go out in one
// buffer instead of one write each.
void appendGrpcFrame(std::string& out, const google::protobuf::MessageLite& message);
// The same for a message already serialized.
void appendGrpcFrame(std::string& out, std::string_view message);

// Splits a stream's DATA bytes, arriving in any pieces, into whole messages.
class GrpcDeframer {
public:
    enum class Status { Ok, Compressed, TooLarge };

    explicit GrpcDeframer(std::uint32_t maxMessageBytes = 4 * 1024 * 1024) : m_max(maxMessageBytes) {}

    // Appends every message completed by `data` to `messages`. After an error the stream is unusable.
    Status feed(std::string_view data, std::vector<std::string>& messages);
    // True between messages: the stream may end here without cutting a message short.
    bool atBoundary() const { return m_pending.empty(); }

private:
    std::uint32_t m_max;
    std::string m_pending; // an incomplete prefix or message
};

} // namespace slipway::buildkit
