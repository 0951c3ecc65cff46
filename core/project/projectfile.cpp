#include "project/projectfile.h"

namespace slipway::project {

QString SpecEntry::displayName() const {
    if (!variable.isEmpty())
        return variable;
    const spec::PyValue name = spec.value(spec::Field::Name);
    return name.isStr() ? name.str() : name.repr();
}

void ProblemCount::add(const spec::Diagnostics& diagnostics) {
    for (const spec::Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.isError())
            ++errors;
        else
            ++warnings;
    }
}

ProblemCount& ProblemCount::operator+=(const ProblemCount& other) {
    errors += other.errors;
    warnings += other.warnings;
    return *this;
}

ProblemCount countProblems(const ProjectFile& file) {
    ProblemCount count;
    count.add(file.diagnostics);
    for (const SpecEntry& entry : file.specs)
        count.add(entry.diagnostics);
    return count;
}

} // namespace slipway::project
