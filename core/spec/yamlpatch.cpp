#include "spec/yamlpatch.h"

#include "spec/yamldocument.h"
#include "spec/yamlspec.h"

#include <QStringList>

namespace slipway::spec {

namespace {

struct KeyLine {
    Field field;
    int line; // 0-based
};

// The `key: value` block YAML writes for one argument, with its trailing newline.
Result<QString> entryText(Field field, const PyValue& value) {
    ImageSpec single;
    single.setArgument(field, value);
    const Result<QByteArray> text = saveSpecYaml(single);
    if (!text)
        return std::unexpected(text.error());
    return QString::fromUtf8(*text);
}

bool isBlankOrComment(const QString& line) {
    const QString trimmed = line.trimmed();
    return trimmed.isEmpty() || (trimmed.startsWith(QLatin1Char('#')) && line.startsWith(QLatin1Char('#')));
}

Result<QString> rewriteWhole(const QString& text, Field field, const std::optional<PyValue>& value) {
    SpecLoadResult loaded = loadSpecYaml(text.toUtf8(), {});
    if (!loaded.spec)
        return fail(QStringLiteral("spec.yaml.unreadable"),
                    QStringLiteral("the YAML is not an ImageSpec mapping"),
                    QStringLiteral("fix the YAML text first"));
    if (value)
        loaded.spec->setArgument(field, *value);
    else
        loaded.spec->clearArgument(field);
    const Result<QByteArray> written = saveSpecYaml(*loaded.spec);
    if (!written)
        return std::unexpected(written.error());
    return QString::fromUtf8(*written);
}

} // namespace

Result<QString> setYamlArgument(const QString& text, Field field, const std::optional<PyValue>& value) {
    const YamlDocument document = readYamlDocument(text.toUtf8(), {});
    if (hasErrors(document.diagnostics))
        return fail(QStringLiteral("spec.yaml.unreadable"), QStringLiteral("the YAML text has an error"),
                    QStringLiteral("fix the marked line first"));
    if (document.root == YamlDocument::Root::Other)
        return fail(
            QStringLiteral("spec.yaml.unreadable"),
            QStringLiteral("the YAML holds a %1, not an ImageSpec mapping").arg(document.rootTypeName),
            QStringLiteral("write one `argument: value` per line"));
    if (document.root == YamlDocument::Root::Nothing && text.trimmed().isEmpty() && !value)
        return text;

    QList<KeyLine> keys;
    bool block = document.root == YamlDocument::Root::Mapping;
    for (const YamlEntry& entry : document.entries) {
        if (entry.keyPosition.column != 1) // a flow mapping, or an indented document
            block = false;
        if (entry.key && entry.key->isStr())
            if (const std::optional<Field> known = fieldByName(entry.key->str()))
                keys.append({*known, entry.keyPosition.line - 1});
    }
    if (!block && document.root == YamlDocument::Root::Mapping)
        return rewriteWhole(text, field, value);

    QString newEntry;
    if (value) {
        const Result<QString> written = entryText(field, *value);
        if (!written)
            return std::unexpected(written.error());
        newEntry = *written;
    }

    QStringList lines = text.split(QLatin1Char('\n'));
    const bool endsWithNewline = text.endsWith(QLatin1Char('\n'));
    if (endsWithNewline)
        lines.removeLast();
    QStringList replacement = newEntry.split(QLatin1Char('\n'));
    replacement.removeLast(); // the entry text ends with a newline

    // Every top-level key starts a line; the entry runs to the next key, minus the blank lines and
    // column-0 comments in front of that key (they introduce it).
    QList<int> starts;
    for (const YamlEntry& entry : document.entries)
        starts.append(entry.keyPosition.line - 1);
    std::sort(starts.begin(), starts.end());

    const auto existing =
        std::find_if(keys.begin(), keys.end(), [&](const KeyLine& key) { return key.field == field; });
    if (existing != keys.end()) {
        const int first = existing->line;
        const auto next = std::upper_bound(starts.begin(), starts.end(), first);
        int end = next == starts.end() ? int(lines.size()) : *next; // exclusive
        while (end > first + 1 && isBlankOrComment(lines[end - 1]))
            --end;
        lines.remove(first, end - first);
        for (int i = 0; i < replacement.size(); ++i)
            lines.insert(first + i, replacement[i]);
    } else if (value) {
        // Before the first key that comes later in field order; else after the last entry.
        int insertAt = -1;
        for (const KeyLine& key : keys) {
            if (int(key.field) > int(field) && (insertAt < 0 || key.line < insertAt))
                insertAt = key.line;
        }
        if (insertAt >= 0) {
            while (insertAt > 0 && isBlankOrComment(lines[insertAt - 1]) &&
                   lines[insertAt - 1].startsWith(QLatin1Char('#')))
                --insertAt; // keep a key's comment above it
        } else {
            insertAt = int(lines.size());
            while (insertAt > 0 && lines[insertAt - 1].trimmed().isEmpty())
                --insertAt;
        }
        // `{}` is the empty mapping the writer uses for a spec without arguments.
        if (document.entries.isEmpty()) {
            lines.removeIf([](const QString& line) { return line.trimmed() == QLatin1String("{}"); });
            insertAt = std::min(insertAt, int(lines.size()));
        }
        for (int i = 0; i < replacement.size(); ++i)
            lines.insert(insertAt + i, replacement[i]);
    }

    bool onlyComments = true;
    for (const QString& line : std::as_const(lines))
        onlyComments = onlyComments && isBlankOrComment(line);
    while (onlyComments && !lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    QString patched = lines.join(QLatin1Char('\n'));
    if (!patched.isEmpty() && (endsWithNewline || onlyComments))
        patched += QLatin1Char('\n');
    // No argument left: the empty mapping, as the writer has it (an empty file is no ImageSpec).
    if (onlyComments)
        patched += QStringLiteral("{}\n");

    // The patch is a text edit; make sure it reads back as intended before handing it out.
    const SpecLoadResult check = loadSpecYaml(patched.toUtf8(), {});
    if (!check.spec || check.spec->argument(field) != value)
        return rewriteWhole(text, field, value);
    return patched;
}

} // namespace slipway::spec
