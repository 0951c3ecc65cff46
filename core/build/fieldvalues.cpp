#include "build/fieldvalues.h"

#include "build/pytext.h"

namespace slipway::build {

std::unexpected<Error> wrongType(spec::Field field, const spec::PyValue& value, const QString& expected,
                                 const QString& example) {
    const QString name = spec::fieldName(field);
    return fail(
        QStringLiteral("build.invalidField"),
        QStringLiteral("%1 must be %2, not the %3 %4").arg(name, expected, value.typeName(), value.repr()),
        QStringLiteral("Write %1 as %2, e.g. %1: %3").arg(name, expected, example));
}

Result<QStringList> stringListField(const spec::ImageSpec& resolved, spec::Field field) {
    const spec::PyValue value = resolved.value(field);
    if (value.isNone())
        return QStringList{};
    if (!value.isStringList())
        return wrongType(field, value, QStringLiteral("a list of strings"), QStringLiteral("[\"item\"]"));
    return value.toStringList();
}

QString textField(const spec::ImageSpec& resolved, spec::Field field) {
    const spec::PyValue value = resolved.value(field);
    return value.isNone() ? QString() : pyStr(value);
}

} // namespace slipway::build
