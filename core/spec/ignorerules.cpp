#include "spec/ignorerules.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace slipway::spec {

namespace {

// Character class body `[...]` shared by both translators; returns false when unterminated.
bool translateSet(const QString& pattern, qsizetype& i, QString& out) {
    qsizetype j = i;
    if (j < pattern.size() && pattern[j] == QLatin1Char('!'))
        ++j;
    if (j < pattern.size() && pattern[j] == QLatin1Char(']'))
        ++j;
    while (j < pattern.size() && pattern[j] != QLatin1Char(']'))
        ++j;
    if (j >= pattern.size())
        return false;
    QString stuff = pattern.mid(i, j - i);
    stuff.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    i = j + 1;
    if (stuff.startsWith(QLatin1Char('!')))
        stuff = QLatin1Char('^') + stuff.mid(1);
    else if (stuff.startsWith(QLatin1Char('^')))
        stuff = QLatin1Char('\\') + stuff;
    out += QLatin1Char('[') + stuff + QLatin1Char(']');
    return true;
}

QRegularExpression pythonFnmatchRegex(const QString& pattern) {
    QString out;
    qsizetype i = 0;
    while (i < pattern.size()) {
        const QChar c = pattern[i++];
        if (c == QLatin1Char('*')) {
            while (i < pattern.size() && pattern[i] == QLatin1Char('*'))
                ++i;
            out += QStringLiteral(".*");
        } else if (c == QLatin1Char('?')) {
            out += QLatin1Char('.');
        } else if (c == QLatin1Char('[')) {
            if (!translateSet(pattern, i, out))
                out += QStringLiteral("\\[");
        } else {
            out += QRegularExpression::escape(QString(c));
        }
    }
    return QRegularExpression(QStringLiteral("\\A(?:") + out + QStringLiteral(")\\z"),
                              QRegularExpression::DotMatchesEverythingOption);
}

// docker-py's own fnmatch.translate: '*' stops at '/', '**' spans directories.
QRegularExpression dockerFnmatchRegex(const QString& pattern) {
    QString out;
    qsizetype i = 0;
    const qsizetype n = pattern.size();
    while (i < n) {
        const QChar c = pattern[i++];
        if (c == QLatin1Char('*')) {
            if (i < n && pattern[i] == QLatin1Char('*')) {
                ++i;
                if (i < n && pattern[i] == QLatin1Char('/'))
                    ++i;
                out += i >= n ? QStringLiteral(".*") : QStringLiteral("(.*/)?");
            } else {
                out += QStringLiteral("[^/]*");
            }
        } else if (c == QLatin1Char('?')) {
            out += QStringLiteral("[^/]");
        } else if (c == QLatin1Char('[')) {
            if (!translateSet(pattern, i, out))
                out += QStringLiteral("\\[");
        } else {
            out += QRegularExpression::escape(QString(c));
        }
    }
    // Python's `$` also matches before a final newline; names with newlines are not worth the quirk.
    return QRegularExpression(QStringLiteral("\\A(?:") + out + QStringLiteral(")\\z"));
}

// docker-py's Pattern.normalize: strip, split on '/', drop '' and '.', fold '..' with its predecessor.
QStringList normalizeDockerPattern(const QString& text) {
    QStringList parts;
    for (const QString& part : text.trimmed().split(QLatin1Char('/'))) {
        if (!part.isEmpty() && part != QLatin1String("."))
            parts.append(part);
    }
    for (qsizetype i = 0; i < parts.size();) {
        if (parts[i] == QLatin1String("..")) {
            parts.removeAt(i);
            if (i > 0) {
                parts.removeAt(i - 1);
                --i;
            }
        } else {
            ++i;
        }
    }
    return parts;
}

QStringList splitPath(const QString& path) {
    QStringList parts;
    for (const QString& part : path.split(QLatin1Char('/'))) {
        if (!part.isEmpty() && part != QLatin1String("."))
            parts.append(part);
    }
    return parts;
}

QString pythonDirname(const QString& path) {
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    if (slash < 0)
        return {};
    QString head = path.left(slash + 1);
    // os.path.dirname strips trailing slashes unless the head is all slashes
    bool allSlashes = true;
    for (QChar c : head) {
        if (c != QLatin1Char('/'))
            allSlashes = false;
    }
    if (!allSlashes) {
        while (head.endsWith(QLatin1Char('/')))
            head.chop(1);
    }
    return head;
}

const QStringList& standardIgnorePatterns() {
    // flytekit.tools.ignore.STANDARD_IGNORE_PATTERNS (1.16)
    static const QStringList patterns{QStringLiteral("*.pyc"), QStringLiteral(".cache"),
                                      QStringLiteral(".cache/*"), QStringLiteral("__pycache__/*"),
                                      QStringLiteral("**/__pycache__/*")};
    return patterns;
}

// All of them as one alternation: one match per file instead of one per pattern (a large tree has
// tens of thousands of files, and each match allocates).
const QRegularExpression& standardIgnoreRegex() {
    static const QRegularExpression regex = [] {
        QStringList alternatives;
        for (const QString& pattern : standardIgnorePatterns())
            alternatives.append(pythonFnmatchRegex(pattern).pattern());
        QRegularExpression combined(alternatives.join(QLatin1Char('|')),
                                    QRegularExpression::DotMatchesEverythingOption);
        combined.optimize();
        return combined;
    }();
    return regex;
}

QString pythonRelpath(const QString& path, const QString& start) {
    return QDir(QDir::cleanPath(start)).relativeFilePath(QDir::cleanPath(path));
}

} // namespace

bool pythonFnmatch(const QString& name, const QString& pattern) {
    return pythonFnmatchRegex(pattern).match(name).hasMatch();
}

DockerIgnoreMatcher::DockerIgnoreMatcher(const QStringList& lines) {
    QStringList patterns = lines;
    patterns.append(QStringLiteral("!.dockerignore"));
    for (QString text : patterns) {
        Pattern pattern;
        if (text.startsWith(QLatin1Char('!'))) {
            pattern.exclusion = true;
            text = text.mid(1);
        }
        // Nothing is matched before the first inclusion, so exclusions ahead of it change nothing;
        // without a .dockerignore that leaves no pattern, and matches() no work per file.
        if (pattern.exclusion && m_patterns.isEmpty())
            continue;
        const QStringList dirs = normalizeDockerPattern(text);
        if (dirs.isEmpty())
            continue;
        pattern.depth = static_cast<int>(dirs.size());
        pattern.regex = dockerFnmatchRegex(dirs.join(QLatin1Char('/')).toLower());
        m_patterns.append(pattern);
    }
}

DockerIgnoreMatcher DockerIgnoreMatcher::fromRoot(const QString& absoluteRoot) {
    QStringList lines;
    QFile file(QDir(absoluteRoot).filePath(QStringLiteral(".dockerignore")));
    if (file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        // flytekit: [l.strip() for l in f.readlines() if l and not l.startswith("#")]
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine());
            if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
                lines.append(line.trimmed());
        }
    }
    return DockerIgnoreMatcher(lines);
}

bool DockerIgnoreMatcher::matches(const QString& path) const {
    if (m_patterns.isEmpty())
        return false;
    const QString lowered = path.toLower();
    const QString parentPath = pythonDirname(lowered);
    const QStringList parentDirs = splitPath(parentPath);
    bool matched = false;
    for (const Pattern& pattern : m_patterns) {
        bool match = pattern.regex.match(lowered).hasMatch();
        if (!match && !parentPath.isEmpty() && pattern.depth <= parentDirs.size())
            match = pattern.regex.match(parentDirs.mid(0, pattern.depth).join(QLatin1Char('/'))).hasMatch();
        if (match)
            matched = !pattern.exclusion;
    }
    return matched;
}

GitIgnoreList GitIgnoreList::fromRoot(const QString& absoluteRoot) {
    GitIgnoreList list;
    const QString git = QStandardPaths::findExecutable(QStringLiteral("git"));
    if (git.isEmpty())
        return list;
    QProcess process;
    process.setWorkingDirectory(absoluteRoot);
    process.start(git,
                  {QStringLiteral("ls-files"), QStringLiteral("-io"), QStringLiteral("--exclude-standard")});
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return list;
    // flytekit: stdout.decode().split("\n")[:-1]
    QStringList lines = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'));
    lines.removeLast();
    for (const QString& line : lines)
        list.m_ignored.insert(line);
    return list;
}

SourceIgnoreRules::SourceIgnoreRules(const QString& root, const QString& absoluteRoot)
    : m_root(root), m_git(GitIgnoreList::fromRoot(absoluteRoot)),
      m_docker(DockerIgnoreMatcher::fromRoot(absoluteRoot)) {}

bool SourceIgnoreRules::isIgnored(const QString& path) const {
    const QString checked = QDir::isAbsolutePath(path) ? pythonRelpath(path, m_root) : path;
    if (m_git.contains(checked))
        return true;
    if (m_docker.matches(checked))
        return true;
    return standardIgnoreRegex().match(checked).hasMatch();
}

} // namespace slipway::spec
