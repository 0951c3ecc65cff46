#include "spec/pyvalue.h"

#include "spec/imagespec.h"
#include "spec/pyrepr.h"

#include <charconv>
#include <cmath>

namespace slipway::spec {

namespace {
const PyValue::List& emptyList() {
    static const PyValue::List empty;
    return empty;
}
const PyValue::Dict& emptyDict() {
    static const PyValue::Dict empty;
    return empty;
}
} // namespace

PyValue::PyValue(QString text) : m_value(std::move(text)) {}
PyValue::PyValue(const char* text) : m_value(QString::fromUtf8(text)) {}

PyValue PyValue::boolean(bool value) {
    return PyValue(Storage(value));
}
PyValue PyValue::integer(qint64 value) {
    return PyValue(Storage(value));
}
PyValue PyValue::floating(double value) {
    return PyValue(Storage(value));
}
PyValue PyValue::list(List items) {
    return PyValue(Storage(std::move(items)));
}
PyValue PyValue::tuple(List items) {
    return PyValue(Storage(Tuple{std::move(items)}));
}
PyValue PyValue::dict(Dict items) {
    return PyValue(Storage(std::move(items)));
}
PyValue PyValue::copyMode(CopyMode mode) {
    return PyValue(Storage(mode));
}
PyValue PyValue::spec(std::shared_ptr<const ImageSpec> nested) {
    return PyValue(Storage(std::move(nested)));
}

PyValue PyValue::stringList(const QStringList& items) {
    List values;
    values.reserve(items.size());
    for (const QString& item : items)
        values.append(PyValue(item));
    return list(std::move(values));
}

PyValue::Kind PyValue::kind() const {
    return static_cast<Kind>(m_value.index());
}

QString PyValue::str() const {
    const auto* text = std::get_if<QString>(&m_value);
    return text ? *text : QString();
}
bool PyValue::boolean() const {
    const auto* value = std::get_if<bool>(&m_value);
    return value && *value;
}
qint64 PyValue::integer() const {
    const auto* value = std::get_if<qint64>(&m_value);
    return value ? *value : 0;
}
double PyValue::floating() const {
    const auto* value = std::get_if<double>(&m_value);
    return value ? *value : 0.0;
}
const PyValue::List& PyValue::items() const {
    if (const auto* items = std::get_if<List>(&m_value))
        return *items;
    if (const auto* tupleValue = std::get_if<Tuple>(&m_value))
        return tupleValue->items;
    return emptyList();
}
const PyValue::Dict& PyValue::entries() const {
    const auto* entries = std::get_if<Dict>(&m_value);
    return entries ? *entries : emptyDict();
}
CopyMode PyValue::copyMode() const {
    const auto* mode = std::get_if<CopyMode>(&m_value);
    return mode ? *mode : CopyMode::NoCopy;
}
const ImageSpec* PyValue::spec() const {
    const auto* nested = std::get_if<std::shared_ptr<const ImageSpec>>(&m_value);
    return nested ? nested->get() : nullptr;
}
std::shared_ptr<const ImageSpec> PyValue::sharedSpec() const {
    const auto* nested = std::get_if<std::shared_ptr<const ImageSpec>>(&m_value);
    return nested ? *nested : nullptr;
}

bool PyValue::isStringList() const {
    if (kind() != Kind::List)
        return false;
    for (const PyValue& item : items()) {
        if (!item.isStr())
            return false;
    }
    return true;
}

QStringList PyValue::toStringList() const {
    QStringList result;
    for (const PyValue& item : items()) {
        if (item.isStr())
            result.append(item.str());
    }
    return result;
}

const PyValue* PyValue::find(const QString& key) const {
    for (const auto& [entryKey, entryValue] : entries()) {
        if (entryKey.isStr() && entryKey.str() == key)
            return &entryValue;
    }
    return nullptr;
}

bool PyValue::truthy() const {
    switch (kind()) {
    case Kind::None:
        return false;
    case Kind::Bool:
        return boolean();
    case Kind::Int:
        return integer() != 0;
    case Kind::Float:
        return floating() != 0.0;
    case Kind::Str:
        return !str().isEmpty();
    case Kind::List:
    case Kind::Tuple:
        return !items().isEmpty();
    case Kind::Dict:
        return !entries().isEmpty();
    case Kind::CopyMode:
    case Kind::Spec:
        return true;
    }
    return false;
}

QString PyValue::typeName() const {
    switch (kind()) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Bool:
        return QStringLiteral("bool");
    case Kind::Int:
        return QStringLiteral("int");
    case Kind::Float:
        return QStringLiteral("float");
    case Kind::Str:
        return QStringLiteral("str");
    case Kind::List:
        return QStringLiteral("list");
    case Kind::Tuple:
        return QStringLiteral("tuple");
    case Kind::Dict:
        return QStringLiteral("dict");
    case Kind::CopyMode:
        return QStringLiteral("CopyFileDetection");
    case Kind::Spec:
        return QStringLiteral("ImageSpec");
    }
    return {};
}

QString PyValue::repr() const {
    switch (kind()) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Bool:
        return boolean() ? QStringLiteral("True") : QStringLiteral("False");
    case Kind::Int:
        return QString::number(integer());
    case Kind::Float:
        return pyReprFloat(floating());
    case Kind::Str:
        return pyReprString(str());
    case Kind::List:
    case Kind::Tuple: {
        QStringList parts;
        for (const PyValue& item : items())
            parts.append(item.repr());
        if (kind() == Kind::List)
            return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
        // A one-element tuple keeps its trailing comma: (x,)
        if (parts.size() == 1)
            return QLatin1Char('(') + parts.first() + QStringLiteral(",)");
        return QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    case Kind::Dict: {
        QStringList parts;
        for (const auto& [key, value] : entries())
            parts.append(key.repr() + QStringLiteral(": ") + value.repr());
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    case Kind::CopyMode:
        switch (copyMode()) {
        case CopyMode::LoadedModules:
            return QStringLiteral("<CopyFileDetection.LOADED_MODULES: 1>");
        case CopyMode::All:
            return QStringLiteral("<CopyFileDetection.ALL: 2>");
        case CopyMode::NoCopy:
            return QStringLiteral("<CopyFileDetection.NO_COPY: 3>");
        }
        return {};
    case Kind::Spec:
        return hashedDictRepr(*spec());
    }
    return {};
}

bool operator==(const PyValue& a, const PyValue& b) {
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case PyValue::Kind::Float:
        // NaN compares equal to itself here: a loaded spec must equal its reloaded copy.
        return a.floating() == b.floating() || (std::isnan(a.floating()) && std::isnan(b.floating()));
    case PyValue::Kind::Spec:
        return *a.spec() == *b.spec();
    case PyValue::Kind::List:
    case PyValue::Kind::Tuple:
        return a.items() == b.items();
    default:
        return a.m_value == b.m_value;
    }
}

} // namespace slipway::spec
