#include "spec/pyevaluator.h"

#include "spec/pyliteral.h"

#include <QHash>
#include <QStringList>
#include <cmath>

namespace slipway::spec {

namespace {

const QString kRuntimeOnly = QStringLiteral("its value is only known when Python runs");
const QString kLiteralFix = QStringLiteral("write the value as a literal, or keep it in a YAML spec");

using Kind = PyNode::Kind;

// Equal for keys Python's dict treats as one: True, 1 and 1.0 are the same key, an int and a
// float only when exactly equal, tuples element by element. Empty for what Python cannot hash.
QString keyIdentity(const PyValue& key) {
    switch (key.kind()) {
    case PyValue::Kind::Str:
        return u's' + key.str();
    case PyValue::Kind::Bool:
        return key.boolean() ? QStringLiteral("i1") : QStringLiteral("i0");
    case PyValue::Kind::Int:
        return u'i' + QString::number(key.integer());
    case PyValue::Kind::Float: {
        const double real = key.floating();
        if (std::trunc(real) == real && real >= -0x1p63 && real < 0x1p63)
            return u'i' + QString::number(qint64(real));
        return u'f' + key.repr();
    }
    case PyValue::Kind::Tuple: {
        QString identity = QStringLiteral("t(");
        for (const PyValue& item : key.items()) {
            const QString part = keyIdentity(item);
            if (part.isEmpty())
                return {};
            identity += part + u',';
        }
        return identity + u')';
    }
    case PyValue::Kind::List:
    case PyValue::Kind::Dict:
    case PyValue::Kind::Spec:
        return {};
    default:
        return u'r' + key.repr();
    }
}

} // namespace

PyEvaluation PyEvaluation::of(PyValue value) {
    PyEvaluation evaluation;
    evaluation.value = std::move(value);
    return evaluation;
}

PyEvaluation PyEvaluation::failure(PyUnreadable unreadable) {
    PyEvaluation evaluation;
    evaluation.unreadable = std::move(unreadable);
    return evaluation;
}

PyEvaluator::PyEvaluator(const PySource& source, const std::vector<PyNode>& nodes, const PyNameTable& names)
    : m_source(source), m_nodes(nodes), m_names(names) {}

SourcePosition PyEvaluator::positionOf(int node) const {
    return m_source.tokens[size_t(m_nodes[size_t(node)].first)].position;
}

QString PyEvaluator::excerptOf(int node) const {
    return m_source.excerpt(m_nodes[size_t(node)].first, m_nodes[size_t(node)].last);
}

PyEvaluation PyEvaluator::unreadable(int node, QString problem, QString fix) const {
    return PyEvaluation::failure(PyUnreadable{
        positionOf(node), excerptOf(node), std::move(problem), fix.isEmpty() ? kLiteralFix : fix, {}});
}

void PyEvaluator::remember(int binding, PyEvaluation value) {
    if (size_t(binding) >= m_bindingValues.size())
        m_bindingValues.resize(size_t(binding) + 1);
    m_bindingValues[size_t(binding)] = std::move(value);
}

PyEvaluation PyEvaluator::evaluate(int node, int block) {
    switch (m_nodes[size_t(node)].kind) {
    case Kind::Name:
        return name(node, block);
    case Kind::Attribute:
        return attribute(node);
    case Kind::String:
        return string(node);
    case Kind::Number:
        return number(node);
    case Kind::Unary:
        return unary(node, block);
    case Kind::List:
    case Kind::Tuple:
        return sequence(node, block);
    case Kind::Dict:
        return dict(node, block);
    case Kind::Call:
        if (m_calls) {
            if (std::optional<PyEvaluation> result = m_calls->evaluateCall(node, block))
                return std::move(*result);
        }
        return unreadable(node, QStringLiteral("is a function call; ") + kRuntimeOnly);
    default:
        return other(node);
    }
}

PyEvaluation PyEvaluator::name(int node, int block) {
    const QString& text = m_nodes[size_t(node)].name;
    if (text == u"True" || text == u"False")
        return PyEvaluation::of(PyValue::boolean(text == u"True"));
    if (text == u"None")
        return PyEvaluation::of(PyValue());
    const PyLookup lookup = m_names.lookup(text, block, m_nodes[size_t(node)].first);
    if (lookup.binding < 0)
        return unreadable(
            node, lookup.problem,
            QStringLiteral("assign it a literal once at module level, or write the value here"));
    const PyBinding& binding = m_names.binding(lookup.binding);
    if (binding.kind == PyBinding::Kind::Import) {
        const QString module = binding.importPath.section(u'.', 0, -2);
        return unreadable(
            node, module.isEmpty()
                      ? QStringLiteral("is a module imported at line %1, not a value").arg(binding.line)
                      : QStringLiteral("is imported from %1 (line %2); %3")
                            .arg(module, QString::number(binding.line), kRuntimeOnly));
    }
    if (binding.kind == PyBinding::Kind::Other || size_t(lookup.binding) >= m_bindingValues.size() ||
        !m_bindingValues[size_t(lookup.binding)])
        return unreadable(node, binding.how + QStringLiteral("; ") + kRuntimeOnly);
    const PyEvaluation& value = *m_bindingValues[size_t(lookup.binding)];
    if (value.ok())
        return value;
    // Point at the use, but say what the name was assigned: the innermost cause, not a chain.
    PyUnreadable cause = value.unreadable;
    if (cause.definedAs.isEmpty())
        cause.definedAs =
            QStringLiteral("%1 at line %2").arg(cause.subject, QString::number(cause.position.line));
    cause.subject = QStringLiteral("%1 (= %2)").arg(text, cause.definedAs);
    cause.position = positionOf(node);
    return PyEvaluation::failure(std::move(cause));
}

QString PyEvaluator::dottedPath(int node) const {
    QStringList parts;
    int current = node;
    while (m_nodes[size_t(current)].kind == Kind::Attribute) {
        parts.prepend(m_nodes[size_t(current)].name);
        current = m_nodes[size_t(current)].children.front();
    }
    const PyNode& root = m_nodes[size_t(current)];
    if (root.kind != Kind::Name)
        return {};
    parts.prepend(root.name);
    return resolvePath(parts, root.first);
}

QString PyEvaluator::resolvePath(QStringList parts, int token) const {
    QString root = m_names.importPath(parts.front(), token);
    if (root.isEmpty())
        return {};
    // Names nothing binds: flytekit's own, as used after `from flytekit import *`.
    if (root == u"ImageSpec")
        root = QStringLiteral("flytekit.ImageSpec");
    else if (root == u"CopyFileDetection")
        root = QStringLiteral("flytekit.constants.CopyFileDetection");
    parts.front() = root;
    return parts.join(u'.');
}

bool PyEvaluator::isImageSpecPath(const QString& path) {
    static const QStringList known{QStringLiteral("flytekit.ImageSpec"),
                                   QStringLiteral("flytekit.image_spec.ImageSpec"),
                                   QStringLiteral("flytekit.image_spec.image_spec.ImageSpec"),
                                   QStringLiteral("union.ImageSpec"), QStringLiteral("unionai.ImageSpec")};
    return known.contains(path);
}

bool PyEvaluator::isCopyFileDetectionPath(const QString& path) {
    const QString root = path.section(u'.', 0, 0);
    return path.endsWith(QLatin1StringView(".CopyFileDetection")) &&
           (root == u"flytekit" || root == u"union" || root == u"unionai");
}

PyEvaluation PyEvaluator::attribute(int node) {
    const PyNode& attribute = m_nodes[size_t(node)];
    const QString owner = dottedPath(attribute.children.front());
    if (isCopyFileDetectionPath(owner)) {
        static const QList<std::pair<QString, CopyMode>> members{
            {QStringLiteral("LOADED_MODULES"), CopyMode::LoadedModules},
            {QStringLiteral("ALL"), CopyMode::All},
            {QStringLiteral("NO_COPY"), CopyMode::NoCopy}};
        for (const auto& [member, mode] : members) {
            if (attribute.name == member)
                return PyEvaluation::of(PyValue::copyMode(mode));
        }
        return unreadable(node, QStringLiteral("is not a member of CopyFileDetection"),
                          QStringLiteral("use CopyFileDetection.ALL, LOADED_MODULES or NO_COPY"));
    }
    return unreadable(node, QStringLiteral("is an attribute; only CopyFileDetection.ALL, LOADED_MODULES and "
                                           "NO_COPY are read without running Python"));
}

PyEvaluation PyEvaluator::string(int node) const {
    const PyNode& literal = m_nodes[size_t(node)];
    QString text;
    int bytesParts = 0;
    const int parts = literal.last - literal.first + 1;
    for (int token = literal.first; token <= literal.last; ++token) {
        const PyStringLiteral part = decodeStringLiteral(m_source.view(token));
        if (part.hasFields)
            return unreadable(node,
                              QStringLiteral("is an f-string with replacement fields; ") + kRuntimeOnly);
        if (!part.problem.isEmpty())
            return unreadable(node, part.problem,
                              part.problem.contains(u"\\N") ? QStringLiteral("write the character itself")
                                                            : QStringLiteral("fix the escape sequence"));
        bytesParts += part.bytes ? 1 : 0;
        text += part.value;
    }
    if (bytesParts == parts)
        return unreadable(node, QStringLiteral("is a bytes literal, which ImageSpec does not take"),
                          QStringLiteral("drop the b prefix to make it a str"));
    if (bytesParts > 0)
        return unreadable(node, QStringLiteral("joins bytes and str literals, which Python rejects"),
                          QStringLiteral("drop the b prefix"));
    return PyEvaluation::of(PyValue(text));
}

PyEvaluation PyEvaluator::number(int node) const {
    const PyNumberLiteral literal = decodeNumberLiteral(m_source.view(m_nodes[size_t(node)].first));
    if (literal.value)
        return PyEvaluation::of(*literal.value);
    return unreadable(node, literal.problem, QStringLiteral("write a str or a smaller number"));
}

PyEvaluation PyEvaluator::unary(int node, int block) {
    const PyNode& unary = m_nodes[size_t(node)];
    if (unary.name == u"-" || unary.name == u"+") {
        PyEvaluation operand = evaluate(unary.children.front(), block);
        if (!operand.ok())
            return operand;
        const bool negate = unary.name == u"-";
        if (operand.value->kind() == PyValue::Kind::Int)
            return PyEvaluation::of(
                PyValue::integer(negate ? -operand.value->integer() : operand.value->integer()));
        if (operand.value->kind() == PyValue::Kind::Float)
            return PyEvaluation::of(
                PyValue::floating(negate ? -operand.value->floating() : operand.value->floating()));
    }
    return unreadable(node, QStringLiteral("is computed with '%1'; %2").arg(unary.name, kRuntimeOnly));
}

PyEvaluation PyEvaluator::sequence(int node, int block) {
    const PyNode& sequence = m_nodes[size_t(node)];
    PyValue::List items;
    items.reserve(qsizetype(sequence.children.size()));
    for (int child : sequence.children) {
        PyEvaluation item = evaluate(child, block);
        if (!item.ok())
            return item;
        items.append(std::move(*item.value));
    }
    return PyEvaluation::of(sequence.kind == Kind::List ? PyValue::list(std::move(items))
                                                        : PyValue::tuple(std::move(items)));
}

PyEvaluation PyEvaluator::dict(int node, int block) {
    PyValue::Dict entries;
    QHash<QString, qsizetype> keyPositions;
    for (int child : m_nodes[size_t(node)].children) {
        const PyNode& item = m_nodes[size_t(child)];
        if (item.kind != Kind::DictItem)
            return evaluate(child, block);
        PyEvaluation key = evaluate(item.children[0], block);
        if (!key.ok())
            return key;
        const QString identity = keyIdentity(*key.value);
        if (identity.isEmpty()) {
            const bool tuple = key.value->kind() == PyValue::Kind::Tuple;
            return unreadable(
                item.children[0],
                tuple ? QStringLiteral("is a tuple holding a list or dict, which cannot be a dict key")
                      : QStringLiteral("is a %1, which cannot be a dict key").arg(key.value->typeName()),
                QStringLiteral("use a str key"));
        }
        PyEvaluation value = evaluate(item.children[1], block);
        if (!value.ok())
            return value;
        // A repeated key keeps its first position and takes the last value, as in Python. Keys
        // are found by hash so that large literal tables stay linear.
        const qsizetype existing = keyPositions.value(identity, -1);
        if (existing >= 0) {
            entries[existing].second = std::move(*value.value);
        } else {
            keyPositions.insert(identity, entries.size());
            entries.append({std::move(*key.value), std::move(*value.value)});
        }
    }
    return PyEvaluation::of(PyValue::dict(std::move(entries)));
}

PyEvaluation PyEvaluator::other(int node) const {
    const PyNode& expression = m_nodes[size_t(node)];
    switch (expression.kind) {
    case Kind::Set:
        return unreadable(node, QStringLiteral("is a set, whose order is only known when Python runs"),
                          QStringLiteral("write a list: [...]"));
    case Kind::Starred:
    case Kind::DoubleStarred:
        return unreadable(node, QStringLiteral("unpacks another value; ") + kRuntimeOnly);
    case Kind::Comprehension:
        return unreadable(node, QStringLiteral("is a comprehension; ") + kRuntimeOnly);
    case Kind::Binary:
        return unreadable(node,
                          QStringLiteral("is computed with '%1'; %2").arg(expression.name, kRuntimeOnly));
    case Kind::Conditional:
        return unreadable(node, QStringLiteral("is a conditional expression; ") + kRuntimeOnly);
    case Kind::Lambda:
        return unreadable(node, QStringLiteral("is a lambda; ") + kRuntimeOnly);
    case Kind::Subscript:
        return unreadable(node, QStringLiteral("is a subscript; ") + kRuntimeOnly);
    case Kind::Walrus:
        return unreadable(node, QStringLiteral("is an assignment expression; ") + kRuntimeOnly);
    case Kind::Await:
    case Kind::Yield:
        return unreadable(node, QStringLiteral("is an await or yield expression; ") + kRuntimeOnly);
    case Kind::Ellipsis:
        return unreadable(node, QStringLiteral("is Ellipsis, which ImageSpec does not take"));
    case Kind::Invalid:
        return unreadable(node, QStringLiteral("is not valid Python (%1)").arg(expression.name),
                          QStringLiteral("fix the syntax"));
    default:
        return unreadable(node, QStringLiteral("cannot be read without running Python"));
    }
}

} // namespace slipway::spec
