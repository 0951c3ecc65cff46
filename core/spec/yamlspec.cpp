#include "spec/yamlspec.h"

#include "spec/field.h"
#include "spec/specjson.h"
#include "spec/yaml11.h"
#include "spec/yamldocument.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStringList>

namespace slipway::spec {

namespace {

// Longer implicit keys are refused by PyYAML (1024 characters) and yaml-cpp (1024 bytes); such
// keys are written in the explicit `? key` form. Counted in UTF-8 bytes, which is the stricter.
constexpr qsizetype kMaxImplicitKeyLength = 1000;

Diagnostic located(Diagnostic diagnostic, const QString& fileName, SourcePosition position) {
    diagnostic.file = fileName;
    diagnostic.position = position;
    return diagnostic;
}

bool isVersionField(Field field) {
    return field == Field::PythonVersion || field == Field::Cuda || field == Field::Cudnn;
}

QString allFieldNames() {
    QStringList names;
    for (const FieldInfo& info : fieldInfos())
        names.append(QString::fromLatin1(info.name));
    return names.join(QStringLiteral(", "));
}

// `source_copy_mode: ALL` names flytekit's CopyFileDetection member. The names are matched exactly
// (upper case), as `CopyFileDetection[name]` does; a wrong case gets a targeted hint.
std::optional<PyValue> readCopyMode(const YamlEntry& entry, const QString& fileName,
                                    Diagnostics& diagnostics) {
    const PyValue& value = *entry.value;
    const QString choices = QStringLiteral("ALL, LOADED_MODULES or NO_COPY");
    if (value.isNone())
        return value;
    if (!value.isStr()) {
        diagnostics.append(located(makeError(Field::SourceCopyMode,
                                             QStringLiteral("source_copy_mode is the %1 %2, not a copy mode")
                                                 .arg(value.typeName(), value.repr()),
                                             QStringLiteral("write one of %1").arg(choices)),
                                   fileName, entry.valuePosition));
        return std::nullopt;
    }
    const QString name = value.str();
    for (CopyMode mode : {CopyMode::All, CopyMode::LoadedModules, CopyMode::NoCopy}) {
        if (name == copyModeName(mode)) {
            diagnostics.append(located(
                makeWarning(
                    Field::SourceCopyMode,
                    QStringLiteral("pyflyte reads `source_copy_mode: %1` from YAML as the text '%1', not as "
                                   "CopyFileDetection.%1, so its image tag differs from Slipway's")
                        .arg(name),
                    QStringLiteral("build and push with Slipway, or set source_copy_mode in a Python "
                                   "ImageSpec when pyflyte builds it")),
                fileName, entry.valuePosition));
            return PyValue::copyMode(mode);
        }
        if (name.compare(copyModeName(mode), Qt::CaseInsensitive) == 0) {
            diagnostics.append(
                located(makeError(Field::SourceCopyMode,
                                  QStringLiteral("source_copy_mode `%1` must be written in upper case")
                                      .arg(yaml11::excerpt(name)),
                                  QStringLiteral("write %1").arg(copyModeName(mode))),
                        fileName, entry.valuePosition));
            return std::nullopt;
        }
    }
    diagnostics.append(located(
        makeError(Field::SourceCopyMode,
                  QStringLiteral("source_copy_mode `%1` is not a copy mode").arg(yaml11::excerpt(name)),
                  QStringLiteral("write one of %1").arg(choices)),
        fileName, entry.valuePosition));
    return std::nullopt;
}

// flytekit keeps whatever YAML produced, so `python_version: 3.10` builds and hashes the float 3.1.
void warnAboutNumericVersion(Field field, const YamlEntry& entry, const QString& fileName,
                             Diagnostics& diagnostics) {
    const PyValue& value = *entry.value;
    if (!entry.valueIsPlainScalar ||
        (value.kind() != PyValue::Kind::Float && value.kind() != PyValue::Kind::Int))
        return;
    const QString name = fieldName(field);
    const QString written = yaml11::excerpt(entry.valueSource);
    const QString message =
        written == value.repr()
            ? QStringLiteral("%1 %2 is read by YAML as a number, not as text").arg(name, written)
            : QStringLiteral("%1 %2 is read by YAML as the number %3").arg(name, written, value.repr());
    diagnostics.append(
        located(makeWarning(field, message, QStringLiteral("quote it: %1: \"%2\"").arg(name, written)),
                fileName, entry.valuePosition));
}

void readEntry(const YamlEntry& entry, const QString& fileName, ImageSpec& spec, Diagnostics& diagnostics) {
    std::optional<Field> field;
    if (entry.key && entry.key->isStr())
        field = fieldByName(entry.key->str());
    for (Diagnostic diagnostic : entry.diagnostics) {
        diagnostic.field = field;
        diagnostics.append(std::move(diagnostic));
    }
    if (!entry.key)
        return;
    if (!entry.key->isStr()) {
        diagnostics.append(located(
            makeError(
                std::nullopt,
                QStringLiteral("the key `%1` is read by YAML as the %2 %3, not as an ImageSpec argument name")
                    .arg(yaml11::excerpt(entry.keySource), entry.key->typeName(), entry.key->repr()),
                QStringLiteral("use an argument name such as `name` or `packages`")),
            fileName, entry.keyPosition));
        return;
    }
    if (!field) {
        // A key far longer than any field name is no typo; skip the edit-distance search on it.
        const QString key = entry.key->str();
        const QString suggestion = key.size() <= 64 ? closestFieldName(key) : QString();
        diagnostics.append(located(
            makeError(
                std::nullopt,
                QStringLiteral("unknown key `%1`: ImageSpec has no such argument").arg(yaml11::excerpt(key)),
                suggestion.isEmpty() ? QStringLiteral("use one of: %1").arg(allFieldNames())
                                     : QStringLiteral("did you mean `%1`?").arg(suggestion)),
            fileName, entry.keyPosition));
        return;
    }
    spec.origin().fields[size_t(*field)] = entry.keyPosition;
    if (!entry.value)
        return;
    std::optional<PyValue> value = entry.value;
    if (*field == Field::SourceCopyMode)
        value = readCopyMode(entry, fileName, diagnostics);
    if (isVersionField(*field))
        warnAboutNumericVersion(*field, entry, fileName, diagnostics);
    if (value)
        spec.setArgument(*field, std::move(*value));
}

// ---- writing ----

std::unexpected<Error> unwritable(Field field, const QString& what, QString fix) {
    return fail(QStringLiteral("spec.yaml.unwritable"),
                QStringLiteral("%1 %2, which cannot be written to YAML").arg(fieldName(field), what),
                std::move(fix));
}

// A Python str may hold half of a surrogate pair ("\ud800"); UTF-8 and thus a YAML file cannot.
bool hasLoneSurrogate(const QString& text) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (text.at(i).isSurrogate())
            return true;
    }
    return false;
}

// Block-style YAML for one argument's value, in the subset that PyYAML's safe_load and yaml-cpp
// read identically.
class BlockWriter {
public:
    explicit BlockWriter(Field field) : m_field(field) {}

    QString takeText() { return std::move(m_text); }

    // The value of a `key:` whose key starts at column `indent`.
    Result<void> mappingValue(const PyValue& value, int indent, int depth) {
        if (depth > kYamlMaxDepth)
            return unwritable(m_field,
                              QStringLiteral("is nested more than %1 levels deep").arg(kYamlMaxDepth),
                              QStringLiteral("flatten the value"));
        if (isBlockCollection(value)) {
            m_text += QLatin1Char('\n');
            return value.isList() ? sequence(value.items(), indent + 2, false, depth)
                                  : mapping(value.entries(), indent + 2, false, depth);
        }
        auto text = scalarText(value, depth == 0);
        if (!text)
            return std::unexpected(text.error());
        m_text += QLatin1Char(' ') + *text + QLatin1Char('\n');
        return {};
    }

private:
    static bool isBlockCollection(const PyValue& value) {
        return (value.isList() && !value.items().isEmpty()) || (value.isDict() && !value.entries().isEmpty());
    }

    void startLine(int indent, bool continuesLine) {
        if (!continuesLine)
            m_text += QString(indent, QLatin1Char(' '));
    }

    // `- item` lines at `indent`; the first one continues the current line when the list is itself
    // an item of a list or mapping line (`- - a`).
    Result<void> sequence(const PyValue::List& items, int indent, bool firstContinuesLine, int depth) {
        bool continuesLine = firstContinuesLine;
        for (const PyValue& item : items) {
            startLine(indent, continuesLine);
            continuesLine = false;
            m_text += QStringLiteral("- ");
            if (depth + 1 > kYamlMaxDepth)
                return unwritable(m_field,
                                  QStringLiteral("is nested more than %1 levels deep").arg(kYamlMaxDepth),
                                  QStringLiteral("flatten the value"));
            Result<void> written;
            if (item.isList() && !item.items().isEmpty())
                written = sequence(item.items(), indent + 2, true, depth + 1);
            else if (item.isDict() && !item.entries().isEmpty())
                written = mapping(item.entries(), indent + 2, true, depth + 1);
            else
                written = scalarLine(item);
            if (!written)
                return written;
        }
        return {};
    }

    Result<void> mapping(const PyValue::Dict& entries, int indent, bool firstContinuesLine, int depth) {
        bool continuesLine = firstContinuesLine;
        for (const auto& [key, value] : entries) {
            startLine(indent, continuesLine);
            continuesLine = false;
            if (key.isList() || key.isDict() || key.kind() == PyValue::Kind::Tuple)
                return unwritable(m_field, QStringLiteral("has a %1 as a key").arg(key.typeName()),
                                  QStringLiteral("use text keys"));
            auto keyText = scalarText(key, false);
            if (!keyText)
                return std::unexpected(keyText.error());
            if (keyText->toUtf8().size() > kMaxImplicitKeyLength)
                m_text += QStringLiteral("? ") + *keyText + QLatin1Char('\n') +
                          QString(indent, QLatin1Char(' ')) + QLatin1Char(':');
            else
                m_text += *keyText + QLatin1Char(':');
            if (auto written = mappingValue(value, indent, depth + 1); !written)
                return written;
        }
        return {};
    }

    Result<void> scalarLine(const PyValue& value) {
        auto text = scalarText(value, false);
        if (!text)
            return std::unexpected(text.error());
        m_text += *text + QLatin1Char('\n');
        return {};
    }

    // `topLevel`: the argument's own value (where versions are always quoted and the copy-mode enum
    // is allowed) rather than something nested in it.
    Result<QString> scalarText(const PyValue& value, bool topLevel) const {
        switch (value.kind()) {
        case PyValue::Kind::None:
            return QStringLiteral("null");
        case PyValue::Kind::Bool:
            return value.boolean() ? QStringLiteral("true") : QStringLiteral("false");
        case PyValue::Kind::Int:
            return QString::number(value.integer());
        case PyValue::Kind::Float:
            return yaml11::floatLiteral(value.floating());
        case PyValue::Kind::Str:
            if (hasLoneSurrogate(value.str()))
                return unwritable(
                    m_field, QStringLiteral("holds text with a lone surrogate code unit"),
                    QStringLiteral("replace the broken character; YAML text must be valid Unicode"));
            return topLevel && isVersionField(m_field) ? yaml11::doubleQuoted(value.str())
                                                       : yaml11::scalar(value.str());
        case PyValue::Kind::List:
            return QStringLiteral("[]");
        case PyValue::Kind::Dict:
            return QStringLiteral("{}");
        case PyValue::Kind::CopyMode:
            if (topLevel && m_field == Field::SourceCopyMode)
                return copyModeName(value.copyMode());
            return unwritable(m_field, QStringLiteral("holds the enum %1").arg(value.repr()),
                              QStringLiteral("write its name as text instead"));
        case PyValue::Kind::Tuple:
            if (m_field == Field::PipSecretMounts)
                return unwritable(
                    m_field, QStringLiteral("holds (source, target) tuples"),
                    QStringLiteral("YAML has no tuples and flytekit rejects lists there: keep "
                                   "pip_secret_mounts in a Python ImageSpec, or clear it before saving"));
            return unwritable(m_field, QStringLiteral("holds the tuple %1").arg(value.repr()),
                              QStringLiteral("use a list instead of a tuple"));
        case PyValue::Kind::Spec:
            return unwritable(m_field, QStringLiteral("is another ImageSpec"),
                              QStringLiteral("build that image first and set %1 to its image name, e.g. "
                                             "ghcr.io/my-org/base:tag")
                                  .arg(fieldName(m_field)));
        }
        return QString();
    }

    Field m_field;
    QString m_text;
};

} // namespace

SpecLoadResult loadSpecYaml(const QByteArray& text, const QString& fileName) {
    const YamlDocument document = readYamlDocument(text, fileName);
    SpecLoadResult result;
    result.diagnostics = document.diagnostics;
    const QString example = QStringLiteral("write one `argument: value` per line, e.g. `name: my-image`");
    switch (document.root) {
    case YamlDocument::Root::Nothing:
        if (!hasErrors(result.diagnostics))
            result.diagnostics.append(located(
                makeError(std::nullopt, QStringLiteral("the file holds no ImageSpec: it is empty"), example),
                fileName, {}));
        return result;
    case YamlDocument::Root::Other:
        result.diagnostics.append(located(
            makeError(std::nullopt,
                      QStringLiteral(
                          "the file holds a %1, but an ImageSpec YAML is a mapping of ImageSpec arguments")
                          .arg(document.rootTypeName),
                      example),
            fileName, document.rootPosition));
        return result;
    case YamlDocument::Root::Mapping:
        break;
    }

    ImageSpec spec;
    spec.origin().file = fileName;
    spec.origin().position = document.rootPosition;
    for (const YamlEntry& entry : document.entries)
        readEntry(entry, fileName, spec, result.diagnostics);
    result.spec = std::move(spec);
    return result;
}

SpecLoadResult loadSpecYamlFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        SpecLoadResult result;
        result.diagnostics.append(located(
            makeError(
                std::nullopt,
                QStringLiteral("cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString())),
            path, {}));
        return result;
    }
    // One byte past the limit is enough for the reader to say the file is too large.
    return loadSpecYaml(file.read(kYamlMaxBytes + 1), path);
}

Result<QByteArray> saveSpecYaml(const ImageSpec& spec) {
    QString text;
    for (const FieldInfo& info : fieldInfos()) {
        const std::optional<PyValue>& argument = spec.argument(info.field);
        if (!argument)
            continue;
        BlockWriter writer(info.field);
        if (auto written = writer.mappingValue(*argument, 0, 0); !written)
            return std::unexpected(written.error());
        text += QString::fromLatin1(info.name) + QLatin1Char(':') + writer.takeText();
    }
    // An ImageSpec with every argument at its default is the empty mapping, not an empty file.
    if (text.isEmpty())
        text = QStringLiteral("{}\n");
    return text.toUtf8();
}

Result<void> writeSpecYamlFile(const ImageSpec& spec, const QString& path) {
    const Result<QByteArray> text = saveSpecYaml(spec);
    if (!text)
        return std::unexpected(text.error());
    const QString shownPath = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("spec.yaml.write"),
                    QStringLiteral("cannot write %1: %2").arg(shownPath, file.errorString()),
                    QStringLiteral("check that the folder exists and that you may write to it"));
    if (file.write(*text) != text->size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(QStringLiteral("spec.yaml.write"),
                    QStringLiteral("cannot write %1: %2").arg(shownPath, reason),
                    QStringLiteral("check the free disk space"));
    }
    if (!file.commit())
        return fail(QStringLiteral("spec.yaml.write"),
                    QStringLiteral("cannot save %1: %2").arg(shownPath, file.errorString()),
                    QStringLiteral("check that you may write to the folder; the old file is unchanged"));
    return {};
}

} // namespace slipway::spec
