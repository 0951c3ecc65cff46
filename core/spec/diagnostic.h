#pragma once

#include "spec/field.h"
#include "spec/imagespec.h"

#include <QList>
#include <QString>
#include <optional>

namespace slipway::spec {

// One validation or loading finding: which field, what is wrong with which value, and the fix.
struct Diagnostic {
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    std::optional<Field> field;
    QString message; // names the field and the bad value
    QString fix;     // what to write instead; may be empty when there is nothing to suggest
    QString file;
    SourcePosition position;

    bool isError() const { return severity == Severity::Error; }
    // "file:line:column: error: message -> fix"
    QString text() const;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics& diagnostics);

Diagnostic makeError(std::optional<Field> field, QString message, QString fix = {});
Diagnostic makeWarning(std::optional<Field> field, QString message, QString fix = {});

} // namespace slipway::spec
