#include "buildkit/syncedtree.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <fnmatch.h>

namespace slipway::buildkit {

namespace {

// fsutil compares paths component by component; with '/' mapped to the lowest byte, a plain byte
// comparison does the same ("a/b" before "a.txt", because "a" < "a.txt").
std::string walkKey(const QString& path) {
    std::string key = path.toStdString();
    std::replace(key.begin(), key.end(), '/', '\0');
    return key;
}

// filepath.Clean for the relative, '/'-separated patterns BuildKit sends.
QString cleanPattern(QString pattern) {
    QStringList parts;
    for (const QString& part : pattern.split(u'/', Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..") && !parts.isEmpty() && parts.last() != QLatin1String(".."))
            parts.removeLast();
        else
            parts.append(part);
    }
    return parts.join(u'/');
}

// fsutil's matchPrefix: each path component against the pattern's component at the same depth
// (filepath.Match). A path longer than the pattern lies under a match. (Directories on the way to a
// pattern are sent as the parents of what matched.)
bool includeMatches(const QStringList& pattern, const QStringList& path) {
    if (pattern.isEmpty())
        return true; // "." or "": the whole tree
    const qsizetype depth = std::min(pattern.size(), path.size());
    for (qsizetype i = 0; i < depth; ++i) {
        if (fnmatch(pattern[i].toUtf8().constData(), path[i].toUtf8().constData(), 0) != 0)
            return false;
    }
    return true;
}

// A .dockerignore pattern as docker's fileutils compiles it: '*' and '?' stay within a component,
// "**" crosses them, '\' escapes, character classes pass through.
QRegularExpression excludeExpression(const QString& pattern) {
    QString expression = QStringLiteral("^");
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == u'*') {
            if (i + 1 < pattern.size() && pattern[i + 1] == u'*') {
                ++i;
                if (i + 1 < pattern.size() && pattern[i + 1] == u'/') {
                    ++i;
                    expression += QStringLiteral("(.*/)?"); // "**/" also matches no directory at all
                } else {
                    expression += QStringLiteral(".*");
                }
            } else {
                expression += QStringLiteral("[^/]*");
            }
        } else if (c == u'?') {
            expression += QStringLiteral("[^/]");
        } else if (c == u'\\' && i + 1 < pattern.size()) {
            expression += QRegularExpression::escape(pattern.mid(++i, 1));
        } else if (c == u'[') {
            const qsizetype end = pattern.indexOf(u']', i + 1);
            if (end < 0) {
                expression += QStringLiteral("\\[");
            } else {
                QString set = pattern.mid(i + 1, end - i - 1);
                if (set.startsWith(u'!'))
                    set[0] = u'^';
                expression += u'[' + set + u']';
                i = end;
            }
        } else {
            expression += QRegularExpression::escape(QString(c));
        }
    }
    return QRegularExpression(expression + u'$');
}

struct ExcludeRule {
    QRegularExpression expression;
    bool reinclude = false;
};

QList<ExcludeRule> excludeRules(const QStringList& patterns) {
    QList<ExcludeRule> rules;
    for (QString pattern : patterns) {
        pattern = pattern.trimmed();
        const bool reinclude = pattern.startsWith(u'!');
        if (reinclude)
            pattern = pattern.mid(1).trimmed();
        pattern = cleanPattern(pattern);
        if (!pattern.isEmpty())
            rules.append({excludeExpression(pattern), reinclude});
    }
    return rules;
}

// The last rule matching the path or one of its parent directories decides.
bool excluded(const QList<ExcludeRule>& rules, const QString& path) {
    bool out = false;
    for (const ExcludeRule& rule : rules) {
        bool match = rule.expression.match(path).hasMatch();
        for (qsizetype slash = path.indexOf(u'/'); !match && slash > 0; slash = path.indexOf(u'/', slash + 1))
            match = rule.expression.match(path.left(slash)).hasMatch();
        if (match)
            out = !rule.reinclude;
    }
    return out;
}

} // namespace

SyncedTree::SyncedTree(QList<SyncedEntry> entries) {
    QHash<QString, qsizetype> byPath;
    for (SyncedEntry& entry : entries) {
        // A later entry for the same path replaces an earlier one, as in a tar.
        if (const auto it = byPath.constFind(entry.path); it != byPath.constEnd()) {
            m_entries[*it] = std::move(entry);
            continue;
        }
        for (qsizetype slash = entry.path.indexOf(u'/'); slash > 0;
             slash = entry.path.indexOf(u'/', slash + 1)) {
            const QString parent = entry.path.left(slash);
            if (!byPath.contains(parent)) {
                byPath.insert(parent, m_entries.size());
                m_entries.append(SyncedEntry{parent, {}, {}, true});
            }
        }
        byPath.insert(entry.path, m_entries.size());
        m_entries.append(std::move(entry));
    }
    std::vector<std::pair<std::string, qsizetype>> order;
    order.reserve(static_cast<size_t>(m_entries.size()));
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        order.emplace_back(walkKey(m_entries[i].path), i);
    std::sort(order.begin(), order.end());
    QList<SyncedEntry> sorted;
    sorted.reserve(m_entries.size());
    for (const auto& [key, index] : order)
        sorted.append(std::move(m_entries[index]));
    m_entries = std::move(sorted);
}

QList<qsizetype> SyncedTree::select(const SyncFilter& filter) const {
    QList<QStringList> includes;
    for (const QString& pattern : filter.includePatterns)
        includes.append(cleanPattern(pattern).split(u'/', Qt::SkipEmptyParts));
    const QList<ExcludeRule> rules = excludeRules(filter.excludePatterns);

    // An entry is wanted when an include pattern reaches it (or there are none) and no exclude rule
    // drops it. A directory only on the way to a pattern is not wanted for itself.
    const auto wanted = [&](const SyncedEntry& entry) {
        const QStringList parts = entry.path.split(u'/');
        const bool included = includes.isEmpty() ||
                              std::any_of(includes.begin(), includes.end(), [&](const QStringList& pattern) {
                                  return pattern.size() <= parts.size() && includeMatches(pattern, parts);
                              });
        return included && !excluded(rules, entry.path);
    };
    // Walking backwards, whatever is sent needs its parents before it (the receiver refuses an orphan),
    // even a parent that was excluded itself.
    QList<qsizetype> selected;
    QSet<QString> needed;
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) {
        const SyncedEntry& entry = m_entries[i];
        if (!needed.contains(entry.path) && !wanted(entry))
            continue;
        selected.append(i);
        const qsizetype slash = entry.path.lastIndexOf(u'/');
        if (slash > 0)
            needed.insert(entry.path.left(slash));
    }
    std::reverse(selected.begin(), selected.end());
    return selected;
}

} // namespace slipway::buildkit
