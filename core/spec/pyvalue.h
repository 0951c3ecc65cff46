#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>
#include <utility>
#include <variant>

namespace slipway::spec {

class ImageSpec;

// flytekit.constants.CopyFileDetection; the numbers are the enum's values and appear in hashes.
enum class CopyMode { LoadedModules = 1, All = 2, NoCopy = 3 };

// A Python value as flytekit sees it after the YAML loader or the Python importer produced it.
// ImageSpec fields keep these dynamic values (not C++ types) because flytekit hashes whatever it was
// given: a YAML `python_version: 3.10` is the float 3.1, a string "ALL" is not the enum ALL, and a
// bare string where a list belongs is a validation error that must still be shown to the user.
class PyValue {
public:
    enum class Kind { None, Bool, Int, Float, Str, List, Tuple, Dict, CopyMode, Spec };
    using List = QList<PyValue>;
    using Dict = QList<std::pair<PyValue, PyValue>>; // insertion-ordered, as Python dicts are

    PyValue() = default;
    PyValue(QString text); // NOLINT(google-explicit-constructor): strings are the common case
    PyValue(const char* text);
    static PyValue boolean(bool value);
    static PyValue integer(qint64 value);
    static PyValue floating(double value);
    static PyValue list(List items);
    static PyValue tuple(List items);
    static PyValue dict(Dict items);
    static PyValue stringList(const QStringList& items);
    static PyValue copyMode(CopyMode mode);
    static PyValue spec(std::shared_ptr<const ImageSpec> nested);

    Kind kind() const;
    bool isNone() const { return kind() == Kind::None; }
    bool isStr() const { return kind() == Kind::Str; }
    bool isList() const { return kind() == Kind::List; }
    bool isDict() const { return kind() == Kind::Dict; }

    QString str() const;           // the string; empty when not a string
    bool boolean() const;          // the bool; false when not a bool
    qint64 integer() const;        // the int; 0 when not an int
    double floating() const;       // the float; 0 when not a float
    const List& items() const;     // list or tuple items; empty otherwise
    const Dict& entries() const;   // dict entries; empty otherwise
    CopyMode copyMode() const;     // the enum; NoCopy when not an enum
    const ImageSpec* spec() const; // nested ImageSpec or nullptr
    std::shared_ptr<const ImageSpec> sharedSpec() const;

    // True for a list whose items are all strings (flytekit's `_is_list_of_strings`).
    bool isStringList() const;
    QStringList toStringList() const; // string items only
    // Dict lookup by string key; nullptr when absent.
    const PyValue* find(const QString& key) const;

    // Python truthiness: None, False, 0, 0.0, "", [], (), {} are false.
    bool truthy() const;

    // Python `repr()`, byte-for-byte as CPython 3.11 renders it (what flytekit hashes).
    // A nested ImageSpec renders as the dict flytekit's `id` uses.
    QString repr() const;

    // A short name of the Python type for messages: "str", "list", "float", ...
    QString typeName() const;

    friend bool operator==(const PyValue& a, const PyValue& b);

private:
    struct Tuple {
        List items;
        friend bool operator==(const Tuple& a, const Tuple& b) { return a.items == b.items; }
    };
    using Storage = std::variant<std::monostate, bool, qint64, double, QString, List, Tuple, Dict, CopyMode,
                                 std::shared_ptr<const ImageSpec>>;
    explicit PyValue(Storage storage) : m_value(std::move(storage)) {}
    Storage m_value;
};

// Python repr of a str (quote choice and escapes as CPython's unicode_repr).
QString pyReprString(const QString& text);
// \xhh, \uhhhh or \Uhhhhhhhh: the escape Python's repr and YAML's double-quoted style share.
QString pyHexEscape(char32_t codePoint);
// Python repr of a float (shortest round-trip digits, CPython's float_repr_style 'short').
QString pyReprFloat(double value);

} // namespace slipway::spec
