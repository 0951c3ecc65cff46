#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace slipway::registry {

// One challenge from a WWW-Authenticate header (RFC 7235): a scheme and its parameters.
struct AuthChallenge {
    QString scheme;                            // lower case: "bearer", "basic", "negotiate", ...
    QList<std::pair<QString, QString>> params; // names lower case, values unquoted and unescaped

    QString param(const QString& name) const;
    QString realm() const { return param(QStringLiteral("realm")); }
    QString service() const { return param(QStringLiteral("service")); }
    QString scope() const { return param(QStringLiteral("scope")); }
    QString error() const { return param(QStringLiteral("error")); }
    bool isBearer() const { return scheme == QLatin1String("bearer"); }
    bool isBasic() const { return scheme == QLatin1String("basic"); }

    friend bool operator==(const AuthChallenge&, const AuthChallenge&) = default;
};

// Every challenge in the given WWW-Authenticate header values, in order. One header may carry several
// challenges ("Basic realm=x, Bearer realm=y"); quoted values may contain commas, '=' and \-escapes.
// Malformed pieces are skipped rather than guessed at: this parses attacker-controlled input.
QList<AuthChallenge> parseAuthChallenges(const QList<QByteArray>& headerValues);

// The challenge to answer: Bearer first, else Basic (as go-containerregistry does); schemes the
// registry API does not use, such as Negotiate, are ignored.
std::optional<AuthChallenge> chooseChallenge(const QList<AuthChallenge>& challenges);

} // namespace slipway::registry
