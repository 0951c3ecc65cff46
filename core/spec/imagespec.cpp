#include "spec/imagespec.h"

#include <QDir>
#include <QSysInfo>
#include <sys/utsname.h>

namespace slipway::spec {

HostEnvironment HostEnvironment::current() {
    HostEnvironment host;
    // platform.machine() is uname's machine field; QSysInfo renames it ("x86_64" -> "x86_64" but
    // "aarch64" -> "arm64"), so read uname directly.
    utsname name{};
    host.machine = uname(&name) == 0 ? QString::fromLatin1(name.machine) : QSysInfo::currentCpuArchitecture();
    host.workingDirectory = QDir::currentPath();
    return host;
}

QString HostEnvironment::resolvePath(const QString& path) const {
    if (QDir::isAbsolutePath(path))
        return path;
    return QDir(workingDirectory).filePath(path);
}

const std::optional<PyValue>& ImageSpec::argument(Field field) const {
    return m_arguments[static_cast<size_t>(field)];
}

void ImageSpec::setArgument(Field field, PyValue value) {
    m_arguments[static_cast<size_t>(field)] = std::move(value);
}

void ImageSpec::clearArgument(Field field) {
    m_arguments[static_cast<size_t>(field)].reset();
}

PyValue ImageSpec::value(Field field) const {
    const auto& given = argument(field);
    if (given)
        return *given;
    if (field == Field::Name)
        return PyValue(QStringLiteral("flytekit"));
    return {};
}

ImageSpec ImageSpec::resolved(const HostEnvironment& host) const {
    ImageSpec result;
    result.m_origin = m_origin;
    for (const FieldInfo& info : fieldInfos())
        result.setArgument(info.field, value(info.field));

    const PyValue name = result.value(Field::Name);
    if (name.isStr())
        result.setArgument(Field::Name, name.str().toLower());

    const PyValue registry = result.value(Field::Registry);
    if (registry.isStr() && registry.truthy())
        result.setArgument(Field::Registry, registry.str().toLower());

    if (result.value(Field::Platform).isNone()) {
        // flytekit >= 1.16.4: arm64 only when pushing to a localhost registry from an ARM host.
        const PyValue resolvedRegistry = result.value(Field::Registry);
        const bool armHost =
            host.machine == QLatin1String("arm64") || host.machine == QLatin1String("aarch64");
        const bool localRegistry =
            resolvedRegistry.isStr() && resolvedRegistry.str().startsWith(QLatin1String("localhost:"));
        result.setArgument(Field::Platform,
                           PyValue(armHost && localRegistry ? QStringLiteral("linux/arm64")
                                                            : QStringLiteral("linux/amd64")));
    }

    if (!result.value(Field::SourceRoot).isNone() && result.value(Field::SourceCopyMode).isNone())
        result.setArgument(Field::SourceCopyMode, PyValue::copyMode(CopyMode::LoadedModules));

    if (const ImageSpec* base = result.value(Field::BaseImage).spec())
        result.setArgument(Field::BaseImage,
                           PyValue::spec(std::make_shared<ImageSpec>(base->resolved(host))));

    return result;
}

bool ImageSpec::appendToList(Field field, const PyValue& addition) {
    PyValue current = value(field);
    if (current.isNone())
        current = PyValue::list({});
    if (!current.isList())
        return false;
    PyValue::List items = current.items();
    if (addition.isList())
        items.append(addition.items());
    else
        items.append(addition);
    setArgument(field, PyValue::list(std::move(items)));
    return true;
}

bool ImageSpec::mergeBuilderOptions(const PyValue& options) {
    PyValue current = value(Field::BuilderOptions);
    if (current.isNone())
        current = PyValue::dict({});
    if (!current.isDict() || !options.isDict())
        return false;
    PyValue::Dict entries = current.entries();
    for (const auto& [key, newValue] : options.entries()) {
        bool replaced = false;
        for (auto& entry : entries) {
            if (entry.first == key) {
                entry.second = newValue;
                replaced = true;
                break;
            }
        }
        if (!replaced)
            entries.append({key, newValue});
    }
    setArgument(Field::BuilderOptions, PyValue::dict(std::move(entries)));
    return true;
}

bool operator==(const ImageSpec& a, const ImageSpec& b) {
    return a.m_arguments == b.m_arguments;
}

} // namespace slipway::spec
