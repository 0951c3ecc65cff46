#pragma once

#include "common/error.h"
#include "spec/diagnostic.h"
#include "spec/imagespec.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace slipway::spec {

struct SpecLoadResult {
    std::optional<ImageSpec> spec; // absent when the text is not a usable mapping
    Diagnostics diagnostics;       // with file:line:column
};

// flytekit's `--image spec.yaml` form: a flat mapping of ImageSpec keyword arguments, read with
// PyYAML's safe_load (YAML 1.1) semantics so the values (and the tag) are what flytekit would get:
// `3.10` is the float 3.1, `yes` is True, `017` is the int 15 (`0o17` stays text). Unknown keys are
// rejected with a "did you mean"; `source_copy_mode: ALL` (upper case, as flytekit's enum names)
// becomes the enum, with a warning that pyflyte itself gets the text 'ALL'. The spec is returned
// whenever the document is a mapping; entries with errors are left out of it.
SpecLoadResult loadSpecYaml(const QByteArray& text, const QString& fileName);
SpecLoadResult loadSpecYamlFile(const QString& path);

// Writes the given arguments in field order; strings that YAML would read as something else
// (versions such as "3.10", "yes", "null") are quoted. Fails for values YAML cannot carry for
// flytekit (a nested ImageSpec base, pip_secret_mounts tuples).
Result<QByteArray> saveSpecYaml(const ImageSpec& spec);
Result<void> writeSpecYamlFile(const ImageSpec& spec, const QString& path); // atomic (QSaveFile)

} // namespace slipway::spec
