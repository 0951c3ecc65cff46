#include "spec/pyrepr.h"

#include "spec/imagespec.h"

#include <QChar>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace slipway::spec {

namespace {

// str.isprintable() for one code point: false for "Other" (Cc, Cf, Cs, Co, Cn) and "Separator"
// (Zl, Zp, Zs) categories, except the ASCII space.
bool isPythonPrintable(char32_t codePoint) {
    if (codePoint == U' ')
        return true;
    if (codePoint < 0x20 || codePoint == 0x7f)
        return false;
    if (codePoint < 0x7f)
        return true;
    switch (QChar::category(codePoint)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Separator_Space:
        return false;
    default:
        return true;
    }
}

} // namespace

QString pyHexEscape(char32_t codePoint) {
    if (codePoint < 0x100)
        return QStringLiteral("\\x%1").arg(uint(codePoint), 2, 16, QLatin1Char('0'));
    if (codePoint < 0x10000)
        return QStringLiteral("\\u%1").arg(uint(codePoint), 4, 16, QLatin1Char('0'));
    return QStringLiteral("\\U%1").arg(uint(codePoint), 8, 16, QLatin1Char('0'));
}

QString pyReprString(const QString& text) {
    const bool hasSingle = text.contains(QLatin1Char('\''));
    const bool hasDouble = text.contains(QLatin1Char('"'));
    const QChar quote = (hasSingle && !hasDouble) ? QLatin1Char('"') : QLatin1Char('\'');

    QString out;
    out.reserve(text.size() + 2);
    out.append(quote);
    const QList<uint> codePoints = text.toUcs4();
    for (uint value : codePoints) {
        const auto codePoint = static_cast<char32_t>(value);
        if (codePoint == quote.unicode() || codePoint == U'\\') {
            out.append(QLatin1Char('\\'));
            out.append(QChar(static_cast<ushort>(codePoint)));
        } else if (codePoint == U'\t') {
            out.append(QStringLiteral("\\t"));
        } else if (codePoint == U'\n') {
            out.append(QStringLiteral("\\n"));
        } else if (codePoint == U'\r') {
            out.append(QStringLiteral("\\r"));
        } else if (!isPythonPrintable(codePoint)) {
            out.append(pyHexEscape(codePoint));
        } else {
            const char32_t single[1] = {codePoint};
            out.append(QString::fromUcs4(single, 1));
        }
    }
    out.append(quote);
    return out;
}

QString pyReprFloat(double value) {
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");

    // Shortest round-trip digits in scientific form: [-]d[.ddd]e[+-]x
    std::array<char, 64> buffer{};
    const auto result =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific);
    std::string scientific(buffer.data(), result.ptr);

    bool negative = false;
    if (!scientific.empty() && scientific.front() == '-') {
        negative = true;
        scientific.erase(0, 1);
    }
    const auto ePos = scientific.find('e');
    std::string mantissa = scientific.substr(0, ePos);
    const int exponent = std::atoi(scientific.c_str() + ePos + 1);
    std::string digits;
    for (char c : mantissa) {
        if (c != '.')
            digits.push_back(c);
    }
    // CPython's decpt: value = 0.DIGITS * 10^decpt
    const int decpt = exponent + 1;

    std::string out;
    if (decpt <= -4 || decpt > 16) {
        // Exponent notation: d[.ddd]e[+-]XX with at least two exponent digits.
        out.push_back(digits[0]);
        if (digits.size() > 1) {
            out.push_back('.');
            out.append(digits.substr(1));
        }
        const int shown = decpt - 1;
        out.push_back('e');
        out.push_back(shown < 0 ? '-' : '+');
        const int magnitude = std::abs(shown);
        if (magnitude < 10)
            out.push_back('0');
        out.append(std::to_string(magnitude));
    } else if (decpt <= 0) {
        out = "0." + std::string(static_cast<size_t>(-decpt), '0') + digits;
    } else if (static_cast<size_t>(decpt) >= digits.size()) {
        out = digits + std::string(static_cast<size_t>(decpt) - digits.size(), '0') + ".0";
    } else {
        out = digits.substr(0, static_cast<size_t>(decpt)) + "." + digits.substr(static_cast<size_t>(decpt));
    }
    if (negative)
        out.insert(out.begin(), '-');
    return QString::fromLatin1(out);
}

QString hashedDictRepr(const ImageSpec& resolvedSpec) {
    QStringList parts;
    for (const FieldInfo& info : fieldInfos()) {
        if (info.field == Field::Builder || info.field == Field::PipSecretMounts ||
            info.field == Field::RuntimePackages)
            continue;
        const PyValue value = resolvedSpec.value(info.field);
        if (value.isNone())
            continue;
        parts.append(pyReprString(QString::fromLatin1(info.name)) + QStringLiteral(": ") + value.repr());
    }
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

} // namespace slipway::spec
