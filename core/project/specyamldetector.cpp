#include "project/specyamldetector.h"

#include "spec/field.h"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <optional>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace slipway::project {

namespace {

// Near misses ("pakages") do not count: short keys such as `on` or `jobs` are a small edit away from
// some field, and would make every CI file an ImageSpec.
bool keysLookLikeSpec(const QStringList& keys) {
    const auto fields = std::count_if(keys.cbegin(), keys.cend(),
                                      [](const QString& key) { return spec::fieldByName(key).has_value(); });
    return fields > 0 && 2 * fields >= keys.size();
}

// The top-level keys of a well-formed single-document mapping; nullopt when the text does not parse.
std::optional<QStringList> parsedTopLevelKeys(const QByteArray& text) {
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(text.toStdString());
    } catch (const YAML::Exception&) {
        return std::nullopt;
    }
    QStringList keys;
    if (documents.size() != 1 || !documents.front().IsMap())
        return keys;
    for (const auto& item : documents.front()) {
        if (item.first.IsScalar())
            keys.append(QString::fromStdString(item.first.Scalar()));
    }
    return keys;
}

// For text that does not parse: block-style keys at column 0, which is how ImageSpec YAML is written.
QStringList lineTopLevelKeys(const QByteArray& text) {
    // Not static: scans of an old and a new generation may run at once on different threads.
    const QRegularExpression key(QStringLiteral(R"(^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:)"),
                                 QRegularExpression::MultilineOption);
    QStringList keys;
    auto matches = key.globalMatch(QString::fromUtf8(text));
    while (matches.hasNext())
        keys.append(matches.next().captured(1));
    return keys;
}

} // namespace

bool looksLikeSpecYaml(const QByteArray& text) {
    const std::optional<QStringList> parsed = parsedTopLevelKeys(text);
    return keysLookLikeSpec(parsed ? *parsed : lineTopLevelKeys(text));
}

} // namespace slipway::project
