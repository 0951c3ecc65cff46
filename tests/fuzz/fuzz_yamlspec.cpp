// libFuzzer harness for the ImageSpec YAML reader and writer. Every input must come back as a
// SpecLoadResult, never as a crash, a hang or a sanitizer report. An input that loads without
// errors must survive save -> load unchanged, and saving the reloaded spec gives the same text.

#include "spec/field.h"
#include "spec/yamlspec.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace slipway;
using namespace slipway::spec;

namespace {

[[noreturn]] void invariantBroken(const char* what, const QByteArray& yaml) {
    std::fprintf(stderr, "yamlspec invariant broken: %s\n--- YAML ---\n%s\n--- end ---\n", what,
                 yaml.constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const SpecLoadResult loaded = loadSpecYaml(input, QStringLiteral("fuzz.yaml"));
    for (const Diagnostic& diagnostic : loaded.diagnostics)
        (void)diagnostic.text();
    if (!loaded.spec || hasErrors(loaded.diagnostics))
        return 0;
    for (const FieldInfo& info : fieldInfos()) {
        if (const auto& argument = loaded.spec->argument(info.field))
            (void)argument->repr();
    }

    const Result<QByteArray> saved = saveSpecYaml(*loaded.spec);
    if (!saved)
        invariantBroken("a spec read from YAML cannot be written back", saved.error().describe().toUtf8());
    const SpecLoadResult reloaded = loadSpecYaml(*saved, QStringLiteral("saved.yaml"));
    if (!reloaded.spec || hasErrors(reloaded.diagnostics))
        invariantBroken("the written YAML does not load", *saved);
    if (!(*reloaded.spec == *loaded.spec))
        invariantBroken("the written YAML loads as a different spec", *saved);
    const Result<QByteArray> savedAgain = saveSpecYaml(*reloaded.spec);
    if (!savedAgain || *savedAgain != *saved)
        invariantBroken("writing the reloaded spec gives different text", *saved);
    return 0;
}
