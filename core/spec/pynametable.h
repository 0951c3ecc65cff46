#pragma once

#include "spec/pymodulelayout.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <vector>

namespace slipway::spec {

// Something that gives a name a value: an assignment, an import, a def, a loop variable, ...
struct PyBinding {
    enum class Kind {
        Value,  // NAME = expression: PyEvaluator remembers the expression's value
        Import, // import / from-import: `importPath` is the dotted path it names
        Other,  // def, class, for, with ... as, +=, unpacking: `how` says which
    };

    Kind kind = Kind::Other;
    QString name;
    int block = 0;       // where the binding happens
    int visibleFrom = 0; // first token that sees it (the end of the binding statement)
    int line = 0;
    QString importPath;
    QString how;   // "is the loop variable of the for loop at line 3"
    int scope = 0; // filled by PyNameTable::add
};

// The result of looking a name up where it is used.
struct PyLookup {
    int binding = -1; // the binding in effect, when exactly one surely is
    QString problem;  // otherwise why not, e.g. "is assigned conditionally (inside if at line 4)"
};

// The names bound in a module, looked up the way Python resolves them at the point of use: the
// use's own def/class scope first, then the module; the latest binding before the use counts, and
// only when its block surely ran (not inside an if, a loop or a def the use is not part of).
class PyNameTable {
public:
    explicit PyNameTable(const PyModuleLayout& layout);

    // `from module import *`: names it brings cannot be known without reading that module.
    void addStarImport(const QString& module, int line);
    // `global NAME` inside the def or class body `block`.
    void declareGlobal(int block, const QString& name);
    // Bindings must be added in source order. Returns the binding's index.
    int add(PyBinding binding);
    const PyBinding& binding(int index) const { return m_bindings[size_t(index)]; }

    PyLookup lookup(const QString& name, int block, int token) const;
    // The dotted path a name was imported as, for resolving `fk.ImageSpec`: the name itself when
    // nothing binds it (a star import or a builtin), empty when something other than an import does.
    QString importPath(const QString& name, int token) const;

private:
    struct Key {
        int scope;
        QString name;
        friend bool operator==(const Key& a, const Key& b) { return a.scope == b.scope && a.name == b.name; }
        friend size_t qHash(const Key& key, size_t seed = 0) { return qHashMulti(seed, key.scope, key.name); }
    };

    int latestBefore(const std::vector<int>& bindings, int token) const;
    QString describeUnbound(const QString& name, int scope, int token) const;
    // The first block between a binding and the use that may not have run, or -1.
    int uncertainBlock(int bindingBlock, int useBlock) const;

    const PyModuleLayout& m_layout;
    std::vector<PyBinding> m_bindings;
    QHash<Key, std::vector<int>> m_byScope;
    QHash<QString, std::vector<int>> m_byName;
    QHash<int, QSet<QString>> m_globals;
    std::vector<std::pair<QString, int>> m_starImports; // module, line
};

} // namespace slipway::spec
