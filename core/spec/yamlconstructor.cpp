#include "spec/yamlconstructor.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace slipway::spec::yaml11 {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isPythonSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

QString quotedText(std::string_view text) {
    return QLatin1Char('`') + excerpt(textFromUtf8(text)) + QLatin1Char('`');
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

    size_t next = 0;
    const auto digits = [&rest, &next] {
        const size_t start = next;
        while (next < rest.size() && isDigit(rest[next]))
            ++next;
        return next - start;
    };
    const size_t integerDigits = digits();
    size_t fractionDigits = 0;
    if (next < rest.size() && rest[next] == '.') {
        ++next;
        fractionDigits = digits();
    }
    if (integerDigits + fractionDigits == 0)
        return std::nullopt;
    if (next < rest.size() && rest[next] == 'e') {
        ++next;
        if (next < rest.size() && (rest[next] == '+' || rest[next] == '-'))
            ++next;
        if (digits() == 0)
            return std::nullopt;
    }
    if (next != rest.size())
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

} // namespace

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

} // namespace slipway::spec::yaml11
