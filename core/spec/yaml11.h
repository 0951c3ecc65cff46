#pragma once

#include <QString>
#include <optional>
#include <string_view>

// YAML 1.1 scalars exactly as PyYAML's SafeLoader reads them (flytekit loads ImageSpec YAML with
// `yaml.safe_load`), and the inverse: how to write a value so that SafeLoader reads it back unchanged.
// yaml-cpp parses the structure but leaves scalar typing to the caller, and its YAML 1.2 notion of
// `3.10` or `yes` is not what flytekit gets.
namespace slipway::spec::yaml11 {

// What SafeLoader makes of a scalar. Timestamp, Merge (`<<`) and Value (`=`) have no ImageSpec meaning.
enum class ScalarType { Str, Null, Bool, Int, Float, Timestamp, Merge, Value };

// PyYAML's implicit resolvers for a plain (unquoted, untagged) scalar, tried in PyYAML's order:
// `3.10` is a Float, `yes` a Bool, `0o17` and `1e5` are Str (YAML 1.1 has no `0o` and needs a dot
// and a signed exponent in floats), `017` an octal Int, `1:30` a base-60 Int.
ScalarType resolvePlain(std::string_view text);

// The scalar type a standard explicit tag asks for (`!!int 7` -> "tag:yaml.org,2002:int").
// nullopt for every other tag (binary, set, omap, custom `!foo`, python/...).
std::optional<ScalarType> scalarTypeOfTag(std::string_view tag);
// The YAML short form of a tag for messages: "!!binary", "!foo".
QString shortTagName(std::string_view tag);

// UTF-8 to QString keeping a leading U+FEFF, which QString::fromUtf8 drops as a byte order mark
// although inside a YAML value it is text.
QString textFromUtf8(std::string_view utf8);

// User text cut to 60 characters for a message, so that a runaway value does not flood it.
QString excerpt(const QString& text);

// True when `text` can be written as a plain scalar that SafeLoader and yaml-cpp both read back as
// this very string: not something that resolves to another type ("3.10", "yes", "null", "1_000"),
// no leading indicator, no `: ` or ` #`, no leading or trailing space, only printable characters.
// Strings that YAML 1.2 readers take for numbers (`0o17`, `1e5`, `08`) are quoted as well.
bool isPlainSafe(const QString& text);
// A double-quoted scalar with every character outside plain printable text escaped.
QString doubleQuoted(const QString& text);
// Plain when isPlainSafe, else double-quoted.
QString scalar(const QString& text);
// A float literal SafeLoader reads back as exactly `value`: Python's repr with a dot before any
// exponent (`1e-05` -> `1.0e-05`, which YAML 1.1 needs), `.inf`, `-.inf`, `.nan`.
QString floatLiteral(double value);

} // namespace slipway::spec::yaml11
