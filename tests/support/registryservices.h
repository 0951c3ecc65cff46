#pragma once

// The test registries of tests/services/up, read from the SLIPWAY_TEST_* variables it exports.
#include <QByteArray>
#include <QString>
#include <QTest>

namespace slipway::testing {

// The variable's value; QFAIL-worthy message in `problem` when it is missing.
inline QString serviceVariable(const char* name, QString& problem) {
    const QString value = qEnvironmentVariable(name);
    if (value.isEmpty() && problem.isEmpty())
        problem =
            QStringLiteral("%1 is not set: run eval \"$(tests/services/up)\" first").arg(QLatin1String(name));
    return value;
}

// A kubernetes.io/dockerconfigjson document with one auths entry.
inline QByteArray dockerConfigJson(const QString& host, const QString& user, const QString& password) {
    return QByteArray(R"({"auths":{")") + host.toUtf8() + R"(":{"auth":")" +
           (user + QLatin1Char(':') + password).toUtf8().toBase64() + R"("}}})";
}

} // namespace slipway::testing
