#include "registry/imagereference.h"

#include <QRegularExpression>
#include <QUrl>

namespace slipway::registry {

namespace {

const QString kDockerHub = QStringLiteral("docker.io");
constexpr qsizetype kMaxNameLength = 255;

// distribution/reference's grammar, anchored.
const QRegularExpression& componentPattern() {
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*$"));
    return pattern;
}

const QRegularExpression& tagPattern() {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"));
    return pattern;
}

const QRegularExpression& hostPattern() {
    static const QRegularExpression pattern(QStringLiteral(
        "^(?:(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*"
        "[A-Za-z0-9]))*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]+)?$"));
    return pattern;
}

const QRegularExpression& digestPattern() {
    static const QRegularExpression pattern(
        QStringLiteral("^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$"));
    return pattern;
}

const QString kWriteAs =
    QStringLiteral("Write it as [registry/]repository[:tag][@sha256:digest], e.g. ghcr.io/me/my-image:v1 or "
                   "python:3.11-slim.");

// distribution/reference: the first component is a registry when it has a dot or a colon, is
// "localhost", or has upper-case letters (repositories never do).
bool looksLikeRegistry(const QString& component) {
    return component.contains(QLatin1Char('.')) || component.contains(QLatin1Char(':')) ||
           component == QLatin1String("localhost") || component != component.toLower();
}

Result<void> checkRepository(const QString& repository, const QString& text) {
    for (const QString& component : repository.split(QLatin1Char('/'))) {
        if (component.isEmpty())
            return fail(QStringLiteral("registry.reference.empty-component"),
                        QStringLiteral("'%1' has an empty path component (two slashes, or a slash at "
                                       "the end).")
                            .arg(text),
                        kWriteAs);
        if (componentPattern().match(component).hasMatch())
            continue;
        if (component != component.toLower() && componentPattern().match(component.toLower()).hasMatch())
            return fail(QStringLiteral("registry.reference.uppercase"),
                        QStringLiteral("'%1' has upper-case letters in the repository name; registries "
                                       "accept only lower case.")
                            .arg(text),
                        QStringLiteral("Write the repository in lower case: %1.").arg(repository.toLower()));
        return fail(
            QStringLiteral("registry.reference.invalid-name"),
            QStringLiteral("'%1' in '%2' is not a valid repository name component.").arg(component, text),
            QStringLiteral("Use lower-case letters and digits, separated by '.', '_', '__' or "
                           "'-' (not at the start or end)."));
    }
    return {};
}

} // namespace

QString normaliseRegistryHost(const QString& key) {
    QString host = key.trimmed();
    if (host.contains(QLatin1String("://")))
        host = host.section(QLatin1String("://"), 1);
    host = host.section(QLatin1Char('/'), 0, 0).toLower();
    if (host == QLatin1String("index.docker.io") || host == QLatin1String("registry-1.docker.io"))
        return kDockerHub;
    return host;
}

Result<ImageReference> ImageReference::parse(const QString& text) {
    const QString input = text.trimmed();
    if (input.isEmpty())
        return fail(QStringLiteral("registry.reference.empty"),
                    QStringLiteral("The image reference is empty."), kWriteAs);
    if (input.contains(QLatin1String("://")))
        return fail(QStringLiteral("registry.reference.url"),
                    QStringLiteral("'%1' is a URL, not an image reference.").arg(input),
                    QStringLiteral("Drop the scheme: write %1.").arg(input.section(QLatin1String("://"), 1)));
    if (input.contains(QRegularExpression(QStringLiteral("\\s"))))
        return fail(QStringLiteral("registry.reference.whitespace"),
                    QStringLiteral("'%1' contains spaces.").arg(input), kWriteAs);

    ImageReference reference;
    QString rest = input;
    if (const qsizetype at = rest.indexOf(QLatin1Char('@')); at >= 0) {
        reference.digest = rest.mid(at + 1);
        rest.truncate(at);
        if (!digestPattern().match(reference.digest).hasMatch())
            return fail(QStringLiteral("registry.reference.digest"),
                        QStringLiteral("'%1' is not a valid digest.").arg(reference.digest),
                        QStringLiteral("A digest looks like sha256: followed by 64 hex digits, as "
                                       "'docker buildx imagetools inspect' or a push prints it."));
        if (reference.digest.startsWith(QLatin1String("sha256:")) && reference.digest.size() != 7 + 64)
            return fail(QStringLiteral("registry.reference.digest"),
                        QStringLiteral("'%1' has %2 hex digits; a sha256 digest has 64.")
                            .arg(reference.digest)
                            .arg(reference.digest.size() - 7),
                        QStringLiteral("Copy the whole digest."));
        reference.digest = reference.digest.toLower();
    }

    const qsizetype lastSlash = rest.lastIndexOf(QLatin1Char('/'));
    if (const qsizetype colon = rest.lastIndexOf(QLatin1Char(':')); colon > lastSlash) {
        reference.tag = rest.mid(colon + 1);
        rest.truncate(colon);
        if (!tagPattern().match(reference.tag).hasMatch())
            return fail(QStringLiteral("registry.reference.tag"),
                        QStringLiteral("'%1' is not a valid tag.").arg(reference.tag),
                        QStringLiteral("A tag has up to 128 letters, digits, '_', '.' or '-' and does not "
                                       "start with '.' or '-'."));
    }

    const qsizetype firstSlash = rest.indexOf(QLatin1Char('/'));
    if (firstSlash > 0 && looksLikeRegistry(rest.left(firstSlash))) {
        reference.registry = rest.left(firstSlash);
        reference.repository = rest.mid(firstSlash + 1);
        if (!hostPattern().match(reference.registry).hasMatch())
            return fail(QStringLiteral("registry.reference.host"),
                        QStringLiteral("'%1' is not a valid registry host.").arg(reference.registry),
                        QStringLiteral("Write the registry as host or host:port, e.g. ghcr.io or "
                                       "localhost:5000."));
    } else {
        reference.registry = kDockerHub;
        reference.repository = rest;
    }
    if (reference.registry == QLatin1String("index.docker.io"))
        reference.registry = kDockerHub;
    if (reference.repository.isEmpty())
        return fail(QStringLiteral("registry.reference.no-repository"),
                    QStringLiteral("'%1' names a registry but no repository.").arg(input), kWriteAs);
    if (auto valid = checkRepository(reference.repository, input); !valid)
        return std::unexpected(valid.error());
    // Only docker.io itself gets library/ (distribution's normalize.go); registry-1.docker.io/nginx
    // stays as written, because that is what a cluster's containerd will ask for.
    if (reference.registry == kDockerHub && !reference.repository.contains(QLatin1Char('/')))
        reference.repository.prepend(QStringLiteral("library/"));
    if (reference.tag.isEmpty() && reference.digest.isEmpty())
        reference.tag = QStringLiteral("latest");
    if (reference.registry.size() + 1 + reference.repository.size() > kMaxNameLength)
        return fail(QStringLiteral("registry.reference.too-long"),
                    QStringLiteral("'%1' is longer than %2 characters (registry and repository together).")
                        .arg(input)
                        .arg(kMaxNameLength),
                    QStringLiteral("Use a shorter repository name."));
    return reference;
}

bool ImageReference::isDockerHub() const {
    return normaliseRegistryHost(registry) == kDockerHub;
}

QString apiHostOf(const QString& registry) {
    return normaliseRegistryHost(registry) == kDockerHub ? QStringLiteral("registry-1.docker.io") : registry;
}

QString ImageReference::apiHost() const {
    return apiHostOf(registry);
}

QString ImageReference::manifestReference() const {
    return digest.isEmpty() ? tag : digest;
}

QString ImageReference::toString() const {
    QString text = registry + QLatin1Char('/') + repository;
    if (!tag.isEmpty())
        text += QLatin1Char(':') + tag;
    if (!digest.isEmpty())
        text += QLatin1Char('@') + digest;
    return text;
}

QString ImageReference::pinned(const QString& manifestDigest) const {
    return registry + QLatin1Char('/') + repository + QLatin1Char('@') + manifestDigest;
}

} // namespace slipway::registry
