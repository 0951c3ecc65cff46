#include "spec/pythonimporter.h"

#include "spec/pyevaluator.h"
#include "spec/pyexpression.h"
#include "spec/pymodulelayout.h"
#include "spec/pynametable.h"
#include "spec/pyspecbuilder.h"
#include "spec/pytokenizer.h"

#include <QFile>
#include <array>

namespace slipway::spec {

namespace {

constexpr std::array<QStringView, 13> kAugmentedAssignments{u"+=", u"-=", u"*=", u"/=",  u"//=", u"%=", u"@=",
                                                            u"&=", u"|=", u"^=", u">>=", u"<<=", u"**="};

// Walks a module's statements in order, recording what names are bound to and reading every
// ImageSpec call: those assigned to a name when the assignment is read, the rest by scanning.
class ModuleReader {
public:
    ModuleReader(const PySource& source, const QString& fileName)
        : m_source(source), m_layout(layoutModule(source)), m_names(m_layout), m_parser(source, m_nodes),
          m_evaluator(source, m_nodes, m_names), m_specs(source, m_nodes, m_evaluator, fileName) {
        m_evaluator.setCallHandler(&m_specs);
    }

    // Two passes: every binding is known before any value is computed (so "assigned only after
    // it is used" can be told), and values are computed in source order, as Python runs them.
    PythonImportResult run() {
        m_assignments.resize(m_layout.statements.size());
        for (size_t i = 0; i < m_layout.statements.size(); ++i) {
            const PyStatement& statement = m_layout.statements[i];
            if (statement.kind == PyStatement::Kind::Header)
                bindHeader(statement);
            else if (statement.kind == PyStatement::Kind::Simple)
                readSimple(statement, m_assignments[i]);
        }
        for (size_t i = 0; i < m_layout.statements.size(); ++i) {
            if (m_assignments[i].valueStart >= 0)
                evaluateAssignment(m_layout.statements[i], m_assignments[i]);
            scan(m_layout.statements[i]);
        }
        return PythonImportResult{m_specs.specs(), m_specs.diagnostics()};
    }

private:
    struct Assignment {
        int valueStart = -1;       // first token of the assigned expression; -1 for other statements
        std::vector<int> bindings; // of the targets that are plain names
        QString variable;          // the first of those names
    };

    bool isNameToken(int index) const {
        return index >= 0 && size_t(index) < m_source.tokens.size() &&
               m_source.tokens[size_t(index)].kind == PyTokenKind::Name;
    }
    int lineOf(int token) const { return m_source.tokens[size_t(token)].position.line; }

    int bind(PyBinding::Kind kind, int nameToken, int block, int visibleFrom, QString importPath = {},
             QString how = {}) {
        PyBinding binding;
        binding.kind = kind;
        binding.name = m_source.view(nameToken).toString();
        binding.block = block;
        binding.visibleFrom = visibleFrom;
        binding.line = lineOf(nameToken);
        binding.importPath = std::move(importPath);
        binding.how = std::move(how);
        return m_names.add(std::move(binding));
    }

    void readSimple(const PyStatement& statement, Assignment& assignment) {
        const int first = statement.first;
        if (m_source.isName(first, u"import"))
            return importModules(statement);
        if (m_source.isName(first, u"from"))
            return importFrom(statement);
        if (m_source.isName(first, u"global")) {
            for (int i = first + 1; i < statement.end; ++i) {
                if (isNameToken(i))
                    m_names.declareGlobal(statement.block, m_source.view(i).toString());
            }
            return;
        }
        bindTargets(statement, assignment);
    }

    // import a.b.c, d as e
    void importModules(const PyStatement& statement) {
        int i = statement.first + 1;
        while (i < statement.end && isNameToken(i)) {
            const int root = i;
            QString path = m_source.view(i).toString();
            while (m_source.isOperator(i + 1, u".") && isNameToken(i + 2) && i + 2 < statement.end) {
                path += u'.' + m_source.view(i + 2).toString();
                i += 2;
            }
            ++i;
            if (m_source.isName(i, u"as") && isNameToken(i + 1) && i + 1 < statement.end) {
                bind(PyBinding::Kind::Import, i + 1, statement.block, statement.end, path);
                i += 2;
            } else {
                bind(PyBinding::Kind::Import, root, statement.block, statement.end,
                     m_source.view(root).toString());
            }
            if (!m_source.isOperator(i, u","))
                break;
            ++i;
        }
    }

    // from a.b import c as d, e   /   from . import x   /   from m import (a, b)
    void importFrom(const PyStatement& statement) {
        int i = statement.first + 1;
        QString module;
        while (i < statement.end && !m_source.isName(i, u"import")) {
            module += m_source.view(i);
            ++i;
        }
        if (i >= statement.end)
            return;
        ++i;
        const QString prefix = module.endsWith(u'.') ? module : module + u'.';
        for (; i < statement.end; ++i) {
            if (m_source.isOperator(i, u"*"))
                m_names.addStarImport(module, lineOf(i));
            if (!isNameToken(i) || m_source.isName(i, u"as"))
                continue;
            const QString imported = prefix + m_source.view(i).toString();
            if (m_source.isName(i + 1, u"as") && isNameToken(i + 2) && i + 2 < statement.end) {
                bind(PyBinding::Kind::Import, i + 2, statement.block, statement.end, imported);
                i += 2;
            } else {
                bind(PyBinding::Kind::Import, i, statement.block, statement.end, imported);
            }
        }
    }

    void bindTargets(const PyStatement& statement, Assignment& assignment) {
        std::vector<int> equals;
        int annotation = -1;
        int depth = 0;
        for (int i = statement.first; i < statement.end; ++i) {
            depth += m_source.bracketDelta(i);
            if (m_source.tokens[size_t(i)].kind != PyTokenKind::Operator || depth != 0)
                continue;
            const QStringView text = m_source.view(i);
            if (text == u"=") {
                equals.push_back(i);
            } else if (equals.empty() && text == u":" && annotation < 0) {
                annotation = i;
            } else if (equals.empty() && std::find(kAugmentedAssignments.begin(), kAugmentedAssignments.end(),
                                                   text) != kAugmentedAssignments.end()) {
                if (i == statement.first + 1 && isNameToken(statement.first))
                    bind(PyBinding::Kind::Other, statement.first, statement.block, statement.end, {},
                         QStringLiteral("is changed with '%1' at line %2").arg(text).arg(lineOf(i)));
                return;
            }
        }
        if (equals.empty())
            return;
        assignment.valueStart = equals.back() + 1;
        int targetStart = statement.first;
        for (size_t target = 0; target < equals.size(); ++target) {
            int targetEnd = equals[target];
            if (target == 0 && annotation >= 0 && annotation < targetEnd)
                targetEnd = annotation;
            if (targetEnd == targetStart + 1 && isNameToken(targetStart)) {
                assignment.bindings.push_back(
                    bind(PyBinding::Kind::Value, targetStart, statement.block, statement.end, {},
                         QStringLiteral("is assigned at line %1").arg(lineOf(targetStart))));
                if (assignment.variable.isEmpty())
                    assignment.variable = m_source.view(targetStart).toString();
            } else {
                bindUnpacked(targetStart, targetEnd, statement);
            }
            targetStart = equals[target] + 1;
        }
    }

    void evaluateAssignment(const PyStatement& statement, const Assignment& assignment) {
        int valueStart = assignment.valueStart;
        const int node = m_parser.parseExpressionList(valueStart, statement.end);
        m_specs.beginTopLevel();
        const PyEvaluation value = m_evaluator.evaluate(node, statement.block);
        for (int binding : assignment.bindings)
            m_evaluator.remember(binding, value);
        m_specs.finishTopLevel(value, assignment.variable);
    }

    // `a, (b, *c) = ...` binds each name; `obj.attr = ...` and `d[k] = ...` bind none.
    void bindUnpacked(int first, int end, const PyStatement& statement) {
        for (int i = first; i < end; ++i) {
            const QStringView text = m_source.view(i);
            const bool pattern =
                isNameToken(i) || text == u"," || text == u"*" || m_source.bracketDelta(i) != 0;
            if (!pattern)
                return;
        }
        for (int i = first; i < end; ++i) {
            if (isNameToken(i))
                bind(PyBinding::Kind::Other, i, statement.block, statement.end, {},
                     QStringLiteral("is assigned by unpacking at line %1").arg(lineOf(i)));
        }
    }

    void bindHeader(const PyStatement& statement) {
        const int keyword =
            m_source.isName(statement.first, u"async") ? statement.first + 1 : statement.first;
        const QStringView word = m_source.view(keyword);
        const int line = lineOf(keyword);
        if ((word == u"def" || word == u"class") && isNameToken(keyword + 1) && keyword + 1 < statement.end) {
            const bool function = word == u"def";
            bind(PyBinding::Kind::Other, keyword + 1, statement.block, statement.end, {},
                 function ? QStringLiteral("is a function (def at line %1)").arg(line)
                          : QStringLiteral("is a class (line %1)").arg(line));
            if (function)
                bindParameters(keyword + 2, statement);
        } else if (word == u"for") {
            for (int i = keyword + 1; i < statement.end && !m_source.isName(i, u"in"); ++i) {
                if (isNameToken(i))
                    bind(PyBinding::Kind::Other, i, statement.body, statement.end, {},
                         QStringLiteral("is the loop variable of the for loop at line %1").arg(line));
            }
        } else if (word == u"with" || word == u"except") {
            for (int i = keyword + 1; i + 1 < statement.end; ++i) {
                if (m_source.isName(i, u"as") && isNameToken(i + 1))
                    bind(PyBinding::Kind::Other, i + 1, statement.body, statement.end, {},
                         word == u"with" ? QStringLiteral("is bound by 'with ... as' at line %1").arg(line)
                                         : QStringLiteral("is the exception caught at line %1").arg(line));
            }
        }
    }

    void bindParameters(int open, const PyStatement& statement) {
        if (!m_source.isOperator(open, u"("))
            return;
        const QString function = m_source.view(open - 1).toString();
        int depth = 0;
        for (int i = open; i < statement.end; ++i) {
            depth += m_source.bracketDelta(i);
            if (depth == 0)
                return;
            const QStringView before = m_source.view(i - 1);
            const bool startsParameter =
                before == u"(" || before == u"," || before == u"*" || before == u"**";
            if (depth == 1 && isNameToken(i) && startsParameter)
                bind(PyBinding::Kind::Other, i, statement.body, statement.end, {},
                     QStringLiteral("is a parameter of %1()").arg(function));
        }
    }

    // Reads every ImageSpec call (and `.with_*()` chain on a name) not read yet, such as
    // `@task(container_image=ImageSpec(...))` or an ImageSpec inside another call.
    void scan(const PyStatement& statement) {
        // `case ImageSpec(name="x"):` is a class pattern that matches specs; it makes none.
        if (statement.kind == PyStatement::Kind::Header && m_source.isName(statement.first, u"case"))
            return;
        for (int i = statement.first; i < statement.end; ++i) {
            if (m_specs.isConsumed(i) || !isNameToken(i) || m_source.isOperator(i - 1, u".") ||
                !startsSpecCall(i, statement.end))
                continue;
            int pos = i;
            const int chain = outermostSpecChain(m_parser.parsePrimary(pos, statement.end));
            if (chain < 0)
                continue;
            m_specs.beginTopLevel();
            const PyEvaluation value = m_evaluator.evaluate(chain, statement.block);
            m_specs.finishTopLevel(value, {});
        }
    }

    // Whether tokens from `i` look like `ImageSpec(`, `fk.ImageSpec.from_env(` or `name.with_*(`.
    // Only those are parsed: parsing every call of a deeply nested expression would be quadratic.
    bool startsSpecCall(int i, int end) const {
        QStringList parts{m_source.view(i).toString()};
        int j = i;
        while (j + 2 < end && m_source.isOperator(j + 1, u".") && isNameToken(j + 2)) {
            parts.append(m_source.view(j + 2).toString());
            j += 2;
        }
        if (j + 1 >= end || !m_source.isOperator(j + 1, u"("))
            return false;
        if (parts.size() >= 2 && PySpecBuilder::isSpecMethod(parts.back()))
            return true;
        if (parts.size() >= 2 && parts.back() == u"from_env")
            parts.removeLast();
        return PyEvaluator::isImageSpecPath(m_evaluator.resolvePath(parts, i));
    }

    int outermostSpecChain(int node) const {
        int current = node;
        while (true) {
            const PyNode& n = m_nodes[size_t(current)];
            if (n.kind == PyNode::Kind::Call && m_specs.isSpecChain(current))
                return current;
            const bool descend = n.kind == PyNode::Kind::Call || n.kind == PyNode::Kind::Attribute ||
                                 n.kind == PyNode::Kind::Subscript;
            if (!descend)
                return -1;
            current = n.children.front();
        }
    }

    const PySource& m_source;
    PyModuleLayout m_layout;
    std::vector<PyNode> m_nodes;
    PyNameTable m_names;
    PyExpressionParser m_parser;
    PyEvaluator m_evaluator;
    PySpecBuilder m_specs;
    std::vector<Assignment> m_assignments; // one per statement
};

Diagnostic fileDiagnostic(Diagnostic diagnostic, const QString& fileName, SourcePosition position = {}) {
    diagnostic.file = fileName;
    diagnostic.position = position;
    return diagnostic;
}

} // namespace

PythonImportResult importSpecsFromPython(const QByteArray& source, const QString& fileName) {
    const PySource tokens = tokenizePython(source);
    if (tokens.error) {
        PythonImportResult result;
        result.diagnostics.append(fileDiagnostic(
            makeError(std::nullopt, QStringLiteral("syntax error: %1").arg(tokens.error->message),
                      QStringLiteral("fix the syntax; Python cannot load this file either")),
            fileName, tokens.error->position));
        return result;
    }
    PythonImportResult result = ModuleReader(tokens, fileName).run();
    if (result.specs.isEmpty()) {
        result.diagnostics.append(fileDiagnostic(
            makeWarning(std::nullopt, QStringLiteral("no ImageSpec(...) call was found"),
                        QStringLiteral(
                            "define one, e.g. image = ImageSpec(name=\"my-image\", packages=[\"pandas\"])")),
            fileName));
    }
    return result;
}

PythonImportResult importSpecsFromPythonFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        PythonImportResult result;
        result.diagnostics.append(fileDiagnostic(
            makeError(std::nullopt, QStringLiteral("cannot read the file: %1").arg(file.errorString())),
            path));
        return result;
    }
    return importSpecsFromPython(file.readAll(), path);
}

} // namespace slipway::spec
