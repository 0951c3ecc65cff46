#include "buildkit/grpcframing.h"

#include <google/protobuf/message_lite.h>

namespace slipway::buildkit {

namespace {

// Grows `out` by a prefix for `size` bytes and the bytes themselves; returns where they go.
char* appendPrefix(std::string& out, std::size_t size) {
    const std::size_t start = out.size();
    out.resize(start + kGrpcPrefixBytes + size);
    char* prefix = out.data() + start;
    prefix[0] = 0; // not compressed
    prefix[1] = static_cast<char>((size >> 24) & 0xff);
    prefix[2] = static_cast<char>((size >> 16) & 0xff);
    prefix[3] = static_cast<char>((size >> 8) & 0xff);
    prefix[4] = static_cast<char>(size & 0xff);
    return prefix + kGrpcPrefixBytes;
}

} // namespace

void appendGrpcFrame(std::string& out, const google::protobuf::MessageLite& message) {
    char* body = appendPrefix(out, message.ByteSizeLong());
    message.SerializeWithCachedSizesToArray(reinterpret_cast<std::uint8_t*>(body));
}

void appendGrpcFrame(std::string& out, std::string_view message) {
    message.copy(appendPrefix(out, message.size()), message.size());
}

GrpcDeframer::Status GrpcDeframer::feed(std::string_view data, std::vector<std::string>& messages) {
    m_pending.append(data);
    std::size_t offset = 0;
    while (m_pending.size() - offset >= kGrpcPrefixBytes) {
        const auto* prefix = reinterpret_cast<const unsigned char*>(m_pending.data() + offset);
        if (prefix[0] != 0)
            return Status::Compressed;
        const std::uint32_t length = (std::uint32_t(prefix[1]) << 24) | (std::uint32_t(prefix[2]) << 16) |
                                     (std::uint32_t(prefix[3]) << 8) | std::uint32_t(prefix[4]);
        if (length > m_max)
            return Status::TooLarge;
        if (m_pending.size() - offset - kGrpcPrefixBytes < length)
            break;
        messages.emplace_back(m_pending, offset + kGrpcPrefixBytes, length);
        offset += kGrpcPrefixBytes + length;
    }
    m_pending.erase(0, offset);
    return Status::Ok;
}

} // namespace slipway::buildkit
