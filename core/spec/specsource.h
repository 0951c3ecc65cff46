#pragma once

#include "common/error.h"
#include "spec/diagnostic.h"
#include "spec/imagespec.h"

#include <QString>
#include <optional>

namespace slipway::spec {

// A spec named on a command line: `spec.yaml`, `workflows/wf.py` or `workflows/wf.py:variable`.
struct LoadedSpec {
    std::optional<ImageSpec> spec; // absent when nothing usable was read
    Diagnostics diagnostics;       // loading problems (syntax, unknown keys, non-literal arguments)
    QString displayName;           // "spec.yaml" or "wf.py:image_spec"
};

// Loads a YAML spec, or an ImageSpec of a .py file (the named variable, or the only spec of the file).
// A .py with several specs and no variable, or a variable that is not there, is an error listing the
// names that are.
LoadedSpec loadSpecArgument(const QString& argument);

} // namespace slipway::spec
