// libFuzzer harness for image reference parsing (attacker-controlled: pod specs, project files, CLI
// arguments). Never a crash; a reference that parses prints to a text that parses to the same reference.

#include "registry/imagereference.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace slipway::registry;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString input = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto reference = ImageReference::parse(input);
    if (!reference) {
        if (reference.error().message.isEmpty() || reference.error().fix.isEmpty())
            std::abort(); // every refusal says why and what to write instead
        return 0;
    }
    const auto again = ImageReference::parse(reference->toString());
    if (!again || !(*again == *reference)) {
        std::fprintf(stderr, "reference does not round-trip: %s -> %s\n", qPrintable(input),
                     qPrintable(reference->toString()));
        std::abort();
    }
    if (reference->repository.isEmpty() || reference->manifestReference().isEmpty() ||
        reference->apiHost().isEmpty())
        std::abort();
    return 0;
}
