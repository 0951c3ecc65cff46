#pragma once

#include "spec/diagnostic.h"
#include "spec/imagespec.h"

#include <QList>
#include <QString>

namespace slipway::project {

enum class SpecSource { Yaml, Python };

// One ImageSpec found in a project file, with everything known about it without reading other files.
struct SpecEntry {
    QString variable; // Python variable bound to the spec; empty for a YAML spec
    spec::ImageSpec spec;
    bool complete = true;          // false when an argument could not be read statically
    spec::Diagnostics diagnostics; // loading and validation; `file` relative to the project
    // Why flytekit would compute no image reference for this spec (it fails to load or construct it,
    // or an argument is only known when the Python runs); empty when it would.
    QString noReferenceReason;

    // What a person calls this spec: the Python variable, else the `name` argument.
    QString displayName() const;
};

// A file that holds ImageSpecs, or one that is meant to but could not be read.
struct ProjectFile {
    QString path; // relative to the project folder, '/'-separated
    SpecSource source = SpecSource::Yaml;
    QList<SpecEntry> specs;
    spec::Diagnostics diagnostics; // about the file as a whole: syntax, arguments the importer could not read
};

// Error and warning counts over a set of diagnostics.
struct ProblemCount {
    int errors = 0;
    int warnings = 0;

    void add(const spec::Diagnostics& diagnostics);
    ProblemCount& operator+=(const ProblemCount& other);
    int total() const { return errors + warnings; }
};

// The file's own diagnostics plus those of every spec in it.
ProblemCount countProblems(const ProjectFile& file);

} // namespace slipway::project
