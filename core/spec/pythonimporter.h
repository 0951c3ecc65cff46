#pragma once

#include "spec/diagnostic.h"
#include "spec/imagespec.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace slipway::spec {

struct ImportedSpec {
    QString variable;     // module-level name bound to the spec; "line<N>" for an unnamed call
    ImageSpec spec;       // origin carries file, variable and positions
    bool complete = true; // false when an argument could not be read statically
};

struct PythonImportResult {
    QList<ImportedSpec> specs;
    Diagnostics diagnostics; // what could not be read statically: line, argument, why
};

// Finds `ImageSpec(...)` calls (also `flytekit.ImageSpec`, `union.ImageSpec`, aliases) in Python
// source without running it, reading literal keyword arguments, names bound to literals, another
// ImageSpec of the same file as `base_image`, and `.with_packages(...)`-style calls.
PythonImportResult importSpecsFromPython(const QByteArray& source, const QString& fileName);
PythonImportResult importSpecsFromPythonFile(const QString& path);

} // namespace slipway::spec
