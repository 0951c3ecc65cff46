#pragma once

#include "spec/imagespec.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <initializer_list>
#include <utility>

namespace slipway::testing {

// ImageSpec from (field, value) pairs, as a Python call with keyword arguments would give.
inline spec::ImageSpec makeSpec(std::initializer_list<std::pair<spec::Field, spec::PyValue>> arguments) {
    spec::ImageSpec result;
    for (const auto& [field, value] : arguments)
        result.setArgument(field, value);
    return result;
}

inline spec::PyValue strings(std::initializer_list<const char*> items) {
    spec::PyValue::List list;
    for (const char* item : items)
        list.append(spec::PyValue(item));
    return spec::PyValue::list(list);
}

inline spec::HostEnvironment x86Host(const QString& workingDirectory = QDir::currentPath()) {
    return spec::HostEnvironment{QStringLiteral("x86_64"), workingDirectory};
}

// Writes `contents` to `dir/relativePath`, creating folders.
inline bool writeFile(const QString& dir, const QString& relativePath, const QByteArray& contents) {
    const QString path = QDir(dir).filePath(relativePath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

} // namespace slipway::testing
