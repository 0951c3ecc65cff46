#pragma once

#include "spec/pyvalue.h"

#include <QString>
#include <QStringView>
#include <optional>

namespace slipway::spec {

// One string token decoded as CPython's parser would, without evaluating anything.
struct PyStringLiteral {
    QString value;          // the text (escapes resolved, "{{" -> "{" in f-strings); partial on problems
    bool bytes = false;     // b"..." (ImageSpec never takes bytes)
    bool hasFields = false; // an f-string with replacement fields: its value needs Python
    QString problem;        // why the value cannot be read, e.g. an unsupported \N{...} escape
};

PyStringLiteral decodeStringLiteral(QStringView token);

// A number token as a Python int (64 bits) or float. On failure `value` is empty and `problem` says why.
struct PyNumberLiteral {
    std::optional<PyValue> value;
    QString problem;
};

PyNumberLiteral decodeNumberLiteral(QStringView token);

} // namespace slipway::spec
