#include "registry/platform.h"

#include <QStringList>

namespace slipway::registry {

namespace {

// containerd's normalizeArch.
std::pair<QString, QString> normaliseArchitecture(QString architecture, QString variant) {
    architecture = architecture.toLower();
    variant = variant.toLower();
    if (architecture == QLatin1String("i386")) {
        return {QStringLiteral("386"), QString()};
    }
    if (architecture == QLatin1String("x86_64") || architecture == QLatin1String("x86-64") ||
        architecture == QLatin1String("amd64")) {
        if (variant == QLatin1String("v1"))
            variant.clear();
        return {QStringLiteral("amd64"), variant};
    }
    if (architecture == QLatin1String("aarch64") || architecture == QLatin1String("arm64")) {
        if (variant == QLatin1String("8") || variant == QLatin1String("v8") ||
            variant == QLatin1String("v8.0"))
            variant.clear();
        else if (variant == QLatin1String("9") || variant == QLatin1String("9.0") ||
                 variant == QLatin1String("v9.0"))
            variant = QStringLiteral("v9");
        return {QStringLiteral("arm64"), variant};
    }
    if (architecture == QLatin1String("armhf"))
        return {QStringLiteral("arm"), QStringLiteral("v7")};
    if (architecture == QLatin1String("armel"))
        return {QStringLiteral("arm"), QStringLiteral("v6")};
    if (architecture == QLatin1String("arm")) {
        if (variant.isEmpty() || variant == QLatin1String("7"))
            variant = QStringLiteral("v7");
        else if (variant == QLatin1String("5") || variant == QLatin1String("6") ||
                 variant == QLatin1String("8"))
            variant.prepend(QLatin1Char('v'));
        return {architecture, variant};
    }
    return {architecture, variant};
}

// "v8.2" -> (8, 2); "v7" -> (7, 0); anything else -> (-1, -1).
std::pair<int, int> variantNumbers(const QString& variant) {
    if (!variant.startsWith(QLatin1Char('v')))
        return {-1, -1};
    const QStringList parts = variant.mid(1).split(QLatin1Char('.'));
    bool okMajor = false;
    bool okMinor = true;
    const int major = parts.value(0).toInt(&okMajor);
    const int minor = parts.size() > 1 ? parts.at(1).toInt(&okMinor) : 0;
    if (!okMajor || !okMinor || parts.size() > 2)
        return {-1, -1};
    return {major, minor};
}

void appendArm(QList<Platform>& out, const QString& os, int fromMajor) {
    for (int version = fromMajor; version >= 5; --version)
        out.append({os, QStringLiteral("arm"), QStringLiteral("v%1").arg(version)});
}

} // namespace

Result<Platform> Platform::parse(const QString& text) {
    const QStringList parts = text.trimmed().split(QLatin1Char('/'));
    const bool emptyPart = std::ranges::any_of(parts, [](const QString& part) { return part.isEmpty(); });
    if (parts.size() < 2 || parts.size() > 3 || emptyPart)
        return fail(QStringLiteral("registry.platform.invalid"),
                    QStringLiteral("'%1' is not a platform.").arg(text),
                    QStringLiteral("Write os/architecture[/variant], e.g. linux/amd64, linux/arm64 or "
                                   "linux/arm/v7."));
    return fromFields(parts.at(0), parts.at(1), parts.value(2));
}

Platform Platform::fromFields(const QString& os, const QString& architecture, const QString& variant) {
    return Platform{os, architecture, variant}.normalised();
}

Platform Platform::normalised() const {
    auto [arch, normalisedVariant] = normaliseArchitecture(architecture, variant);
    QString normalisedOs = os.toLower();
    if (normalisedOs == QLatin1String("macos"))
        normalisedOs = QStringLiteral("darwin");
    return {normalisedOs, arch, normalisedVariant};
}

QString Platform::toString() const {
    QString text = os + QLatin1Char('/') + architecture;
    if (!variant.isEmpty())
        text += QLatin1Char('/') + variant;
    return text;
}

bool Platform::isUnknown() const {
    return os == QLatin1String("unknown") || architecture == QLatin1String("unknown");
}

QList<Platform> compatiblePlatforms(const Platform& node) {
    const Platform p = node.normalised();
    QList<Platform> out{p};
    const auto [major, minor] = variantNumbers(p.variant);
    if (p.architecture == QLatin1String("amd64")) {
        for (int version = major - 1; version >= 1; --version)
            out.append({p.os, p.architecture, version == 1 ? QString() : QStringLiteral("v%1").arg(version)});
        out.append({p.os, QStringLiteral("386"), QString()});
    } else if (p.architecture == QLatin1String("arm")) {
        appendArm(out, p.os, major - 1);
    } else if (p.architecture == QLatin1String("arm64")) {
        // Empty means v8 (the normalised default).
        const int effectiveMajor = p.variant.isEmpty() ? 8 : major;
        const int effectiveMinor = p.variant.isEmpty() ? 0 : minor;
        if (effectiveMajor == 9) {
            // v9.x runs v8.(x+5) and below (containerd maps v9.0 to v8.5).
            for (int version = effectiveMinor - 1; version >= 0; --version)
                out.append({p.os, p.architecture,
                            version == 0 ? QStringLiteral("v9") : QStringLiteral("v9.%1").arg(version)});
            for (int version = effectiveMinor + 5; version >= 0; --version)
                out.append(
                    {p.os, p.architecture, version == 0 ? QString() : QStringLiteral("v8.%1").arg(version)});
        } else if (effectiveMajor == 8) {
            for (int version = effectiveMinor - 1; version >= 0; --version)
                out.append(
                    {p.os, p.architecture, version == 0 ? QString() : QStringLiteral("v8.%1").arg(version)});
        }
        appendArm(out, p.os, 8);
    }
    return out;
}

int matchRank(const Platform& image, const Platform& node) {
    const Platform normalisedImage = image.normalised();
    const QList<Platform> candidates = compatiblePlatforms(node);
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if (candidates.at(i) == normalisedImage)
            return static_cast<int>(i);
    }
    return -1;
}

bool runsOn(const Platform& image, const Platform& node) {
    return matchRank(image, node) >= 0;
}

} // namespace slipway::registry
