#pragma once

#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

namespace slipway::spec {

// Python's `fnmatch.fnmatch` on POSIX: case-sensitive, `*` also matches '/', whole-string match.
bool pythonFnmatch(const QString& name, const QString& pattern);

// docker-py's `PatternMatcher` (flytekit's DockerIgnore): .dockerignore semantics as docker-py
// implements them, including its case-insensitivity and parent-directory matching.
class DockerIgnoreMatcher {
public:
    explicit DockerIgnoreMatcher(const QStringList& lines);
    // Reads `<root>/.dockerignore` the way flytekit does; no file means no patterns.
    static DockerIgnoreMatcher fromRoot(const QString& absoluteRoot);

    bool matches(const QString& path) const;
    bool isEmpty() const { return m_patterns.size() <= 1; } // only the implicit "!.dockerignore"

private:
    struct Pattern {
        bool exclusion = false;
        int depth = 0; // number of path components
        QRegularExpression regex;
    };
    QList<Pattern> m_patterns;
};

// flytekit's GitIgnore: the output of `git ls-files -io --exclude-standard` run in the root (exact
// lines, so quoted non-ASCII names never match, as in flytekit). Empty without git or outside a repo.
class GitIgnoreList {
public:
    static GitIgnoreList fromRoot(const QString& absoluteRoot);
    bool contains(const QString& path) const { return m_ignored.contains(path); }

private:
    QSet<QString> m_ignored;
};

// flytekit's IgnoreGroup(GitIgnore, DockerIgnore, StandardIgnore) for a source_root. `root` is the
// source_root as written; a path is relativised only when it is absolute (flytekit's quirk §8.1).
class SourceIgnoreRules {
public:
    SourceIgnoreRules(const QString& root, const QString& absoluteRoot);
    bool isIgnored(const QString& path) const;

private:
    QString m_root;
    GitIgnoreList m_git;
    DockerIgnoreMatcher m_docker;
};

} // namespace slipway::spec
