#include "spec/specsource.h"

#include "spec/pythonimporter.h"
#include "spec/yamlspec.h"

#include <QFileInfo>

namespace slipway::spec {

namespace {

LoadedSpec failure(const QString& displayName, const QString& message, const QString& fix = {}) {
    LoadedSpec loaded;
    loaded.displayName = displayName;
    Diagnostic diagnostic = makeError(std::nullopt, message, fix);
    diagnostic.file = displayName;
    loaded.diagnostics.append(diagnostic);
    return loaded;
}

LoadedSpec loadPython(const QString& path, const QString& variable) {
    const QString display = variable.isEmpty() ? path : path + QLatin1Char(':') + variable;
    PythonImportResult imported = importSpecsFromPythonFile(path);
    LoadedSpec loaded;
    loaded.displayName = display;
    if (imported.specs.isEmpty()) {
        loaded.diagnostics = imported.diagnostics;
        if (!hasErrors(loaded.diagnostics)) {
            Diagnostic none =
                makeError(std::nullopt, QStringLiteral("no ImageSpec(...) call found in %1").arg(path),
                          QStringLiteral("define one, e.g. image = ImageSpec(name=\"my-image\", ...)"));
            none.file = path;
            loaded.diagnostics.append(none);
        }
        return loaded;
    }
    QStringList names;
    for (const ImportedSpec& candidate : imported.specs)
        names.append(candidate.variable);

    const ImportedSpec* chosen = nullptr;
    if (variable.isEmpty()) {
        if (imported.specs.size() > 1)
            return failure(display,
                           QStringLiteral("%1 defines %2 ImageSpecs: %3")
                               .arg(path)
                               .arg(names.size())
                               .arg(names.join(QStringLiteral(", "))),
                           QStringLiteral("name one: %1:%2").arg(path, names.first()));
        chosen = &imported.specs.first();
    } else {
        for (const ImportedSpec& candidate : imported.specs) {
            if (candidate.variable == variable)
                chosen = &candidate;
        }
        if (!chosen)
            return failure(display,
                           QStringLiteral("%1 has no ImageSpec named %2; it has: %3")
                               .arg(path, variable, names.join(QStringLiteral(", "))),
                           QStringLiteral("use one of those names after the ':'"));
    }
    // A complete spec has no errors of its own: the file's errors belong to its other specs.
    for (const Diagnostic& diagnostic : imported.diagnostics) {
        if (!chosen->complete || !diagnostic.isError())
            loaded.diagnostics.append(diagnostic);
    }
    if (!chosen->complete && !hasErrors(loaded.diagnostics))
        loaded.diagnostics.append(
            makeError(std::nullopt, QStringLiteral("%1 could not be read completely").arg(display)));
    loaded.spec = chosen->spec;
    return loaded;
}

} // namespace

LoadedSpec loadSpecArgument(const QString& argument) {
    QString path = argument;
    QString variable;
    const qsizetype pyColon = argument.indexOf(QStringLiteral(".py:"));
    if (pyColon >= 0) {
        path = argument.left(pyColon + 3);
        variable = argument.mid(pyColon + 4);
    }
    const QFileInfo info(path);
    if (!info.exists())
        return failure(argument, QStringLiteral("%1 does not exist").arg(path),
                       QStringLiteral("check the path"));
    if (info.isDir())
        return failure(argument, QStringLiteral("%1 is a folder, not a spec file").arg(path),
                       QStringLiteral("name a .yaml spec or a .py file"));
    if (path.endsWith(QLatin1String(".py")))
        return loadPython(path, variable);

    SpecLoadResult yaml = loadSpecYamlFile(path);
    LoadedSpec loaded;
    loaded.displayName = argument;
    loaded.spec = yaml.spec;
    loaded.diagnostics = yaml.diagnostics;
    return loaded;
}

} // namespace slipway::spec
