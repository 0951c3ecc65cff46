#pragma once

// The test registries of tests/services/up, read from the SLIPWAY_TEST_* variables it exports.
#include <QByteArray>
#include <QString>
#include <QTest>
#include <utility>

namespace slipway::testing {

// The variable's value; QFAIL-worthy message in `problem` when it is missing.
inline QString serviceVariable(const char* name, QString& problem) {
    const QString value = qEnvironmentVariable(name);
    if (value.isEmpty() && problem.isEmpty())
        problem =
            QStringLiteral("%1 is not set: run eval \"$(tests/services/up)\" first").arg(QLatin1String(name));
    return value;
}

// The registries and logins of tests/services/up, for the registry tests.
struct RegistryServices {
    QString open;                            // no authentication
    QString basic, basicUser, basicPassword; // htpasswd Basic auth
    QString token, tokenServer;              // GHCR-like: public/* anonymous, private/* for tokenUser
    QString tokenUser, tokenPassword;        // may pull and push everything
    QString outsider, outsiderPassword;      // a valid login that may not read private/*
    QString tls, tlsCa;                      // TLS with its own CA
    QString rateLimited;                     // answers 429

    // All of them from the environment; the first one missing is named in `problem`.
    static RegistryServices fromEnvironment(QString& problem) {
        RegistryServices services;
        const std::pair<QString RegistryServices::*, const char*> variables[] = {
            {&RegistryServices::open, "SLIPWAY_TEST_REGISTRY"},
            {&RegistryServices::basic, "SLIPWAY_TEST_BASIC_REGISTRY"},
            {&RegistryServices::basicUser, "SLIPWAY_TEST_BASIC_USER"},
            {&RegistryServices::basicPassword, "SLIPWAY_TEST_BASIC_PASSWORD"},
            {&RegistryServices::token, "SLIPWAY_TEST_TOKEN_REGISTRY"},
            {&RegistryServices::tokenServer, "SLIPWAY_TEST_TOKEN_SERVER"},
            {&RegistryServices::tokenUser, "SLIPWAY_TEST_TOKEN_USER"},
            {&RegistryServices::tokenPassword, "SLIPWAY_TEST_TOKEN_PASSWORD"},
            {&RegistryServices::outsider, "SLIPWAY_TEST_TOKEN_OUTSIDER_USER"},
            {&RegistryServices::outsiderPassword, "SLIPWAY_TEST_TOKEN_OUTSIDER_PASSWORD"},
            {&RegistryServices::tls, "SLIPWAY_TEST_TLS_REGISTRY"},
            {&RegistryServices::tlsCa, "SLIPWAY_TEST_TLS_CA"},
            {&RegistryServices::rateLimited, "SLIPWAY_TEST_RATELIMIT_REGISTRY"},
        };
        for (const auto& [member, name] : variables)
            services.*member = serviceVariable(name, problem);
        return services;
    }
};

// A kubernetes.io/dockerconfigjson document with one auths entry.
inline QByteArray dockerConfigJson(const QString& host, const QString& user, const QString& password) {
    return QByteArray(R"({"auths":{")") + host.toUtf8() + R"(":{"auth":")" +
           (user + QLatin1Char(':') + password).toUtf8().toBase64() + R"("}}})";
}

} // namespace slipway::testing
