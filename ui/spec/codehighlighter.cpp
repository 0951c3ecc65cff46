#include "spec/codehighlighter.h"

#include <QPalette>

namespace slipway::ui {

namespace {

QTextCharFormat charFormat(const QColor& colour, bool bold = false) {
    QTextCharFormat result;
    result.setForeground(colour);
    if (bold)
        result.setFontWeight(QFont::DemiBold);
    return result;
}

} // namespace

CodeHighlighter::CodeHighlighter(Language language, QTextDocument* document, const QPalette& palette)
    : QSyntaxHighlighter(document), m_language(language) {
    buildRules(palette);
}

void CodeHighlighter::setPalette(const QPalette& palette) {
    buildRules(palette);
    rehighlight();
}

void CodeHighlighter::buildRules(const QPalette& palette) {
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    const QColor keyColour = dark ? QColor(0x7c, 0xb7, 0xf2) : QColor(0x1f, 0x5f, 0xa8);
    const QColor stringColour = dark ? QColor(0x9c, 0xd6, 0x8a) : QColor(0x2b, 0x7a, 0x2b);
    const QColor numberColour = dark ? QColor(0xe8, 0xb0, 0x6a) : QColor(0xa3, 0x5a, 0x00);
    const QColor punctuationColour = dark ? QColor(0xc6, 0x95, 0xe8) : QColor(0x7a, 0x3e, 0x9d);
    m_comment = charFormat(palette.color(QPalette::PlaceholderText));
    m_comment.setFontItalic(true);
    m_rules.clear();
    if (m_language == Language::Yaml) {
        m_rules.append({QRegularExpression(QStringLiteral(
                            "^\\s*(?:-\\s+)?([^\\s#:'\"][^:#]*?|\"[^\"]*\"|'[^']*')\\s*:(?=\\s|$)")),
                        charFormat(keyColour, true), 1});
        m_rules.append(
            {QRegularExpression(QStringLiteral("^\\s*(-)(?=\\s)")), charFormat(punctuationColour, true), 1});
        m_rules.append({QRegularExpression(
                            QStringLiteral(":\\s+(-?\\d+(?:\\.\\d+)?|true|false|null|yes|no)\\s*(?:#.*)?$")),
                        charFormat(numberColour), 1});
        m_rules.append({QRegularExpression(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'")),
                        charFormat(stringColour)});
    } else {
        m_rules.append(
            {QRegularExpression(
                 QStringLiteral(
                     "^\\s*(FROM|RUN|ENV|COPY|ADD|WORKDIR|USER|ENTRYPOINT|CMD|SHELL|ARG|LABEL|EXPOSE|"
                     "VOLUME|HEALTHCHECK|ONBUILD|STOPSIGNAL)\\b"),
                 QRegularExpression::CaseInsensitiveOption),
             charFormat(keyColour, true), 1});
        m_rules.append(
            {QRegularExpression(QStringLiteral("--[a-z-]+(?:=\\S*)?")), charFormat(punctuationColour)});
        m_rules.append({QRegularExpression(QStringLiteral("\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?")),
                        charFormat(numberColour)});
        m_rules.append(
            {QRegularExpression(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"")), charFormat(stringColour)});
    }
}

void CodeHighlighter::highlightBlock(const QString& text) {
    for (const Rule& rule : std::as_const(m_rules)) {
        auto matches = rule.pattern.globalMatch(text);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            setFormat(int(match.capturedStart(rule.group)), int(match.capturedLength(rule.group)),
                      rule.format);
        }
    }
    // A comment: `#` at the start of a line, or (YAML) after whitespace outside quotes.
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1Char('#'))) {
        setFormat(0, int(text.size()), m_comment);
        return;
    }
    if (m_language == Language::Yaml) {
        bool single = false;
        bool dbl = false;
        for (int i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('\'') && !dbl)
                single = !single;
            else if (c == QLatin1Char('"') && !single)
                dbl = !dbl;
            else if (c == QLatin1Char('#') && !single && !dbl && i > 0 && text.at(i - 1).isSpace()) {
                setFormat(i, int(text.size()) - i, m_comment);
                return;
            }
        }
    }
}

} // namespace slipway::ui
