#include "spec/pyliteral.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace slipway::spec {

namespace {

int hexDigitValue(QChar c) {
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c.unicode() - u'A' + 10;
    return -1;
}

void appendCodePoint(QString& out, char32_t codePoint) {
    if (codePoint > 0xffff) {
        out += QChar::highSurrogate(codePoint);
        out += QChar::lowSurrogate(codePoint);
    } else {
        out += QChar(char16_t(codePoint));
    }
}

class StringDecoder {
public:
    StringDecoder(QStringView body, bool raw, bool formatted, PyStringLiteral& out)
        : m_body(body), m_raw(raw), m_formatted(formatted), m_out(out) {}

    void run() {
        while (m_pos < m_body.size() && m_out.problem.isEmpty() && !m_out.hasFields) {
            const QChar c = m_body[m_pos];
            if (c == u'\\' && m_pos + 1 < m_body.size()) {
                if (m_raw) {
                    m_out.value += c;
                    m_out.value += m_body[m_pos + 1];
                    m_pos += 2;
                } else {
                    escape();
                }
            } else if (m_formatted && (c == u'{' || c == u'}')) {
                brace(c);
            } else if (c == u'\r') {
                // CPython reads source with universal newlines: "\r\n" and "\r" are "\n".
                m_out.value += u'\n';
                m_pos += m_pos + 1 < m_body.size() && m_body[m_pos + 1] == u'\n' ? 2 : 1;
            } else {
                m_out.value += c;
                ++m_pos;
            }
        }
    }

private:
    void brace(QChar c) {
        if (m_pos + 1 < m_body.size() && m_body[m_pos + 1] == c) {
            m_out.value += c;
            m_pos += 2;
        } else if (c == u'{') {
            m_out.hasFields = true;
        } else {
            m_out.problem = QStringLiteral("has a single '}', which Python rejects in an f-string");
        }
    }

    // Reads `count` hex digits after the escape letter; -1 when they are not there.
    qint64 hexDigits(qsizetype from, int count) const {
        if (from + count > m_body.size())
            return -1;
        qint64 value = 0;
        for (int i = 0; i < count; ++i) {
            const int digit = hexDigitValue(m_body[from + i]);
            if (digit < 0)
                return -1;
            value = value * 16 + digit;
        }
        return value;
    }

    void escape() {
        const QChar letter = m_body[m_pos + 1];
        m_pos += 2;
        switch (letter.unicode()) {
        case u'\n':
            return;
        case u'\r':
            if (m_pos < m_body.size() && m_body[m_pos] == u'\n')
                ++m_pos;
            return;
        case u'x':
            return numericEscape(2, QStringLiteral("\\xXX"));
        case u'u':
            return numericEscape(4, QStringLiteral("\\uXXXX"));
        case u'U':
            return numericEscape(8, QStringLiteral("\\UXXXXXXXX"));
        case u'N':
            m_out.problem = QStringLiteral("uses a \\N{...} escape, which is not supported");
            return;
        default:
            break;
        }
        static constexpr QStringView kLetters = u"\\'\"abfnrtv";
        static constexpr QStringView kCharacters = u"\\'\"\a\b\f\n\r\t\v";
        if (const qsizetype simple = kLetters.indexOf(letter); simple >= 0) {
            m_out.value += kCharacters[simple];
            return;
        }
        if (letter >= u'0' && letter <= u'7') {
            int value = letter.unicode() - u'0';
            for (int i = 0; i < 2 && m_pos < m_body.size() && m_body[m_pos] >= u'0' && m_body[m_pos] <= u'7';
                 ++i)
                value = value * 8 + (m_body[m_pos++].unicode() - u'0');
            appendCodePoint(m_out.value, char32_t(value));
            return;
        }
        // An unknown escape keeps its backslash (CPython only warns).
        m_out.value += u'\\';
        m_out.value += letter;
    }

    void numericEscape(int digits, const QString& form) {
        const qint64 value = hexDigits(m_pos, digits);
        if (value < 0) {
            m_out.problem = QStringLiteral("has a truncated %1 escape").arg(form);
            return;
        }
        if (value > 0x10ffff) {
            m_out.problem = QStringLiteral("has an escape beyond U+10FFFF");
            return;
        }
        m_pos += digits;
        appendCodePoint(m_out.value, char32_t(value));
    }

    QStringView m_body;
    bool m_raw;
    bool m_formatted;
    PyStringLiteral& m_out;
    qsizetype m_pos = 0;
};

// Python's rule for '_' in numbers: only single underscores between two digits.
bool stripUnderscores(QStringView digits, std::string& out) {
    for (qsizetype i = 0; i < digits.size(); ++i) {
        const QChar c = digits[i];
        if (c == u'_') {
            const bool between = i > 0 && i + 1 < digits.size() && digits[i - 1].isLetterOrNumber() &&
                                 digits[i + 1].isLetterOrNumber();
            if (!between)
                return false;
            continue;
        }
        if (c.unicode() >= 0x80)
            return false;
        out += char(c.unicode());
    }
    return true;
}

PyNumberLiteral integerInBase(const std::string& digits, int base) {
    if (digits.empty())
        return {std::nullopt, QStringLiteral("is not a valid number")};
    quint64 value = 0;
    for (char c : digits) {
        const int digit = hexDigitValue(QLatin1Char(c));
        if (digit < 0 || digit >= base)
            return {std::nullopt, QStringLiteral("is not a valid number")};
        if (value > (quint64(std::numeric_limits<qint64>::max()) - quint64(digit)) / quint64(base))
            return {std::nullopt, QStringLiteral("is too large (more than 64 bits)")};
        value = value * quint64(base) + quint64(digit);
    }
    return {PyValue::integer(qint64(value)), {}};
}

} // namespace

PyStringLiteral decodeStringLiteral(QStringView token) {
    PyStringLiteral literal;
    qsizetype quote = 0;
    while (quote < token.size() && token[quote] != u'"' && token[quote] != u'\'')
        ++quote;
    const QString prefix = token.left(quote).toString().toLower();
    literal.bytes = prefix.contains(u'b');
    const bool triple =
        token.size() - quote >= 6 && token[quote + 1] == token[quote] && token[quote + 2] == token[quote];
    const qsizetype quoteLength = triple ? 3 : 1;
    if (token.size() - quote < 2 * quoteLength) {
        literal.problem = QStringLiteral("is not a complete string literal");
        return literal;
    }
    const QStringView body = token.mid(quote + quoteLength, token.size() - quote - 2 * quoteLength);
    StringDecoder(body, prefix.contains(u'r'), prefix.contains(u'f'), literal).run();
    return literal;
}

PyNumberLiteral decodeNumberLiteral(QStringView token) {
    const QString lowered = token.toString().toLower();
    if (lowered.endsWith(u'j'))
        return {std::nullopt, QStringLiteral("is a complex number, which ImageSpec does not take")};
    std::string digits;
    const bool prefixed = lowered.size() > 2 && lowered[0] == u'0' &&
                          (lowered[1] == u'x' || lowered[1] == u'o' || lowered[1] == u'b');
    // "0x_1f" is valid: an underscore may follow the base prefix.
    const QStringView body =
        QStringView(lowered).mid(prefixed ? (lowered.size() > 2 && lowered[2] == u'_' ? 3 : 2) : 0);
    if (!stripUnderscores(body, digits))
        return {std::nullopt, QStringLiteral("is not a valid number")};
    if (prefixed) {
        const QChar base = lowered[1];
        return integerInBase(digits, base == u'x' ? 16 : base == u'o' ? 8 : 2);
    }
    const bool isFloat = digits.find_first_of(".e") != std::string::npos;
    if (!isFloat) {
        if (digits.size() > 1 && digits[0] == '0' && digits.find_first_not_of('0') != std::string::npos)
            return {std::nullopt, QStringLiteral("has leading zeros, which Python does not allow in an int")};
        return integerInBase(digits, 10);
    }
    double value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error == std::errc::result_out_of_range) {
        // Python rounds overflow to inf and underflow to 0.0 instead of failing.
        const bool negativeExponent = digits.find("e-") != std::string::npos;
        return {PyValue::floating(negativeExponent ? 0.0 : std::numeric_limits<double>::infinity()), {}};
    }
    if (error != std::errc() || end != digits.data() + digits.size())
        return {std::nullopt, QStringLiteral("is not a valid number")};
    return {PyValue::floating(value), {}};
}

} // namespace slipway::spec
