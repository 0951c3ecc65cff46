// Python's str.format(spec_hash=...) for tag_format, limited to what a tag template can mean.
#include "spec/pyvalue.h"
#include "spec/spechash.h"

#include <QRegularExpression>

namespace slipway::spec {

namespace {

Result<QString> formatError(const QString& format, const QString& why, const QString& fix = {}) {
    return fail(QStringLiteral("bad-tag-format"),
                QStringLiteral("tag_format %1: %2").arg(pyReprString(format), why),
                fix.isEmpty()
                    ? QStringLiteral("use {spec_hash} with optional text around it, e.g. \"{spec_hash}-dev\"")
                    : fix);
}

// str.__format__(spec): [[fill]align][0][width][.precision][s]; signs, '#', '=', grouping and
// non-string types are errors in Python too.
Result<QString> formatString(const QString& format, const QString& value, const QString& spec) {
    qsizetype i = 0;
    QChar fill = QLatin1Char(' ');
    QChar align = QLatin1Char('<');
    bool alignGiven = false;
    const auto isAlign = [](QChar c) {
        return c == QLatin1Char('<') || c == QLatin1Char('>') || c == QLatin1Char('^') ||
               c == QLatin1Char('=');
    };
    if (spec.size() >= 2 && isAlign(spec[1])) {
        fill = spec[0];
        align = spec[1];
        alignGiven = true;
        i = 2;
    } else if (!spec.isEmpty() && isAlign(spec[0])) {
        align = spec[0];
        alignGiven = true;
        i = 1;
    }
    if (align == QLatin1Char('='))
        return formatError(format, QStringLiteral("'=' alignment is not allowed for strings"));
    if (i < spec.size() &&
        (spec[i] == QLatin1Char('+') || spec[i] == QLatin1Char('-') || spec[i] == QLatin1Char(' ')))
        return formatError(format, QStringLiteral("a sign is not allowed in a string format"));
    if (i < spec.size() && spec[i] == QLatin1Char('z'))
        return formatError(format, QStringLiteral("'z' is not allowed in a string format"));
    if (i < spec.size() && spec[i] == QLatin1Char('#'))
        return formatError(format, QStringLiteral("'#' is not allowed in a string format"));
    if (i < spec.size() && spec[i] == QLatin1Char('0')) {
        if (!alignGiven)
            fill = QLatin1Char('0');
        ++i;
    }
    qsizetype width = 0;
    while (i < spec.size() && spec[i].isDigit()) {
        width = width * 10 + spec[i].digitValue();
        if (width > 1000)
            return formatError(format, QStringLiteral("width %1… is too large for a tag").arg(width));
        ++i;
    }
    if (i < spec.size() && (spec[i] == QLatin1Char(',') || spec[i] == QLatin1Char('_')))
        return formatError(format, QStringLiteral("'%1' grouping is not allowed for strings").arg(spec[i]));
    qsizetype precision = -1;
    if (i < spec.size() && spec[i] == QLatin1Char('.')) {
        ++i;
        if (i >= spec.size() || !spec[i].isDigit())
            return formatError(format, QStringLiteral("format specifier missing precision"));
        precision = 0;
        while (i < spec.size() && spec[i].isDigit()) {
            precision = std::min<qsizetype>(precision * 10 + spec[i].digitValue(), 100000);
            ++i;
        }
    }
    if (i < spec.size()) {
        if (spec[i] != QLatin1Char('s') || i + 1 != spec.size())
            return formatError(format,
                               QStringLiteral("unknown format code '%1' for a string").arg(spec.mid(i)));
    }
    QString text = precision >= 0 ? value.left(precision) : value;
    const qsizetype padding = width - text.size();
    if (padding > 0) {
        if (align == QLatin1Char('>'))
            text = QString(padding, fill) + text;
        else if (align == QLatin1Char('^'))
            text = QString(padding / 2, fill) + text + QString(padding - padding / 2, fill);
        else
            text += QString(padding, fill);
    }
    return text;
}

Result<QString> replacementField(const QString& format, const QString& field, const QString& hash) {
    // field = name ('[' index ']')* ['!' conversion] [':' spec]
    qsizetype i = 0;
    while (i < field.size() && field[i] != QLatin1Char('[') && field[i] != QLatin1Char('.') &&
           field[i] != QLatin1Char('!') && field[i] != QLatin1Char(':'))
        ++i;
    const QString name = field.left(i);
    if (name.isEmpty() || name.front().isDigit())
        return formatError(format, QStringLiteral("positional field {%1} has no value; flytekit passes only "
                                                  "spec_hash")
                                       .arg(name));
    if (name != QLatin1String("spec_hash"))
        return formatError(format,
                           QStringLiteral("unknown field {%1}; the only field is {spec_hash}").arg(name));

    QString value = hash;
    while (i < field.size() && (field[i] == QLatin1Char('[') || field[i] == QLatin1Char('.'))) {
        if (field[i] == QLatin1Char('.'))
            return formatError(
                format,
                QStringLiteral("attribute access (.%1) is not supported")
                    .arg(field.mid(i + 1).section(QRegularExpression(QStringLiteral("[.\\[!:]")), 0, 0)),
                QStringLiteral("use {spec_hash}, an index like {spec_hash[0]} or a format like "
                               "{spec_hash:.8}"));
        const qsizetype close = field.indexOf(QLatin1Char(']'), i);
        if (close < 0)
            return formatError(format, QStringLiteral("missing ']' in the field"));
        const QString index = field.mid(i + 1, close - i - 1);
        bool isNumber = !index.isEmpty();
        for (QChar c : index)
            isNumber = isNumber && c.isDigit();
        if (!isNumber)
            return formatError(format,
                               QStringLiteral("string indices must be integers, not '%1'").arg(index));
        const qsizetype position = index.toLongLong();
        if (position >= value.size())
            return formatError(format, QStringLiteral("index %1 is out of range (the hash has %2 characters)")
                                           .arg(index)
                                           .arg(value.size()));
        value = value.mid(position, 1);
        i = close + 1;
    }
    if (i < field.size() && field[i] == QLatin1Char('!')) {
        const QChar conversion = i + 1 < field.size() ? field[i + 1] : QChar();
        if (conversion == QLatin1Char('r') || conversion == QLatin1Char('a'))
            value = pyReprString(value); // the hash is ASCII, so ascii() equals repr()
        else if (conversion != QLatin1Char('s'))
            return formatError(format,
                               QStringLiteral("unknown conversion '!%1'; use !s, !r or !a").arg(conversion));
        i += 2;
        if (i < field.size() && field[i] != QLatin1Char(':'))
            return formatError(format, QStringLiteral("expected ':' after the conversion"));
    }
    if (i < field.size() && field[i] == QLatin1Char(':'))
        return formatString(format, value, field.mid(i + 1));
    if (i < field.size())
        return formatError(format, QStringLiteral("unexpected '%1' in the field").arg(field.mid(i)));
    return value;
}

} // namespace

Result<QString> applyTagFormat(const QString& format, const QString& hash) {
    QString out;
    qsizetype i = 0;
    while (i < format.size()) {
        const QChar c = format[i];
        if (c == QLatin1Char('}')) {
            if (i + 1 < format.size() && format[i + 1] == QLatin1Char('}')) {
                out += QLatin1Char('}');
                i += 2;
                continue;
            }
            return formatError(format, QStringLiteral("single '}' encountered"),
                               QStringLiteral("write }} for a literal brace"));
        }
        if (c != QLatin1Char('{')) {
            out += c;
            ++i;
            continue;
        }
        if (i + 1 < format.size() && format[i + 1] == QLatin1Char('{')) {
            out += QLatin1Char('{');
            i += 2;
            continue;
        }
        // Find the matching '}' (Python allows nested fields only inside a format spec).
        qsizetype depth = 1;
        qsizetype j = i + 1;
        while (j < format.size() && depth > 0) {
            if (format[j] == QLatin1Char('{'))
                ++depth;
            else if (format[j] == QLatin1Char('}'))
                --depth;
            if (depth > 0)
                ++j;
        }
        if (depth > 0)
            return formatError(format, QStringLiteral("expected '}' before end of string"));
        const QString field = format.mid(i + 1, j - i - 1);
        if (field.contains(QLatin1Char('{')))
            return formatError(format, QStringLiteral("nested fields are not supported"));
        auto replaced = replacementField(format, field, hash);
        if (!replaced)
            return replaced;
        out += *replaced;
        i = j + 1;
    }
    return out;
}

} // namespace slipway::spec
