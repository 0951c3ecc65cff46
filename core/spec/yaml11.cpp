#include "spec/yaml11.h"

#include "spec/pyvalue.h"

#include <QStringDecoder>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace slipway::spec::yaml11 {

namespace {

constexpr std::string_view kStandardTagPrefix = "tag:yaml.org,2002:";

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isDigitOrUnderscore(char c) {
    return isDigit(c) || c == '_';
}
bool isOctalOrUnderscore(char c) {
    return (c >= '0' && c <= '7') || c == '_';
}
bool isBinaryOrUnderscore(char c) {
    return c == '0' || c == '1' || c == '_';
}
bool isHexOrUnderscore(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '_';
}
bool isBlank(char c) {
    return c == ' ' || c == '\t';
}
bool isOneOf(char c, std::string_view set) {
    return set.find(c) != std::string_view::npos;
}

// A cursor for hand-written equivalents of PyYAML's resolver regexes. None of those patterns needs
// backtracking beyond what the helpers below do, and std::regex would recurse once per character.
class Scan {
public:
    explicit Scan(std::string_view text) : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(size_t ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0'; }
    bool eat(char c) {
        if (atEnd() || m_text[m_pos] != c)
            return false;
        ++m_pos;
        return true;
    }
    bool eatSign() { return eat('-') || eat('+'); }
    bool eatWord(std::string_view word) {
        if (m_text.substr(m_pos).substr(0, word.size()) != word)
            return false;
        m_pos += word.size();
        return true;
    }
    template <typename Predicate> bool eatOne(Predicate matches) {
        if (atEnd() || !matches(m_text[m_pos]))
            return false;
        ++m_pos;
        return true;
    }
    template <typename Predicate> size_t eatRun(Predicate matches) {
        const size_t start = m_pos;
        while (!atEnd() && matches(m_text[m_pos]))
            ++m_pos;
        return m_pos - start;
    }
    // `[0-9]{count}`
    bool eatDigits(size_t count) {
        for (size_t i = 0; i < count; ++i) {
            if (!eatOne(isDigit))
                return false;
        }
        return true;
    }
    // `[0-9][0-9]?`
    bool eatOneOrTwoDigits() {
        if (!eatOne(isDigit))
            return false;
        eatOne(isDigit);
        return true;
    }

private:
    std::string_view m_text;
    size_t m_pos = 0;
};

// `(?::[0-5]?[0-9])+`. Taking two digits whenever they fit is the only choice that can lead to a
// match, because a digit can never be what follows a group (`:`, `.` or the end).
bool eatBase60Groups(Scan& scan) {
    int groups = 0;
    while (scan.peek() == ':') {
        const char first = scan.peek(1);
        const char second = scan.peek(2);
        if (first >= '0' && first <= '5' && isDigit(second)) {
            scan.eat(':');
            scan.eat(first);
            scan.eat(second);
        } else if (isDigit(first)) {
            scan.eat(':');
            scan.eat(first);
        } else {
            return false;
        }
        ++groups;
    }
    return groups > 0;
}

// `(?:[eE][-+][0-9]+)?` followed by the end of the text.
bool eatOptionalExponentToEnd(Scan& scan) {
    if (scan.eat('e') || scan.eat('E')) {
        if (!scan.eatSign() || scan.eatRun(isDigit) == 0)
            return false;
    }
    return scan.atEnd();
}

bool isBoolWord(std::string_view text) {
    static constexpr std::string_view kWords[] = {"yes",  "Yes",  "YES",  "no",    "No",    "NO",
                                                  "true", "True", "TRUE", "false", "False", "FALSE",
                                                  "on",   "On",   "ON",   "off",   "Off",   "OFF"};
    for (std::string_view word : kWords) {
        if (text == word)
            return true;
    }
    return false;
}

bool isNullWord(std::string_view text) {
    return text == "~" || text == "null" || text == "Null" || text == "NULL";
}

bool matchesFloat(std::string_view text) {
    { // [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
        Scan scan(text);
        scan.eatSign();
        if (scan.eatOne(isDigit)) {
            scan.eatRun(isDigitOrUnderscore);
            if (scan.eat('.')) {
                scan.eatRun(isDigitOrUnderscore);
                if (eatOptionalExponentToEnd(scan))
                    return true;
            }
        }
    }
    { // \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
        Scan scan(text);
        if (scan.eat('.') && scan.eatOne(isDigit)) {
            scan.eatRun(isDigitOrUnderscore);
            if (eatOptionalExponentToEnd(scan))
                return true;
        }
    }
    { // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        Scan scan(text);
        scan.eatSign();
        if (scan.eatOne(isDigit)) {
            scan.eatRun(isDigitOrUnderscore);
            if (eatBase60Groups(scan) && scan.eat('.')) {
                scan.eatRun(isDigitOrUnderscore);
                if (scan.atEnd())
                    return true;
            }
        }
    }
    { // [-+]?\.(?:inf|Inf|INF)
        Scan scan(text);
        scan.eatSign();
        if (scan.eat('.') && (scan.eatWord("inf") || scan.eatWord("Inf") || scan.eatWord("INF")) &&
            scan.atEnd())
            return true;
    }
    // \.(?:nan|NaN|NAN)
    return text == ".nan" || text == ".NaN" || text == ".NAN";
}

bool matchesInt(std::string_view text) {
    const auto prefixed = [text](char marker, auto isDigitKind) {
        Scan scan(text);
        scan.eatSign();
        return scan.eat('0') && scan.eat(marker) && scan.eatRun(isDigitKind) > 0 && scan.atEnd();
    };
    if (prefixed('b', isBinaryOrUnderscore) || prefixed('x', isHexOrUnderscore))
        return true;
    { // [-+]?0[0-7_]+
        Scan scan(text);
        scan.eatSign();
        if (scan.eat('0') && scan.eatRun(isOctalOrUnderscore) > 0 && scan.atEnd())
            return true;
    }
    { // [-+]?(?:0|[1-9][0-9_]*)
        Scan scan(text);
        scan.eatSign();
        if (scan.eat('0') && scan.atEnd())
            return true;
    }
    // [-+]?[1-9][0-9_]* and [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    Scan scan(text);
    scan.eatSign();
    if (!scan.eatOne([](char c) { return c >= '1' && c <= '9'; }))
        return false;
    scan.eatRun(isDigitOrUnderscore);
    if (scan.atEnd())
        return true;
    return eatBase60Groups(scan) && scan.atEnd();
}

bool matchesTimestamp(std::string_view text) {
    { // [0-9]{4}-[0-9]{2}-[0-9]{2}
        Scan scan(text);
        if (scan.eatDigits(4) && scan.eat('-') && scan.eatDigits(2) && scan.eat('-') && scan.eatDigits(2) &&
            scan.atEnd())
            return true;
    }
    // [0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
    //   (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?
    Scan scan(text);
    if (!(scan.eatDigits(4) && scan.eat('-') && scan.eatOneOrTwoDigits() && scan.eat('-') &&
          scan.eatOneOrTwoDigits()))
        return false;
    if (!scan.eat('T') && !scan.eat('t') && scan.eatRun(isBlank) == 0)
        return false;
    if (!(scan.eatOneOrTwoDigits() && scan.eat(':') && scan.eatDigits(2) && scan.eat(':') &&
          scan.eatDigits(2)))
        return false;
    if (scan.eat('.'))
        scan.eatRun(isDigit);
    if (scan.atEnd())
        return true;
    scan.eatRun(isBlank);
    if (scan.eat('Z'))
        return scan.atEnd();
    if (!scan.eatSign() || !scan.eatOneOrTwoDigits())
        return false;
    if (scan.eat(':') && !scan.eatDigits(2))
        return false;
    return scan.atEnd();
}

// YAML 1.2's core schema (yaml-cpp's and most other tools' reading) types these as numbers although
// YAML 1.1 leaves some of them text (`0o17`, `1e5`, `08`). Quoting them keeps every reader agreeing.
bool isYaml12Number(std::string_view text) {
    { // [-+]?[0-9]+ and [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        Scan scan(text);
        scan.eatSign();
        const size_t integerDigits = scan.eatRun(isDigit);
        size_t fractionDigits = 0;
        const bool point = scan.eat('.');
        if (point)
            fractionDigits = scan.eatRun(isDigit);
        bool valid = integerDigits > 0 || (point && fractionDigits > 0);
        if (valid && (scan.eat('e') || scan.eat('E'))) {
            scan.eatSign();
            valid = scan.eatRun(isDigit) > 0;
        }
        if (valid && scan.atEnd())
            return true;
    }
    const auto prefixed = [text](char marker, auto isDigitKind) {
        Scan scan(text);
        return scan.eat('0') && scan.eat(marker) && scan.eatRun(isDigitKind) > 0 && scan.atEnd();
    };
    if (prefixed('o', [](char c) { return c >= '0' && c <= '7'; }) ||
        prefixed('x', [](char c) { return isHexOrUnderscore(c) && c != '_'; }))
        return true;
    Scan scan(text);
    scan.eatSign();
    return scan.eat('.') && (scan.eatWord("inf") || scan.eatWord("Inf") || scan.eatWord("INF")) &&
           scan.atEnd();
}

// ---- writing ----

bool isSurrogate(char32_t c) {
    return c >= 0xD800 && c <= 0xDFFF;
}

// Characters a plain scalar may hold: printable for PyYAML's reader, not a line break for either
// parser (PyYAML breaks lines at U+0085, U+2028 and U+2029), not a byte order mark or noncharacter.
bool isPlainCharacter(char32_t c) {
    if (c >= 0x20 && c <= 0x7E)
        return true;
    if (c < 0xA1)
        return false;
    if (c == 0x2028 || c == 0x2029 || c == 0xFEFF || isSurrogate(c))
        return false;
    if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF))
        return false;
    return c <= 0x10FFFF;
}

bool needsEscape(char32_t c) {
    return !(c >= 0x20 && c <= 0x7E) && !isPlainCharacter(c);
}

} // namespace

QString excerpt(const QString& text) {
    constexpr qsizetype kLimit = 60;
    return text.size() <= kLimit ? text : text.left(kLimit) + QStringLiteral("...");
}

QString textFromUtf8(std::string_view utf8) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(QByteArrayView(utf8.data(), qsizetype(utf8.size())));
}

ScalarType resolvePlain(std::string_view text) {
    if (text.empty())
        return ScalarType::Null;
    const char first = text.front();
    // PyYAML keys its resolvers by the first character and tries them in registration order:
    // bool, float, int, merge, null, timestamp, value.
    if (isOneOf(first, "yYnNtTfFoO") && isBoolWord(text))
        return ScalarType::Bool;
    if (isOneOf(first, "-+0123456789.") && matchesFloat(text))
        return ScalarType::Float;
    if (isOneOf(first, "-+0123456789") && matchesInt(text))
        return ScalarType::Int;
    if (text == "<<")
        return ScalarType::Merge;
    if (isNullWord(text))
        return ScalarType::Null;
    if (isDigit(first) && matchesTimestamp(text))
        return ScalarType::Timestamp;
    if (text == "=")
        return ScalarType::Value;
    return ScalarType::Str;
}

std::optional<ScalarType> scalarTypeOfTag(std::string_view tag) {
    if (!tag.starts_with(kStandardTagPrefix))
        return std::nullopt;
    const std::string_view name = tag.substr(kStandardTagPrefix.size());
    if (name == "str")
        return ScalarType::Str;
    if (name == "null")
        return ScalarType::Null;
    if (name == "bool")
        return ScalarType::Bool;
    if (name == "int")
        return ScalarType::Int;
    if (name == "float")
        return ScalarType::Float;
    if (name == "timestamp")
        return ScalarType::Timestamp;
    if (name == "merge")
        return ScalarType::Merge;
    if (name == "value")
        return ScalarType::Value;
    return std::nullopt;
}

QString shortTagName(std::string_view tag) {
    if (tag.starts_with(kStandardTagPrefix))
        tag.remove_prefix(kStandardTagPrefix.size() - 1); // keep a character for the second '!'
    else if (tag.starts_with("!"))
        return textFromUtf8(tag);
    else
        return QStringLiteral("!<") + textFromUtf8(tag) + QLatin1Char('>');
    return QStringLiteral("!!") + textFromUtf8(tag.substr(1));
}

bool isPlainSafe(const QString& text) {
    if (text.isEmpty() || text.front() == QLatin1Char(' ') || text.back() == QLatin1Char(' '))
        return false;
    if (text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("...")))
        return false;
    const QList<uint> codePoints = text.toUcs4();
    for (uint codePoint : codePoints) {
        if (!isPlainCharacter(char32_t(codePoint)))
            return false;
    }
    const QChar first = text.front();
    if (QStringView(u"#,[]{}&*!|>'\"%@`?:").contains(first))
        return false;
    if (first == QLatin1Char('-') && (text.size() == 1 || text.at(1) == QLatin1Char(' ')))
        return false;
    if (text.contains(QLatin1String(": ")) || text.endsWith(QLatin1Char(':')) ||
        text.contains(QLatin1String(" #")))
        return false;
    const QByteArray utf8 = text.toUtf8();
    const std::string_view bytes(utf8.constData(), size_t(utf8.size()));
    return resolvePlain(bytes) == ScalarType::Str && !isYaml12Number(bytes);
}

QString doubleQuoted(const QString& text) {
    QString out;
    out.reserve(text.size() + 2);
    out.append(QLatin1Char('"'));
    const QList<uint> codePoints = text.toUcs4();
    for (uint value : codePoints) {
        const auto codePoint = char32_t(value);
        switch (codePoint) {
        case U'"':
            out.append(QStringLiteral("\\\""));
            break;
        case U'\\':
            out.append(QStringLiteral("\\\\"));
            break;
        case U'\n':
            out.append(QStringLiteral("\\n"));
            break;
        case U'\t':
            out.append(QStringLiteral("\\t"));
            break;
        case U'\r':
            out.append(QStringLiteral("\\r"));
            break;
        default:
            if (needsEscape(codePoint)) {
                out.append(pyHexEscape(codePoint));
            } else {
                const char32_t single[1] = {codePoint};
                out.append(QString::fromUcs4(single, 1));
            }
        }
    }
    out.append(QLatin1Char('"'));
    return out;
}

QString scalar(const QString& text) {
    return isPlainSafe(text) ? text : doubleQuoted(text);
}

QString floatLiteral(double value) {
    if (std::isnan(value))
        return QStringLiteral(".nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral(".inf") : QStringLiteral("-.inf");
    QString text = pyReprFloat(value);
    const qsizetype exponent = text.indexOf(QLatin1Char('e'));
    if (exponent >= 0 && !text.contains(QLatin1Char('.')))
        text.insert(exponent, QStringLiteral(".0"));
    return text;
}

} // namespace slipway::spec::yaml11
