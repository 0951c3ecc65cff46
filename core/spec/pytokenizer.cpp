#include "spec/pytokenizer.h"

#include <algorithm>
#include <array>

namespace slipway::spec {

namespace {

// CPython's limits: deeper nesting is a SyntaxError there, and bounding it here keeps the
// recursive parts of the importer (parser, f-string scanner) far from the stack's end.
constexpr int kMaxBracketDepth = 200;
constexpr int kMaxIndentLevels = 100;
constexpr int kMaxFStringNesting = 20;
constexpr qsizetype kExcerptLength = 72;

constexpr std::array<const char*, 4> kThreeCharOperators{"**=", "//=", ">>=", "<<="};
constexpr std::array<const char*, 19> kTwoCharOperators{
    "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", ":=",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="};
constexpr QStringView kOneCharOperators = u"()[]{},:;.+-*/%&|^~<>=@!";

bool isNewline(QChar c) {
    return c == u'\n' || c == u'\r';
}

bool isValidStringPrefix(QStringView prefix) {
    if (prefix.size() > 2)
        return false;
    const QString lowered = prefix.toString().toLower();
    static const std::array<QStringView, 8> valid{u"r", u"u", u"b", u"f", u"br", u"rb", u"fr", u"rf"};
    return std::find(valid.begin(), valid.end(), QStringView(lowered)) != valid.end();
}

class Tokenizer {
public:
    explicit Tokenizer(PySource& out) : m_out(out), m_text(out.text) { indexLines(); }

    void run() {
        while (!m_out.error && step()) {
        }
        if (m_out.error)
            return finish(false);
        if (!m_brackets.empty()) {
            fail(m_brackets.back().offset,
                 QStringLiteral("'%1' was never closed").arg(m_text[m_brackets.back().offset]));
            return finish(false);
        }
        finish(true);
    }

private:
    struct OpenBracket {
        QChar bracket;
        qsizetype offset;
    };

    SourcePosition positionAt(qsizetype offset) const {
        const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
        const auto line = static_cast<int>(next - m_lineStarts.begin());
        return {line, static_cast<int>(offset - m_lineStarts[size_t(line - 1)]) + 1};
    }

    void indexLines() {
        m_lineStarts.push_back(0);
        for (qsizetype i = 0; i < m_text.size(); ++i) {
            if (m_text[i] == u'\r' && i + 1 < m_text.size() && m_text[i + 1] == u'\n')
                continue;
            if (isNewline(m_text[i]))
                m_lineStarts.push_back(i + 1);
        }
    }

    QChar at(qsizetype offset) const { return offset < m_text.size() ? m_text[offset] : QChar(); }

    void fail(qsizetype offset, QString message) {
        if (!m_out.error)
            m_out.error = PySyntaxError{positionAt(offset), std::move(message)};
    }

    void addToken(PyTokenKind kind, qsizetype begin, qsizetype end) {
        m_out.tokens.push_back(PyToken{kind, begin, end, positionAt(begin)});
    }

    bool lastTokenEndsLine() const {
        if (m_out.tokens.empty())
            return true;
        const PyTokenKind kind = m_out.tokens.back().kind;
        return kind == PyTokenKind::Newline || kind == PyTokenKind::Indent || kind == PyTokenKind::Dedent;
    }

    void finish(bool complete) {
        if (complete && !lastTokenEndsLine())
            addToken(PyTokenKind::Newline, m_pos, m_pos);
        if (complete) {
            for (size_t i = 1; i < m_indents.size(); ++i)
                addToken(PyTokenKind::Dedent, m_pos, m_pos);
        }
        addToken(PyTokenKind::EndOfFile, m_text.size(), m_text.size());
    }

    void skipComment() {
        while (m_pos < m_text.size() && !isNewline(m_text[m_pos]))
            ++m_pos;
    }

    qsizetype skipNewline(qsizetype offset) const {
        if (at(offset) == u'\r' && at(offset + 1) == u'\n')
            return offset + 2;
        return offset + 1;
    }

    // Measures the indentation of a new line and emits INDENT/DEDENT; blank and comment-only lines
    // are skipped whole, as CPython does. Returns false at the end of the text.
    bool startLine() {
        while (m_pos < m_text.size()) {
            int column = 0;
            while (m_pos < m_text.size()) {
                const QChar c = m_text[m_pos];
                if (c == u' ')
                    ++column;
                else if (c == u'\t')
                    column = (column / 8 + 1) * 8;
                else if (c == u'\f')
                    column = 0;
                else
                    break;
                ++m_pos;
            }
            if (m_pos >= m_text.size())
                return false;
            const QChar c = m_text[m_pos];
            if (c == u'#') {
                skipComment();
                continue;
            }
            if (isNewline(c)) {
                m_pos = skipNewline(m_pos);
                continue;
            }
            return indentTo(column);
        }
        return false;
    }

    bool indentTo(int column) {
        if (column > m_indents.back()) {
            if (int(m_indents.size()) > kMaxIndentLevels) {
                fail(m_pos, QStringLiteral("too many levels of indentation"));
                return false;
            }
            m_indents.push_back(column);
            addToken(PyTokenKind::Indent, m_pos, m_pos);
            return true;
        }
        while (column < m_indents.back()) {
            m_indents.pop_back();
            addToken(PyTokenKind::Dedent, m_pos, m_pos);
        }
        if (column != m_indents.back()) {
            fail(m_pos, QStringLiteral("unindent does not match any outer indentation level"));
            return false;
        }
        return true;
    }

    // One token (or skipped whitespace/comment/newline). Returns false at the end of the text.
    bool step() {
        if (m_atLineStart) {
            m_atLineStart = false;
            if (m_brackets.empty() && !startLine())
                return false;
        }
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == u' ' || m_text[m_pos] == u'\t' || m_text[m_pos] == u'\f'))
            ++m_pos;
        if (m_pos >= m_text.size())
            return false;
        const QChar c = m_text[m_pos];
        if (c == u'#') {
            skipComment();
            return true;
        }
        if (isNewline(c)) {
            if (m_brackets.empty() && !lastTokenEndsLine())
                addToken(PyTokenKind::Newline, m_pos, m_pos);
            m_pos = skipNewline(m_pos);
            m_atLineStart = true;
            return true;
        }
        if (c == u'\\') {
            if (m_pos + 1 >= m_text.size()) {
                fail(m_pos, QStringLiteral("unexpected end of file after line continuation character"));
                return false;
            }
            if (!isNewline(m_text[m_pos + 1])) {
                fail(m_pos, QStringLiteral("unexpected character after line continuation character"));
                return false;
            }
            m_pos = skipNewline(m_pos + 1);
            return true;
        }
        if (c.isDigit() && c.unicode() < 0x80)
            return number();
        if (c == u'.' && at(m_pos + 1).isDigit() && at(m_pos + 1).unicode() < 0x80)
            return number();
        if (c == u'"' || c == u'\'')
            return string(m_pos, m_pos, false);
        if (isIdentifierStart(m_pos))
            return nameOrPrefixedString();
        return operatorToken();
    }

    // Length of the identifier character at `offset` (2 for a surrogate pair), 0 if none.
    int identifierCharLength(qsizetype offset, bool start) const {
        const QChar c = at(offset);
        if (c.isNull())
            return 0;
        if (c.unicode() < 0x80) {
            const bool ok = c == u'_' || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                            (!start && c >= u'0' && c <= u'9');
            return ok ? 1 : 0;
        }
        if (c.isHighSurrogate() && at(offset + 1).isLowSurrogate()) {
            const char32_t codePoint = QChar::surrogateToUcs4(c, at(offset + 1));
            return QChar::isLetterOrNumber(codePoint) || QChar::isMark(codePoint) ? 2 : 0;
        }
        return c.isLetterOrNumber() || (!start && c.isMark()) ? 1 : 0;
    }
    bool isIdentifierStart(qsizetype offset) const { return identifierCharLength(offset, true) > 0; }

    bool nameOrPrefixedString() {
        const qsizetype begin = m_pos;
        qsizetype end = m_pos;
        while (int length = identifierCharLength(end, end == begin))
            end += length;
        const QChar next = at(end);
        if ((next == u'"' || next == u'\'') &&
            isValidStringPrefix(QStringView(m_text).mid(begin, end - begin))) {
            const QString prefix = m_text.mid(begin, end - begin).toLower();
            return string(begin, end, prefix.contains(u'f'));
        }
        addToken(PyTokenKind::Name, begin, end);
        m_pos = end;
        return true;
    }

    bool number() {
        const qsizetype begin = m_pos;
        qsizetype p = m_pos;
        const auto isDigitOrUnderscore = [&](qsizetype i) {
            const QChar c = at(i);
            return (c >= u'0' && c <= u'9') || c == u'_';
        };
        const QChar second = at(p + 1).toLower();
        if (at(p) == u'0' && (second == u'x' || second == u'o' || second == u'b')) {
            p += 2;
            // Take every letter and digit so that "0b102" is one (invalid) literal, not two tokens.
            while (at(p).unicode() < 0x80 && (at(p).isLetterOrNumber() || at(p) == u'_'))
                ++p;
        } else {
            while (isDigitOrUnderscore(p))
                ++p;
            if (at(p) == u'.' && at(p + 1) != u'.') {
                ++p;
                while (isDigitOrUnderscore(p))
                    ++p;
            }
            const QChar e = at(p);
            if (e == u'e' || e == u'E') {
                const qsizetype digits = (at(p + 1) == u'+' || at(p + 1) == u'-') ? p + 2 : p + 1;
                if (at(digits) >= u'0' && at(digits) <= u'9') {
                    p = digits;
                    while (isDigitOrUnderscore(p))
                        ++p;
                }
            }
            if (at(p) == u'j' || at(p) == u'J')
                ++p;
        }
        addToken(PyTokenKind::Number, begin, p);
        m_pos = p;
        return true;
    }

    // A string starting at `begin` (prefix included) whose opening quote is at `quote`.
    bool string(qsizetype begin, qsizetype quote, bool formatted) {
        qsizetype p = quote;
        if (!scanString(p, formatted, 0))
            return false;
        addToken(PyTokenKind::String, begin, p);
        m_pos = p;
        return true;
    }

    // Advances `p` from an opening quote to just past the closing one.
    bool scanString(qsizetype& p, bool formatted, int nesting) {
        const qsizetype start = p;
        const QChar quote = m_text[p];
        const bool triple = at(p + 1) == quote && at(p + 2) == quote;
        p += triple ? 3 : 1;
        while (true) {
            if (p >= m_text.size()) {
                fail(start, triple ? QStringLiteral("unterminated triple-quoted string literal")
                                   : QStringLiteral("unterminated string literal"));
                return false;
            }
            const QChar c = m_text[p];
            if (c == u'\\') {
                p = p + 1 < m_text.size() && isNewline(m_text[p + 1]) ? skipNewline(p + 1) : p + 2;
                continue;
            }
            if (c == quote && (!triple || (at(p + 1) == quote && at(p + 2) == quote))) {
                p += triple ? 3 : 1;
                return true;
            }
            if (isNewline(c) && !triple) {
                fail(start, QStringLiteral("unterminated string literal"));
                return false;
            }
            if (formatted && (c == u'{' || c == u'}')) {
                if (at(p + 1) == c) {
                    p += 2;
                    continue;
                }
                if (c == u'{' && !scanReplacementField(p, !triple, nesting + 1))
                    return false;
                if (c == u'}')
                    ++p;
                continue;
            }
            ++p;
        }
    }

    // Advances `p` from the `{` of an f-string replacement field to just past its `}`. Inside, quotes
    // start nested strings (PEP 701) and a top-level ':' starts the format spec.
    bool scanReplacementField(qsizetype& p, bool singleLine, int nesting) {
        const qsizetype start = p;
        if (nesting > kMaxFStringNesting) {
            fail(start, QStringLiteral("f-string: expressions nested too deeply"));
            return false;
        }
        ++p;
        int depth = 0;
        bool inFormatSpec = false;
        while (true) {
            if (p >= m_text.size() || (singleLine && isNewline(m_text[p]))) {
                fail(start, QStringLiteral("f-string: expecting '}'"));
                return false;
            }
            const QChar c = m_text[p];
            if (inFormatSpec) {
                if (c == u'{') {
                    if (!scanReplacementField(p, singleLine, nesting + 1))
                        return false;
                    continue;
                }
                if (c == u'}') {
                    ++p;
                    return true;
                }
                p += c == u'\\' ? 2 : 1;
                continue;
            }
            if (c == u'"' || c == u'\'') {
                if (!scanString(p, false, nesting + 1))
                    return false;
                continue;
            }
            if (int length = identifierCharLength(p, true)) {
                qsizetype end = p + length;
                while (int more = identifierCharLength(end, false))
                    end += more;
                const QChar next = at(end);
                if ((next == u'"' || next == u'\'') &&
                    isValidStringPrefix(QStringView(m_text).mid(p, end - p))) {
                    const bool nestedFormatted = m_text.mid(p, end - p).toLower().contains(u'f');
                    p = end;
                    if (!scanString(p, nestedFormatted, nesting + 1))
                        return false;
                    continue;
                }
                p = end;
                continue;
            }
            if (c == u'(' || c == u'[' || c == u'{')
                ++depth;
            else if (c == u')' || c == u']')
                depth = std::max(0, depth - 1);
            else if (c == u'}') {
                if (depth == 0) {
                    ++p;
                    return true;
                }
                --depth;
            } else if (c == u':' && depth == 0 && at(p + 1) != u'=') {
                inFormatSpec = true;
            }
            ++p;
        }
    }

    bool operatorToken() {
        const QStringView rest = QStringView(m_text).mid(m_pos);
        qsizetype length = 0;
        if (rest.startsWith(u"...")) {
            length = 3;
        } else {
            for (const char* op : kThreeCharOperators) {
                if (rest.startsWith(QLatin1StringView(op))) {
                    length = 3;
                    break;
                }
            }
        }
        if (length == 0) {
            for (const char* op : kTwoCharOperators) {
                if (rest.startsWith(QLatin1StringView(op))) {
                    length = 2;
                    break;
                }
            }
        }
        if (length == 0 && kOneCharOperators.contains(rest.front()))
            length = 1;
        if (length == 0) {
            const char32_t codePoint = rest.front().isHighSurrogate() && rest.size() > 1
                                           ? QChar::surrogateToUcs4(rest[0], rest[1])
                                           : char32_t(rest.front().unicode());
            const QString character =
                rest.left(rest.front().isHighSurrogate() && rest.size() > 1 ? 2 : 1).toString();
            fail(m_pos,
                 QStringLiteral("invalid character '%1' (U+%2)")
                     .arg(character, QString::number(uint(codePoint), 16).toUpper().rightJustified(4, u'0')));
            return false;
        }
        if (length == 1 && !trackBracket(rest.front()))
            return false;
        addToken(PyTokenKind::Operator, m_pos, m_pos + length);
        m_pos += length;
        return true;
    }

    bool trackBracket(QChar c) {
        if (c == u'(' || c == u'[' || c == u'{') {
            if (int(m_brackets.size()) >= kMaxBracketDepth) {
                fail(m_pos, QStringLiteral("too many nested parentheses"));
                return false;
            }
            m_brackets.push_back({c, m_pos});
            return true;
        }
        if (c != u')' && c != u']' && c != u'}')
            return true;
        if (m_brackets.empty()) {
            fail(m_pos, QStringLiteral("unmatched '%1'").arg(c));
            return false;
        }
        const QChar open = m_brackets.back().bracket;
        const QChar expected = open == u'(' ? u')' : open == u'[' ? u']' : u'}';
        if (c != expected) {
            fail(m_pos,
                 QStringLiteral("closing parenthesis '%1' does not match opening parenthesis '%2' on line %3")
                     .arg(c)
                     .arg(open)
                     .arg(positionAt(m_brackets.back().offset).line));
            return false;
        }
        m_brackets.pop_back();
        return true;
    }

    PySource& m_out;
    const QString& m_text;
    std::vector<qsizetype> m_lineStarts;
    std::vector<int> m_indents{0};
    std::vector<OpenBracket> m_brackets;
    qsizetype m_pos = 0;
    bool m_atLineStart = true;
};

} // namespace

QStringView PySource::view(int index) const {
    if (index < 0 || size_t(index) >= tokens.size())
        return {};
    const PyToken& token = tokens[size_t(index)];
    return QStringView(text).mid(token.begin, token.end - token.begin);
}

bool PySource::isOperator(int index, QStringView op) const {
    return index >= 0 && size_t(index) < tokens.size() &&
           tokens[size_t(index)].kind == PyTokenKind::Operator && view(index) == op;
}

bool PySource::isName(int index, QStringView name) const {
    return index >= 0 && size_t(index) < tokens.size() && tokens[size_t(index)].kind == PyTokenKind::Name &&
           view(index) == name;
}

int PySource::bracketDelta(int index) const {
    if (index < 0 || size_t(index) >= tokens.size() || tokens[size_t(index)].kind != PyTokenKind::Operator)
        return 0;
    const QStringView op = view(index);
    if (op == u"(" || op == u"[" || op == u"{")
        return 1;
    if (op == u")" || op == u"]" || op == u"}")
        return -1;
    return 0;
}

int PySource::next(int index) const {
    if (index >= 0 && size_t(index) < closers.size() && closers[size_t(index)] > index)
        return closers[size_t(index)] + 1;
    return index + 1;
}

int PySource::topLevelColon(int from, int end, bool stopAtComma) const {
    int lambdas = 0;
    for (int i = from; i < end; i = next(i)) {
        if (bracketDelta(i) < 0)
            return -1;
        if (isName(i, u"lambda"))
            ++lambdas;
        else if (stopAtComma && isOperator(i, u","))
            return -1;
        else if (isOperator(i, u":") && lambdas-- == 0)
            return i;
    }
    return -1;
}

QString PySource::excerpt(int first, int last) const {
    if (first < 0 || last < first || size_t(last) >= tokens.size())
        return {};
    const qsizetype begin = tokens[size_t(first)].begin;
    // Only a bounded prefix is read: a message needs a few words of a possibly huge expression.
    const qsizetype length = tokens[size_t(last)].end - begin;
    QString line = text.mid(begin, std::min(length, 4 * kExcerptLength)).simplified();
    if (line.size() > kExcerptLength || length > 4 * kExcerptLength) {
        qsizetype keep = std::min(line.size(), kExcerptLength - 3);
        if (line[keep - 1].isHighSurrogate())
            --keep; // never split a character outside the Basic Multilingual Plane
        line = line.left(keep) + QStringLiteral("...");
    }
    return line;
}

PySource tokenizePython(const QByteArray& utf8) {
    PySource source;
    source.text = QString::fromUtf8(utf8);
    if (source.text.startsWith(QChar(0xfeff)))
        source.text.remove(0, 1); // a UTF-8 BOM, which editors do not show as a column
    Tokenizer(source).run();
    source.closers.assign(source.tokens.size(), -1);
    std::vector<int> open;
    for (int i = 0; i < int(source.tokens.size()); ++i) {
        const int delta = source.bracketDelta(i);
        if (delta > 0) {
            open.push_back(i);
        } else if (delta < 0 && !open.empty()) {
            source.closers[size_t(open.back())] = i;
            open.pop_back();
        }
    }
    return source;
}

} // namespace slipway::spec
