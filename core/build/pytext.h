#pragma once

#include "spec/pyvalue.h"

#include <QHash>
#include <QString>
#include <QStringList>

// Python's text operations that flytekit's default builder applies while writing a Dockerfile.
// Reproducing them exactly is what makes our Dockerfile byte-identical to flytekit's.
namespace slipway::build {

// `string.Template(text).substitute(values)`: `$$` is a literal `$`, `$name` and `${name}` are replaced
// in one pass (substituted text is never rescanned). Every placeholder must have a value.
QString substitutePyTemplate(QStringView text, const QHash<QString, QString>& values);

// Python `str(value)`: the text of a str, repr() of anything else (a YAML float 3.1 prints "3.1").
QString pyStr(const spec::PyValue& value);

// `str.strip()`: removes leading and trailing characters for which Python's `str.isspace()` holds.
QString pyStrip(QStringView text);

// `json.dumps(list_of_str)` with the defaults: ", " separators, non-ASCII as \uXXXX escapes.
QString pyJsonDumps(const QStringList& items);

} // namespace slipway::build
