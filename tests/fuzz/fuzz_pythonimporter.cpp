// libFuzzer harness: the Python importer reads untrusted project files, so any input must give a
// result (specs and diagnostics) without crashing, hanging or leaking.
#include "spec/pythonimporter.h"

#include <QByteArray>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray source = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const slipway::spec::PythonImportResult result =
        slipway::spec::importSpecsFromPython(source, QStringLiteral("fuzz.py"));
    // Rendering touches every value and diagnostic, as the CLI and GUI do.
    qsizetype length = 0;
    for (const auto& imported : result.specs) {
        for (const auto& info : slipway::spec::fieldInfos()) {
            if (const auto& argument = imported.spec.argument(info.field))
                length += argument->repr().size();
        }
    }
    for (const auto& diagnostic : result.diagnostics)
        length += diagnostic.text().size();
    return length < 0 ? -1 : 0;
}
