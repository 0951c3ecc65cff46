#include "spec/spechash.h"

#include "spec/pyrepr.h"
#include "spec/sourcedigestcache.h"
#include "spec/specfiles.h"
#include "spec/validator.h"

#include <QCryptographicHash>

namespace slipway::spec {

namespace {

Result<void> requireConstructible(const ImageSpec& resolvedSpec) {
    const Diagnostics errors = constructionErrors(resolvedSpec);
    if (errors.isEmpty())
        return {};
    const Diagnostic& first = errors.first();
    return fail(QStringLiteral("invalid-spec"), first.message, first.fix);
}

// The modified copy flytekit hashes for the tag (ImageSpec.tag, >= 1.15.4).
Result<ImageSpec> tagHashSpec(const ImageSpec& resolvedSpec, const HostEnvironment& host,
                              const CancelFlag* cancel, SourceDigestCache* digests) {
    ImageSpec spec = resolvedSpec;

    if (const ImageSpec* base = spec.value(Field::BaseImage).spec()) {
        auto baseName = specImageName(*base, host, cancel, digests);
        if (!baseName)
            return std::unexpected(
                Error{baseName.error().code,
                      QStringLiteral("base_image (a nested ImageSpec): ") + baseName.error().message,
                      baseName.error().fix, baseName.error().detail});
        spec.setArgument(Field::BaseImage, *baseName);
    }

    const PyValue copyMode = spec.value(Field::SourceCopyMode);
    const bool copiesSource = !copyMode.isNone() && !(copyMode.kind() == PyValue::Kind::CopyMode &&
                                                      copyMode.copyMode() == CopyMode::NoCopy);
    if (copiesSource) {
        const PyValue root = spec.value(Field::SourceRoot);
        if (!root.truthy())
            return fail(
                QStringLiteral("empty-source-root"),
                QStringLiteral("source_copy_mode %1 needs a source_root, but source_root is %2")
                    .arg(copyMode.repr(), root.repr()),
                QStringLiteral("set source_root to your code's folder, or source_copy_mode: NO_COPY"));
        if (!root.isStr())
            return fail(QStringLiteral("invalid-spec"),
                        QStringLiteral("source_root must be a path string, not %1").arg(root.typeName()));
        // A string mode (only possible from Python code) is not LOADED_MODULES, so flytekit lists all files.
        const CopyMode mode =
            copyMode.kind() == PyValue::Kind::CopyMode ? copyMode.copyMode() : CopyMode::All;
        auto digest = digests ? digests->sourceRootDigest(root.str(), mode, host.workingDirectory, cancel)
                              : sourceRootDigest(root.str(), mode, host.workingDirectory, cancel);
        if (!digest)
            return std::unexpected(digest.error());
        spec.setArgument(Field::SourceRoot, *digest);
    }

    const PyValue copy = spec.value(Field::Copy);
    if (copy.truthy()) {
        if (!copy.isStringList())
            return fail(QStringLiteral("invalid-spec"),
                        QStringLiteral("copy must be a list of paths, not %1").arg(copy.repr()),
                        QStringLiteral("write copy as a list, e.g. copy: [data/]"));
        auto digest = copyDigest(copy.toStringList(), host.workingDirectory, cancel);
        if (!digest)
            return std::unexpected(digest.error());
        spec.setArgument(Field::Copy, *digest);
    }

    const PyValue requirements = spec.value(Field::Requirements);
    if (requirements.truthy()) {
        if (!requirements.isStr())
            return fail(QStringLiteral("invalid-spec"),
                        QStringLiteral("requirements must be a file path, not %1").arg(requirements.repr()));
        auto digest = requirementsDigest(requirements.str(), host.workingDirectory);
        if (!digest)
            return std::unexpected(digest.error());
        spec.setArgument(Field::Requirements, *digest);
    }

    spec.setArgument(Field::RegistryConfig, PyValue());
    return spec;
}

} // namespace

QString md5Base64Url(const QString& text) {
    const QByteArray digest = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Md5);
    return QString::fromLatin1(
        digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<QString> specId(const ImageSpec& spec, const HostEnvironment& host) {
    const ImageSpec resolvedSpec = spec.resolved(host);
    if (auto ok = requireConstructible(resolvedSpec); !ok)
        return std::unexpected(ok.error());
    return md5Base64Url(hashedDictRepr(resolvedSpec));
}

Result<QString> tagHashInput(const ImageSpec& spec, const HostEnvironment& host, const CancelFlag* cancel,
                             SourceDigestCache* digests) {
    const ImageSpec resolvedSpec = spec.resolved(host);
    if (auto ok = requireConstructible(resolvedSpec); !ok)
        return std::unexpected(ok.error());
    auto hashed = tagHashSpec(resolvedSpec, host, cancel, digests);
    if (!hashed)
        return std::unexpected(hashed.error());
    return hashedDictRepr(*hashed);
}

Result<QString> specTag(const ImageSpec& spec, const HostEnvironment& host, const CancelFlag* cancel,
                        SourceDigestCache* digests) {
    auto text = tagHashInput(spec, host, cancel, digests);
    if (!text)
        return std::unexpected(text.error());
    QString tag = md5Base64Url(*text).replace(QLatin1Char('-'), QLatin1Char('_'));
    const PyValue tagFormat = spec.value(Field::TagFormat);
    if (tagFormat.truthy()) {
        if (!tagFormat.isStr())
            return fail(QStringLiteral("invalid-spec"),
                        QStringLiteral("tag_format must be a string, not %1").arg(tagFormat.repr()));
        return applyTagFormat(tagFormat.str(), tag);
    }
    return tag;
}

Result<QString> specImageName(const ImageSpec& spec, const HostEnvironment& host, const CancelFlag* cancel,
                              SourceDigestCache* digests) {
    auto tag = specTag(spec, host, cancel, digests);
    if (!tag)
        return std::unexpected(tag.error());
    return specRepository(spec, host) + QLatin1Char(':') + *tag;
}

QString specRepository(const ImageSpec& spec, const HostEnvironment& host) {
    const ImageSpec resolvedSpec = spec.resolved(host);
    const QString name = resolvedSpec.value(Field::Name).str();
    const PyValue registry = resolvedSpec.value(Field::Registry);
    return registry.truthy() ? registry.str() + QLatin1Char('/') + name : name;
}

} // namespace slipway::spec
