// libFuzzer harness for the ImageSpec YAML writer. The input becomes texts (UTF-16, so any code
// unit, lone surrogates included, split at U+0000), a double and an int64 of any bit pattern (NaN,
// subnormals, -0.0); they are written as an argument, list items, mapping keys and values, version
// fields and nested options. Whatever saves must load back as the same spec and save to the same
// text; the writer may refuse only text that holds a lone surrogate.

#include "spec/field.h"
#include "spec/yamlspec.h"

#include <QSet>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace slipway;
using namespace slipway::spec;

namespace {

[[noreturn]] void invariantBroken(const char* what, const QByteArray& detail) {
    std::fprintf(stderr, "yaml writer invariant broken: %s\n--- detail ---\n%s\n--- end ---\n", what,
                 detail.constData());
    std::abort();
}

bool hasLoneSurrogate(const QStringList& texts) {
    for (const QString& text : texts) {
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
                ++i;
            else if (text.at(i).isSurrogate())
                return true;
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    double real = 0.0;
    qint64 integer = 0;
    if (size >= 16) {
        std::memcpy(&real, data + size - 16, sizeof real);
        std::memcpy(&integer, data + size - 8, sizeof integer);
        size -= 16;
    }
    std::u16string units(size / 2, u'\0');
    std::memcpy(units.data(), data, units.size() * 2);
    const QStringList texts = QString::fromStdU16String(units).split(QChar(0));

    PyValue::List items;
    PyValue::Dict entries;
    QSet<QString> keys;
    for (const QString& text : texts) {
        items.append(PyValue(text));
        if (!keys.contains(text)) {
            keys.insert(text);
            entries.append({PyValue(text), PyValue::list({PyValue(text), PyValue::floating(real)})});
        }
    }
    PyValue::Dict options{{PyValue::floating(real), PyValue::list(items)}};
    if (!(static_cast<double>(integer) == real))
        options.append({PyValue::integer(integer), PyValue::dict(entries)});
    options.append(
        {PyValue(), PyValue::list({PyValue::list(items), PyValue::dict({}), PyValue::boolean(true)})});

    ImageSpec spec;
    spec.setArgument(Field::Name, PyValue(texts.value(0)));
    spec.setArgument(Field::PythonVersion, PyValue::floating(real));
    spec.setArgument(Field::Cuda, PyValue(texts.value(texts.size() - 1)));
    spec.setArgument(Field::Cudnn, PyValue::integer(integer));
    spec.setArgument(Field::Packages, PyValue::list(items));
    spec.setArgument(Field::Env, PyValue::dict(entries));
    spec.setArgument(Field::BuilderOptions, PyValue::dict(options));

    const Result<QByteArray> saved = saveSpecYaml(spec);
    if (!saved) {
        if (!hasLoneSurrogate(texts))
            invariantBroken("the writer refused valid values", saved.error().describe().toUtf8());
        return 0;
    }
    const SpecLoadResult loaded = loadSpecYaml(*saved, QStringLiteral("saved.yaml"));
    if (!loaded.spec || hasErrors(loaded.diagnostics)) {
        QByteArray detail = *saved;
        for (const Diagnostic& diagnostic : loaded.diagnostics)
            detail += "\n" + diagnostic.text().toUtf8();
        invariantBroken("the written YAML does not load", detail);
    }
    if (!(*loaded.spec == spec))
        invariantBroken("the written YAML loads as a different spec", *saved);
    const Result<QByteArray> savedAgain = saveSpecYaml(*loaded.spec);
    if (!savedAgain || *savedAgain != *saved)
        invariantBroken("writing the reloaded spec gives different text", *saved);
    return 0;
}
