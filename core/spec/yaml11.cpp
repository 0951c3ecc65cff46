#include "spec/yaml11.h"

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
bool isPythonSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
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

// ---- construction (SafeConstructor.construct_yaml_*) ----

QString quotedText(std::string_view text) {
    return QLatin1Char('`') + textFromUtf8(text) + QLatin1Char('`');
}

std::unexpected<Error> cannotRead(std::string_view text, const QString& asWhat, QString fix = {}) {
    return fail(QStringLiteral("yaml.value"),
                QStringLiteral("%1 cannot be read as %2").arg(quotedText(text), asWhat), std::move(fix));
}

std::string pythonStripped(std::string_view text) {
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && isPythonSpace(text[begin]))
        ++begin;
    while (end > begin && isPythonSpace(text[end - 1]))
        --end;
    return std::string(text.substr(begin, end - begin));
}

// A signed integer magnitude that remembers overflow instead of wrapping.
struct BigInt {
    bool negative = false;
    bool overflow = false;
    quint64 magnitude = 0;
};

constexpr quint64 kMaxMagnitude = quint64(1) << 63; // |INT64_MIN|

// Python's int(text, base) for the digits PyYAML hands it (underscores already removed): optional
// whitespace and sign, for bases 2/8/16 an optional matching 0b/0o/0x prefix, at least one digit.
std::optional<BigInt> pythonInt(std::string_view text, int base) {
    const std::string stripped = pythonStripped(text);
    std::string_view rest(stripped);
    BigInt result;
    if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {
        result.negative = rest.front() == '-';
        rest.remove_prefix(1);
    }
    const char prefix = base == 2 ? 'b' : base == 8 ? 'o' : base == 16 ? 'x' : '\0';
    if (prefix && rest.size() >= 2 && rest[0] == '0' && (rest[1] == prefix || rest[1] == prefix - 32))
        rest.remove_prefix(2);
    if (rest.empty())
        return std::nullopt;
    for (char c : rest) {
        int digit = -1;
        if (isDigit(c))
            digit = c - '0';
        else if (c >= 'a' && c <= 'z')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z')
            digit = c - 'A' + 10;
        if (digit < 0 || digit >= base)
            return std::nullopt;
        if (result.magnitude > (kMaxMagnitude - quint64(digit)) / quint64(base))
            result.overflow = true;
        else
            result.magnitude = result.magnitude * quint64(base) + quint64(digit);
    }
    return result;
}

std::unexpected<Error> integerTooLarge(std::string_view text) {
    return fail(QStringLiteral("yaml.value"),
                QStringLiteral("%1 is an integer beyond 64 bits").arg(quotedText(text)),
                QStringLiteral("quote it if it is meant as text"));
}

Result<qint64> toInt64(const BigInt& value, std::string_view text) {
    if (value.overflow || value.magnitude > kMaxMagnitude ||
        (!value.negative && value.magnitude == kMaxMagnitude))
        return integerTooLarge(text);
    if (value.magnitude == kMaxMagnitude)
        return std::numeric_limits<qint64>::min();
    const auto magnitude = static_cast<qint64>(value.magnitude);
    return value.negative ? -magnitude : magnitude;
}

std::vector<std::string> splitOnColons(const std::string& text) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        const size_t colon = text.find(':', start);
        parts.push_back(text.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos)
            return parts;
        start = colon + 1;
    }
}

std::string withoutUnderscores(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c != '_')
            out.push_back(c);
    }
    return out;
}

Result<PyValue> constructInt(std::string_view text) {
    std::string value = withoutUnderscores(text);
    if (value.empty())
        return cannotRead(text, QStringLiteral("an integer"));
    const bool negative = value.front() == '-';
    if (value.front() == '-' || value.front() == '+')
        value.erase(0, 1);
    if (value.empty())
        return cannotRead(text, QStringLiteral("an integer"));

    const auto signedResult = [&](std::optional<BigInt> parsed) -> Result<PyValue> {
        if (!parsed)
            return cannotRead(text, QStringLiteral("an integer"));
        if (negative)
            parsed->negative = !parsed->negative;
        auto number = toInt64(*parsed, text);
        if (!number)
            return std::unexpected(number.error());
        return PyValue::integer(*number);
    };

    if (value == "0")
        return PyValue::integer(0);
    if (value.starts_with("0b"))
        return signedResult(pythonInt(std::string_view(value).substr(2), 2));
    if (value.starts_with("0x"))
        return signedResult(pythonInt(std::string_view(value).substr(2), 16));
    if (value.front() == '0')
        return signedResult(pythonInt(value, 8));
    if (value.find(':') == std::string::npos)
        return signedResult(pythonInt(value, 10));

    // Base 60, least significant group last: sum(group * 60**i).
    const std::vector<std::string> parts = splitOnColons(value);
    qint64 total = 0;
    qint64 place = 1;
    bool placeOverflowed = false;
    for (auto part = parts.rbegin(); part != parts.rend(); ++part) {
        const std::optional<BigInt> parsed = pythonInt(*part, 10);
        if (!parsed)
            return cannotRead(text, QStringLiteral("an integer"));
        auto digit = toInt64(*parsed, text);
        if (!digit)
            return std::unexpected(digit.error());
        if (*digit != 0) {
            qint64 term = 0;
            if (placeOverflowed || __builtin_mul_overflow(*digit, place, &term) ||
                __builtin_add_overflow(total, term, &total))
                return integerTooLarge(text);
        }
        placeOverflowed = placeOverflowed || __builtin_mul_overflow(place, qint64(60), &place);
    }
    if (negative && total == std::numeric_limits<qint64>::min())
        return integerTooLarge(text);
    return PyValue::integer(negative ? -total : total);
}

// A decimal float text that from_chars reported as out of range: Python gives +-inf on overflow and
// +-0.0 on underflow. Which one follows from the decimal exponent of the first significant digit.
double outOfRangeValue(std::string_view number) {
    const bool negative = !number.empty() && number.front() == '-';
    const size_t ePos = number.find('e');
    std::string_view mantissa = number.substr(0, ePos);
    if (negative)
        mantissa.remove_prefix(1);
    long long exponent = 0;
    if (ePos != std::string_view::npos) {
        std::string_view digits = number.substr(ePos + 1);
        const bool negativeExponent = !digits.empty() && digits.front() == '-';
        if (!digits.empty() && (digits.front() == '-' || digits.front() == '+'))
            digits.remove_prefix(1);
        for (char c : digits)
            exponent = std::min(exponent * 10 + (c - '0'), 1000000LL);
        if (negativeExponent)
            exponent = -exponent;
    }
    const size_t point = mantissa.find('.');
    const std::string_view integerPart = mantissa.substr(0, point);
    const std::string_view fractionPart =
        point == std::string_view::npos ? std::string_view() : mantissa.substr(point + 1);
    long long scale = 0;
    if (const size_t first = integerPart.find_first_of("123456789"); first != std::string_view::npos)
        scale = static_cast<long long>(integerPart.size() - first) - 1;
    else if (const size_t firstFraction = fractionPart.find_first_of("123456789");
             firstFraction != std::string_view::npos)
        scale = -static_cast<long long>(firstFraction) - 1;
    const double magnitude = exponent + scale > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    return negative ? -magnitude : magnitude;
}

// Python's float(text): optional whitespace and sign, then digits with an optional dot and exponent,
// or inf/infinity/nan. Correctly rounded, independent of the C locale.
std::optional<double> pythonFloat(std::string_view text) {
    std::string value = pythonStripped(text);
    for (char& c : value)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    bool negative = false;
    std::string_view rest(value);
    if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {
        negative = rest.front() == '-';
        rest.remove_prefix(1);
    }
    if (rest == "inf" || rest == "infinity")
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (rest == "nan")
        return std::numeric_limits<double>::quiet_NaN();

    Scan scan(rest);
    const size_t integerDigits = scan.eatRun(isDigit);
    size_t fractionDigits = 0;
    if (scan.eat('.'))
        fractionDigits = scan.eatRun(isDigit);
    if (integerDigits + fractionDigits == 0)
        return std::nullopt;
    if (scan.eat('e')) {
        scan.eatSign();
        if (scan.eatRun(isDigit) == 0)
            return std::nullopt;
    }
    if (!scan.atEnd())
        return std::nullopt;

    const std::string number = (negative ? "-" : "") + std::string(rest);
    double parsed = 0.0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), parsed);
    if (error == std::errc::result_out_of_range)
        return outOfRangeValue(number);
    if (error != std::errc() || end != number.data() + number.size())
        return std::nullopt;
    return parsed;
}

// 60**power as the double Python converts the exact integer to (correctly rounded): 60**k is
// 15**k * 2**(2k), and 15**k fits 64 bits up to k = 16.
std::optional<double> powerOf60(size_t power) {
    if (power > 16)
        return std::nullopt;
    quint64 fifteenPower = 1;
    for (size_t i = 0; i < power; ++i)
        fifteenPower *= 15;
    return std::ldexp(static_cast<double>(fifteenPower), static_cast<int>(2 * power));
}

Result<PyValue> constructFloat(std::string_view text) {
    std::string value = withoutUnderscores(text);
    for (char& c : value)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    if (value.empty())
        return cannotRead(text, QStringLiteral("a float"));
    const double sign = value.front() == '-' ? -1.0 : 1.0;
    if (value.front() == '-' || value.front() == '+')
        value.erase(0, 1);
    if (value == ".inf")
        return PyValue::floating(sign * std::numeric_limits<double>::infinity());
    if (value == ".nan")
        return PyValue::floating(std::numeric_limits<double>::quiet_NaN());
    if (value.find(':') == std::string::npos) {
        const std::optional<double> parsed = pythonFloat(value);
        if (!parsed)
            return cannotRead(text, QStringLiteral("a float"));
        return PyValue::floating(sign * *parsed);
    }

    const std::vector<std::string> parts = splitOnColons(value);
    double total = 0.0;
    size_t power = 0;
    for (auto part = parts.rbegin(); part != parts.rend(); ++part, ++power) {
        const std::optional<double> digit = pythonFloat(*part);
        const std::optional<double> place = powerOf60(power);
        if (!digit)
            return cannotRead(text, QStringLiteral("a float"));
        if (!place)
            return cannotRead(text, QStringLiteral("a float"), QStringLiteral("use at most 17 `:` groups"));
        total += *digit * *place;
    }
    return PyValue::floating(sign * total);
}

Result<PyValue> constructBool(std::string_view text) {
    std::string value(text);
    for (char& c : value)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    if (value == "yes" || value == "true" || value == "on")
        return PyValue::boolean(true);
    if (value == "no" || value == "false" || value == "off")
        return PyValue::boolean(false);
    return cannotRead(text, QStringLiteral("a bool"), QStringLiteral("use true or false"));
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

QString hexEscape(char32_t codePoint) {
    if (codePoint < 0x100)
        return QStringLiteral("\\x%1").arg(uint(codePoint), 2, 16, QLatin1Char('0'));
    if (codePoint < 0x10000)
        return QStringLiteral("\\u%1").arg(uint(codePoint), 4, 16, QLatin1Char('0'));
    return QStringLiteral("\\U%1").arg(uint(codePoint), 8, 16, QLatin1Char('0'));
}

} // namespace

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

Result<PyValue> construct(ScalarType type, std::string_view text) {
    switch (type) {
    case ScalarType::Str:
        return PyValue(textFromUtf8(text));
    case ScalarType::Null:
        return PyValue();
    case ScalarType::Bool:
        return constructBool(text);
    case ScalarType::Int:
        return constructInt(text);
    case ScalarType::Float:
        return constructFloat(text);
    case ScalarType::Timestamp:
        return fail(QStringLiteral("yaml.value"),
                    QStringLiteral("%1 is read by YAML as a date, which an ImageSpec cannot hold")
                        .arg(quotedText(text)),
                    QStringLiteral("quote it: \"%1\"").arg(textFromUtf8(text)));
    case ScalarType::Merge:
        return fail(QStringLiteral("yaml.value"), QStringLiteral("YAML merge keys (`<<`) are not supported"),
                    QStringLiteral("write the merged keys out in full, or quote it: \"<<\""));
    case ScalarType::Value:
        return fail(QStringLiteral("yaml.value"),
                    QStringLiteral("a plain `=` is a YAML 1.1 'value' key, which PyYAML cannot load"),
                    QStringLiteral("quote it: \"=\""));
    }
    return PyValue();
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
                out.append(hexEscape(codePoint));
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
