#include "build/pytext.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace slipway::build {

namespace {

bool isIdentifierStart(QChar c) {
    return c == QLatin1Char('_') || (c.unicode() < 128 && c.isLetter());
}
bool isIdentifierPart(QChar c) {
    return isIdentifierStart(c) || (c.unicode() < 128 && c.isDigit());
}

// Python's str.isspace(): Unicode White_Space plus the ASCII information separators 0x1c-0x1f,
// which QChar::isSpace() does not count.
bool isPySpace(QChar c) {
    const char16_t code = c.unicode();
    return c.isSpace() || (code >= 0x1c && code <= 0x1f);
}

// json's short escapes; everything else outside ' '..'~' becomes \uXXXX (ensure_ascii).
constexpr std::pair<char16_t, const char*> kJsonEscapes[] = {
    {u'"', "\\\""}, {u'\\', "\\\\"}, {u'\n', "\\n"}, {u'\r', "\\r"},
    {u'\t', "\\t"}, {u'\b', "\\b"},  {u'\f', "\\f"},
};

QString jsonString(const QString& text) {
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        const char16_t code = c.unicode();
        const auto* escape = std::find_if(std::begin(kJsonEscapes), std::end(kJsonEscapes),
                                          [code](const auto& entry) { return entry.first == code; });
        // UTF-16 code units are exactly the surrogate pairs json.dumps writes beyond the BMP.
        if (escape != std::end(kJsonEscapes))
            out += QLatin1String(escape->second);
        else if (code < 0x20 || code > 0x7e)
            out += QStringLiteral("\\u%1").arg(static_cast<uint>(code), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    out += QLatin1Char('"');
    return out;
}

} // namespace

QString substitutePyTemplate(QStringView text, const QHash<QString, QString>& values) {
    QString out;
    out.reserve(text.size() * 2);
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text[i];
        if (c != QLatin1Char('$') || i + 1 >= text.size()) {
            out += c;
            ++i;
            continue;
        }
        const QChar next = text[i + 1];
        if (next == QLatin1Char('$')) {
            out += QLatin1Char('$');
            i += 2;
            continue;
        }
        const bool braced = next == QLatin1Char('{');
        qsizetype start = i + (braced ? 2 : 1);
        qsizetype end = start;
        if (end < text.size() && isIdentifierStart(text[end])) {
            ++end;
            while (end < text.size() && isIdentifierPart(text[end]))
                ++end;
        }
        const bool closed = !braced || (end < text.size() && text[end] == QLatin1Char('}'));
        Q_ASSERT_X(end > start && closed, "substitutePyTemplate", "invalid placeholder");
        const QString name = text.sliced(start, end - start).toString();
        Q_ASSERT_X(values.contains(name), "substitutePyTemplate", qPrintable(name));
        out += values.value(name);
        i = braced ? end + 1 : end;
    }
    return out;
}

QString pyStr(const spec::PyValue& value) {
    return value.isStr() ? value.str() : value.repr();
}

QString pyStrip(QStringView text) {
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isPySpace(text[begin]))
        ++begin;
    while (end > begin && isPySpace(text[end - 1]))
        --end;
    return text.sliced(begin, end - begin).toString();
}

QString pyJsonDumps(const QStringList& items) {
    QStringList parts;
    parts.reserve(items.size());
    for (const QString& item : items)
        parts.append(jsonString(item));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace slipway::build
