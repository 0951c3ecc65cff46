#include "spec/pynametable.h"

#include <algorithm>

namespace slipway::spec {

PyNameTable::PyNameTable(const PyModuleLayout& layout) : m_layout(layout) {}

void PyNameTable::addStarImport(const QString& module, int line) {
    const QString root = module.section(u'.', 0, 0);
    // flytekit's own star imports bring ImageSpec and friends, never a user's values.
    if (root != u"flytekit" && root != u"union" && root != u"unionai")
        m_starImports.emplace_back(module, line);
}

void PyNameTable::declareGlobal(int block, const QString& name) {
    m_globals[m_layout.scopeOf(block)].insert(name);
}

int PyNameTable::add(PyBinding binding) {
    binding.scope = m_layout.scopeOf(binding.block);
    if (binding.scope != 0 && m_globals.value(binding.scope).contains(binding.name))
        binding.scope = 0;
    const int index = int(m_bindings.size());
    m_byScope[Key{binding.scope, binding.name}].push_back(index);
    m_byName[binding.name].push_back(index);
    m_bindings.push_back(std::move(binding));
    return index;
}

int PyNameTable::latestBefore(const std::vector<int>& bindings, int token) const {
    const auto visible = std::partition_point(bindings.begin(), bindings.end(), [&](int index) {
        return m_bindings[size_t(index)].visibleFrom <= token;
    });
    return visible == bindings.begin() ? -1 : *(visible - 1);
}

int PyNameTable::uncertainBlock(int bindingBlock, int useBlock) const {
    for (int b = bindingBlock; b >= 0 && !m_layout.encloses(b, useBlock);
         b = m_layout.blocks[size_t(b)].parent) {
        if (m_layout.blocks[size_t(b)].kind != PyBlock::Kind::Transparent)
            return b;
    }
    return -1;
}

PyLookup PyNameTable::lookup(const QString& name, int block, int token) const {
    int scope = m_layout.scopeOf(block);
    // A def's name is local wherever the def assigns it; otherwise Python looks in the module.
    if (scope != 0 && (m_globals.value(scope).contains(name) || !m_byScope.contains(Key{scope, name})))
        scope = 0;
    const auto found = m_byScope.constFind(Key{scope, name});
    const int index = found == m_byScope.constEnd() ? -1 : latestBefore(*found, token);
    if (index < 0)
        return {-1, describeUnbound(name, scope, token)};
    const PyBinding& binding = m_bindings[size_t(index)];
    const int uncertain = uncertainBlock(binding.block, block);
    if (uncertain < 0)
        return {index, {}};
    const PyBlock& where = m_layout.blocks[size_t(uncertain)];
    if (where.kind == PyBlock::Kind::Function)
        return {-1, QStringLiteral(
                        "is assigned inside %1 (line %2), so its value depends on when that function runs")
                        .arg(where.header)
                        .arg(binding.line)};
    return {-1, QStringLiteral(
                    "is assigned conditionally (inside %1 at line %2), so its value is only known when "
                    "Python runs")
                    .arg(where.header)
                    .arg(where.line)};
}

QString PyNameTable::describeUnbound(const QString& name, int scope, int token) const {
    const auto sameScope = m_byScope.constFind(Key{scope, name});
    // Called when no binding of this scope is visible yet, so the first one comes later.
    if (sameScope != m_byScope.constEnd() && !sameScope->empty() &&
        m_bindings[size_t(sameScope->front())].visibleFrom > token)
        return QStringLiteral("is assigned only after it is used (at line %1)")
            .arg(m_bindings[size_t(sameScope->front())].line);
    const auto anywhere = m_byName.constFind(name);
    if (anywhere != m_byName.constEnd() && !anywhere->empty()) {
        const PyBinding& first = m_bindings[size_t(anywhere->front())];
        const PyBlock& owner = m_layout.blocks[size_t(first.scope)];
        return QStringLiteral("is only assigned inside %1 (line %2), not where it is used")
            .arg(owner.header)
            .arg(first.line);
    }
    if (!m_starImports.empty())
        return QStringLiteral(
                   "is not assigned in this file; it may come from 'from %1 import *' (line %2), whose "
                   "names are only known when Python runs")
            .arg(m_starImports.front().first, QString::number(m_starImports.front().second));
    return QStringLiteral("is not assigned anywhere in this file");
}

QString PyNameTable::importPath(const QString& name, int token) const {
    const auto found = m_byName.constFind(name);
    if (found == m_byName.constEnd())
        return name;
    const int index = latestBefore(*found, token);
    if (index < 0)
        return name;
    const PyBinding& binding = m_bindings[size_t(index)];
    return binding.kind == PyBinding::Kind::Import ? binding.importPath : QString();
}

} // namespace slipway::spec
