#pragma once

#include "spec/diagnostic.h"
#include "spec/imagespec.h"
#include "spec/pyvalue.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace slipway::spec {

// One `key: value` of a YAML document's top-level mapping, typed as PyYAML's safe_load types it.
struct YamlEntry {
    std::optional<PyValue> key; // absent when the key could not be read
    QString keySource;          // the key as yaml-cpp read it (without quotes), for messages
    SourcePosition keyPosition;
    std::optional<PyValue> value; // absent when some part of the value could not be read
    SourcePosition valuePosition;
    bool valueIsPlainScalar = false; // unquoted and untagged, so YAML chose its type
    QString valueSource;             // the scalar's text when valueIsPlainScalar
    Diagnostics diagnostics;         // errors inside this entry, with file and position, no field
};

// A YAML file as flytekit's `yaml.safe_load` sees it: YAML 1.1 scalar types, one document, with the
// position of every top-level key. Parsed with yaml-cpp's event API; never throws.
//
// Stricter than PyYAML where PyYAML silently picks one reading: duplicate keys are errors (PyYAML
// keeps the last), and so are characters PyYAML treats as line breaks but yaml-cpp does not
// (U+0085, U+2028, U+2029). Values with no ImageSpec meaning (dates, binary, sets, merge keys, ints
// beyond 64 bits) are errors. Nesting deeper than kYamlMaxDepth and aliases that expand to more than
// kYamlMaxValues values are refused before they can exhaust the stack or memory.
struct YamlDocument {
    enum class Root { Nothing, Mapping, Other };
    Root root = Root::Nothing; // Nothing: empty file, only comments, or a syntax error
    QString rootTypeName;      // the Python type of a non-mapping root: "list", "str", "int", ...
    SourcePosition rootPosition;
    QList<YamlEntry> entries; // the top-level mapping in file order, duplicate keys included
    Diagnostics diagnostics;  // encoding and syntax errors, problems outside every entry
};

inline constexpr int kYamlMaxDepth = 64;
inline constexpr qint64 kYamlMaxValues = 100000;
inline constexpr qsizetype kYamlMaxBytes = 1024 * 1024;

YamlDocument readYamlDocument(const QByteArray& text, const QString& fileName);

} // namespace slipway::spec
