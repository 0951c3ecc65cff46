// libFuzzer harness for manifest parsing (registries' JSON). The first line is the Content-Type, the
// rest the body. Never a crash; attestation entries never count as images; platforms re-parse to
// themselves (normalisation is idempotent).

#include "registry/manifest.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace slipway::registry;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QString contentType = QString::fromUtf8(newline < 0 ? QByteArray() : input.left(newline));
    const auto manifest = Manifest::parse(newline < 0 ? input : input.mid(newline + 1), contentType);
    if (!manifest)
        return 0;
    for (const Descriptor& entry : manifest->imageEntries()) {
        if (entry.isAttestation())
            std::abort();
        if (!entry.platform)
            continue;
        const Platform& platform = *entry.platform;
        const QString text = platform.toString();
        // Idempotence is promised for well-formed names only: control characters and spaces are data
        // a registry may send, not names anyone can write back (parse trims its input).
        const bool wellFormed =
            std::ranges::all_of(text, [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f; });
        if (!wellFormed || platform.os.isEmpty() || platform.architecture.isEmpty() ||
            text.count(QLatin1Char('/')) > 2 || platform.os.contains(QLatin1Char('/')) ||
            platform.architecture.contains(QLatin1Char('/')))
            continue;
        const auto again = Platform::parse(text);
        if (!again || !(*again == platform))
            std::abort();
    }
    (void)sha256Digest(input);
    return 0;
}
