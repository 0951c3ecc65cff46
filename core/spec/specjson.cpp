#include "spec/specjson.h"

#include "spec/imagespec.h"

namespace slipway::spec {

QString copyModeName(CopyMode mode) {
    switch (mode) {
    case CopyMode::LoadedModules:
        return QStringLiteral("LOADED_MODULES");
    case CopyMode::All:
        return QStringLiteral("ALL");
    case CopyMode::NoCopy:
        return QStringLiteral("NO_COPY");
    }
    return {};
}

QJsonValue pyValueToJson(const PyValue& value) {
    switch (value.kind()) {
    case PyValue::Kind::None:
        return QJsonValue::Null;
    case PyValue::Kind::Bool:
        return value.boolean();
    case PyValue::Kind::Int:
        return value.integer();
    case PyValue::Kind::Float:
        return value.floating();
    case PyValue::Kind::Str:
        return value.str();
    case PyValue::Kind::List:
    case PyValue::Kind::Tuple: {
        QJsonArray array;
        for (const PyValue& item : value.items())
            array.append(pyValueToJson(item));
        return array;
    }
    case PyValue::Kind::Dict: {
        QJsonObject object;
        for (const auto& [key, entry] : value.entries())
            object.insert(key.isStr() ? key.str() : key.repr(), pyValueToJson(entry));
        return object;
    }
    case PyValue::Kind::CopyMode:
        return copyModeName(value.copyMode());
    case PyValue::Kind::Spec:
        return specArgumentsToJson(*value.spec());
    }
    return QJsonValue::Null;
}

QJsonObject specArgumentsToJson(const ImageSpec& spec) {
    QJsonObject object;
    for (const FieldInfo& info : fieldInfos()) {
        if (const auto& argument = spec.argument(info.field))
            object.insert(QString::fromLatin1(info.name), pyValueToJson(*argument));
    }
    return object;
}

QJsonObject diagnosticToJson(const Diagnostic& diagnostic) {
    QJsonObject object{{QStringLiteral("severity"),
                        diagnostic.isError() ? QStringLiteral("error") : QStringLiteral("warning")},
                       {QStringLiteral("message"), diagnostic.message},
                       {QStringLiteral("fix"), diagnostic.fix}};
    object.insert(QStringLiteral("field"),
                  diagnostic.field ? QJsonValue(fieldName(*diagnostic.field)) : QJsonValue());
    if (!diagnostic.file.isEmpty())
        object.insert(QStringLiteral("file"), diagnostic.file);
    if (diagnostic.position.line > 0) {
        object.insert(QStringLiteral("line"), diagnostic.position.line);
        object.insert(QStringLiteral("column"), diagnostic.position.column);
    }
    return object;
}

QJsonArray diagnosticsToJson(const Diagnostics& diagnostics) {
    QJsonArray array;
    for (const Diagnostic& diagnostic : diagnostics)
        array.append(diagnosticToJson(diagnostic));
    return array;
}

} // namespace slipway::spec
