#pragma once

#include <QList>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace slipway::ui {

// Light syntax colouring for the spec's YAML and its Dockerfile: keys or instructions, strings,
// comments, numbers. Colours are picked for the editor's palette, so dark themes stay readable.
class CodeHighlighter : public QSyntaxHighlighter {
    Q_OBJECT

public:
    enum class Language { Yaml, Dockerfile };

    CodeHighlighter(Language language, QTextDocument* document, const QPalette& palette);

    void setPalette(const QPalette& palette);

protected:
    void highlightBlock(const QString& text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group = 0;
    };

    void buildRules(const QPalette& palette);

    Language m_language;
    QList<Rule> m_rules;
    QTextCharFormat m_comment;
};

} // namespace slipway::ui
