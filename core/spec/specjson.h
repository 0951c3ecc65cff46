#pragma once

#include "spec/diagnostic.h"
#include "spec/pyvalue.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace slipway::spec {

// JSON for machine-readable output (`--json`). Strings, numbers, booleans, null, lists and tuples map
// to their JSON kinds; dict keys that are not strings use their Python repr; the copy-mode enum is
// its name ("ALL"); a nested ImageSpec is an object of its arguments.
QJsonValue pyValueToJson(const PyValue& value);
QJsonObject specArgumentsToJson(const ImageSpec& spec);
QJsonObject diagnosticToJson(const Diagnostic& diagnostic);
QJsonArray diagnosticsToJson(const Diagnostics& diagnostics);

// "ALL", "LOADED_MODULES", "NO_COPY"
QString copyModeName(CopyMode mode);

} // namespace slipway::spec
