#include "project/secretredaction.h"

#include <QRegularExpression>

namespace slipway::project {

namespace {

// Header-like names whose whole value is a credential: everything after the separator goes.
const QRegularExpression& headerPattern() {
    static const QRegularExpression pattern(
        QStringLiteral(
            R"(\b((?:proxy-)?authorization|x-registry-auth|x-registry-config)(["']?\s*[:=]\s*).*$)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    return pattern;
}

// "Bearer <token>" wherever it appears (e.g. quoted in a JSON dump of request headers).
const QRegularExpression& bearerPattern() {
    static const QRegularExpression pattern(QStringLiteral(R"(\b(bearer\s+)[A-Za-z0-9._~+/=-]+)"),
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

// Secret-looking names that may be part of a longer one (HF_TOKEN, pip_password, client-secret),
// followed by one '=' or ':' — "tokenizers==0.15" is a requirement, not an assignment, so "==" is
// left alone.
const QRegularExpression& assignmentPattern() {
    static const QRegularExpression pattern(
        QStringLiteral(
            R"(([\w.-]*(?:password|passwd|token|secret|api[_-]?key|access[_-]?key|private[_-]?key))"
            R"([\w.-]*["']?\s*[:=](?!=)\s*["']?)([^\s"',;&]+))"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

// Short names that are secrets only on their own (docker config's "auth", "pwd"), not inside
// "author" or "pwdx".
const QRegularExpression& exactNamePattern() {
    static const QRegularExpression pattern(
        QStringLiteral(R"(\b((?:auth|pwd|identitytoken)["']?\s*[:=](?!=)\s*["']?)([^\s"',;&]+))"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

// scheme://user:password@host
const QRegularExpression& urlPasswordPattern() {
    static const QRegularExpression pattern(
        QStringLiteral(R"(([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@)"));
    return pattern;
}

const QRegularExpression& secretNamePattern() {
    static const QRegularExpression pattern(
        QStringLiteral(
            R"((password|passwd|token|secret|api[_-]?key|access[_-]?key|private[_-]?key|credential|^auth$|^pwd$))"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

} // namespace

QString redactSecrets(const QString& text) {
    QString result = text;
    result.replace(headerPattern(), QStringLiteral("\\1\\2") + kRedacted);
    result.replace(bearerPattern(), QStringLiteral("\\1") + kRedacted);
    result.replace(assignmentPattern(), QStringLiteral("\\1") + kRedacted);
    result.replace(exactNamePattern(), QStringLiteral("\\1") + kRedacted);
    result.replace(urlPasswordPattern(), QStringLiteral("\\1") + kRedacted + QLatin1Char('@'));
    return result;
}

bool isSecretName(const QString& name) {
    return secretNamePattern().match(name).hasMatch();
}

} // namespace slipway::project
