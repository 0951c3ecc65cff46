#include "registry/authchallenge.h"

namespace slipway::registry {

namespace {

bool isTokenChar(QChar c) {
    // RFC 7230 tchar.
    static const QString extra = QStringLiteral("!#$%&'*+-.^_`|~");
    return (c.unicode() < 128 && c.isLetterOrNumber()) || extra.contains(c);
}

// A cursor over one header value; every method leaves `pos` after what it consumed.
struct Scanner {
    QString text;
    qsizetype pos = 0;

    bool atEnd() const { return pos >= text.size(); }
    QChar peek() const { return atEnd() ? QChar() : text.at(pos); }
    void skipSpace() {
        while (!atEnd() && (peek() == QLatin1Char(' ') || peek() == QLatin1Char('\t')))
            ++pos;
    }
    bool skipSeparators() {
        bool any = false;
        while (!atEnd() &&
               (peek() == QLatin1Char(',') || peek() == QLatin1Char(' ') || peek() == QLatin1Char('\t'))) {
            ++pos;
            any = true;
        }
        return any;
    }
    QString token() {
        const qsizetype start = pos;
        while (!atEnd() && isTokenChar(peek()))
            ++pos;
        return text.mid(start, pos - start);
    }
    // Unquoted values should be tokens, but registries send URLs unquoted too: read to the comma.
    QString bareValue() {
        const qsizetype start = pos;
        while (!atEnd() && peek() != QLatin1Char(','))
            ++pos;
        return text.mid(start, pos - start).trimmed();
    }
    std::optional<QString> quoted() {
        ++pos; // opening quote
        QString value;
        while (!atEnd()) {
            const QChar c = text.at(pos++);
            if (c == QLatin1Char('"'))
                return value;
            if (c == QLatin1Char('\\') && !atEnd())
                value += text.at(pos++);
            else
                value += c;
        }
        return std::nullopt; // unterminated
    }
    // Skips the rest of a broken parameter: to the next comma outside quotes.
    void skipToComma() {
        bool inQuotes = false;
        while (!atEnd()) {
            const QChar c = text.at(pos);
            if (c == QLatin1Char('\\') && inQuotes) {
                pos += 2;
                continue;
            }
            if (c == QLatin1Char('"'))
                inQuotes = !inQuotes;
            else if (c == QLatin1Char(',') && !inQuotes)
                return;
            ++pos;
        }
    }
};

// After a name has been read: true when '=' follows (a parameter), false when the name was the next
// challenge's scheme or a token68 blob ("abc==") — then the position is restored.
bool isParameterStart(Scanner& scanner) {
    const qsizetype save = scanner.pos;
    scanner.skipSpace();
    if (scanner.peek() == QLatin1Char('=') &&
        (scanner.pos + 1 >= scanner.text.size() || scanner.text.at(scanner.pos + 1) != QLatin1Char('=')))
        return true;
    scanner.pos = save;
    return false;
}

void parseOneHeader(const QString& value, QList<AuthChallenge>& out) {
    Scanner scanner{value};
    bool haveCurrent = false;
    while (true) {
        scanner.skipSeparators();
        if (scanner.atEnd())
            break;
        const QString name = scanner.token();
        if (name.isEmpty()) {
            ++scanner.pos; // a stray character ('=' of a token68, a quote, ...): skip to the next comma
            scanner.skipToComma();
            continue;
        }
        if (haveCurrent && isParameterStart(scanner)) {
            scanner.skipSpace();
            ++scanner.pos; // '='
            scanner.skipSpace();
            const std::optional<QString> paramValue =
                scanner.peek() == QLatin1Char('"') ? scanner.quoted() : std::optional(scanner.bareValue());
            if (paramValue)
                out.last().params.append({name.toLower(), *paramValue});
            scanner.skipToComma();
            continue;
        }
        // Anything else begins a new challenge. A token68 after a scheme (never sent by registries)
        // becomes a parameter-less challenge of its own, which chooseChallenge() ignores.
        out.append(AuthChallenge{name.toLower(), {}});
        haveCurrent = true;
    }
}

} // namespace

QString AuthChallenge::param(const QString& name) const {
    for (const auto& [key, value] : params) {
        if (key == name)
            return value;
    }
    return {};
}

QList<AuthChallenge> parseAuthChallenges(const QList<QByteArray>& headerValues) {
    QList<AuthChallenge> challenges;
    for (const QByteArray& value : headerValues)
        parseOneHeader(QString::fromUtf8(value), challenges);
    return challenges;
}

std::optional<AuthChallenge> chooseChallenge(const QList<AuthChallenge>& challenges) {
    for (const AuthChallenge& challenge : challenges) {
        if (challenge.isBearer())
            return challenge;
    }
    for (const AuthChallenge& challenge : challenges) {
        if (challenge.isBasic())
            return challenge;
    }
    return std::nullopt;
}

} // namespace slipway::registry
