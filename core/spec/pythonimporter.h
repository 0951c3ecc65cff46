#pragma once

#include "spec/diagnostic.h"
#include "spec/imagespec.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace slipway::spec {

struct ImportedSpec {
    QString variable;     // name the spec is assigned to; "line<N>" for an unnamed call on line N
    ImageSpec spec;       // origin carries file, variable and positions
    bool complete = true; // false when an argument (of this spec or of its base spec) could not be
                          // read statically, so the spec, and its tag, may differ from Python's
};

struct PythonImportResult {
    QList<ImportedSpec> specs; // in the order Python completes them: a base before the specs on it
    Diagnostics diagnostics;   // what could not be read statically: line, argument, why
};

// Finds `ImageSpec(...)` calls (also `flytekit.ImageSpec`, `union.ImageSpec`, aliases) in Python
// source without running it, reading literal keyword arguments, names bound to literals, another
// ImageSpec of the same file as `base_image`, and `.with_packages(...)`-style calls.
//
// Positions are 1-based; columns count UTF-16 code units (as QTextCursor does). SpecOrigin::position
// is the start of the call (or of the `.with_*()` chain), SpecOrigin::fields[f] the start of the
// argument that set f (its keyword, or the value of a positional argument); a diagnostic points at
// the value it is about. A syntax error gives no specs and one error; a file without any ImageSpec
// call gives no specs and one warning. The source is never executed.
PythonImportResult importSpecsFromPython(const QByteArray& source, const QString& fileName);
// Reads the file; `path` is used as given for SpecOrigin::file and the diagnostics.
PythonImportResult importSpecsFromPythonFile(const QString& path);

} // namespace slipway::spec
