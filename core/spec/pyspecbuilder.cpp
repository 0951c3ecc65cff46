#include "spec/pyspecbuilder.h"

#include <array>

namespace slipway::spec {

namespace {

using Kind = PyNode::Kind;

struct SpecMethod {
    QStringView method;
    Field field;
    QStringView parameter; // flytekit's parameter name, for keyword calls
};

constexpr std::array<SpecMethod, 6> kSpecMethods{{
    {u"with_packages", Field::Packages, u"packages"},
    {u"with_apt_packages", Field::AptPackages, u"apt_packages"},
    {u"with_commands", Field::Commands, u"commands"},
    {u"with_copy", Field::Copy, u"src"},
    {u"with_runtime_packages", Field::RuntimePackages, u"runtime_packages"},
    {u"with_builder_options", Field::BuilderOptions, u"builder_options"},
}};

const SpecMethod* findMethod(QStringView name) {
    for (const SpecMethod& method : kSpecMethods) {
        if (method.method == name)
            return &method;
    }
    return nullptr;
}

} // namespace

struct PySpecBuilder::CallState {
    std::shared_ptr<ImageSpec> spec;
    bool complete = true;
    std::array<int, kFieldCount> givenAt{}; // token of the argument that set each field, 0 when not given
};

PySpecBuilder::PySpecBuilder(const PySource& source, const std::vector<PyNode>& nodes, PyEvaluator& evaluator,
                             QString fileName)
    : m_source(source), m_nodes(nodes), m_evaluator(evaluator), m_fileName(std::move(fileName)),
      m_consumed(source.tokens.size(), false) {}

bool PySpecBuilder::isSpecMethod(QStringView name) {
    return name == u"force_push" || findMethod(name);
}

bool PySpecBuilder::isConsumed(int token) const {
    return token >= 0 && size_t(token) < m_consumed.size() && m_consumed[size_t(token)];
}

PySpecBuilder::Constructor PySpecBuilder::constructorOf(int node) const {
    const int callee = m_nodes[size_t(node)].children.front();
    if (PyEvaluator::isImageSpecPath(m_evaluator.dottedPath(callee)))
        return Constructor::Call;
    const PyNode& attribute = m_nodes[size_t(callee)];
    if (attribute.kind == Kind::Attribute && attribute.name == u"from_env" &&
        PyEvaluator::isImageSpecPath(m_evaluator.dottedPath(attribute.children.front())))
        return Constructor::FromEnv;
    return Constructor::None;
}

bool PySpecBuilder::isSpecChain(int node) const {
    int current = node;
    while (m_nodes[size_t(current)].kind == Kind::Call) {
        const PyNode& callee = m_nodes[size_t(m_nodes[size_t(current)].children.front())];
        if (constructorOf(current) != Constructor::None)
            return true;
        if (callee.kind != Kind::Attribute || !isSpecMethod(callee.name))
            return false;
        const int receiver = callee.children.front();
        if (m_nodes[size_t(receiver)].kind == Kind::Name)
            return true;
        current = receiver;
    }
    return false;
}

std::optional<PyEvaluation> PySpecBuilder::evaluateCall(int node, int block) {
    const Constructor constructor = constructorOf(node);
    if (constructor != Constructor::None)
        return construct(node, block, constructor == Constructor::FromEnv);
    const int calleeNode = m_nodes[size_t(node)].children.front();
    const PyNode& callee = m_nodes[size_t(calleeNode)];
    if (callee.kind != Kind::Attribute || !isSpecMethod(callee.name))
        return std::nullopt;
    PyEvaluation receiver = m_evaluator.evaluate(callee.children.front(), block);
    if (!receiver.ok())
        return receiver;
    if (!receiver.value->spec())
        return std::nullopt;
    return applyMethod(node, callee.name, *receiver.value, block);
}

PyEvaluation PySpecBuilder::construct(int node, int block, bool fromEnvironment) {
    markConsumed(node);
    CallState call;
    call.spec = std::make_shared<ImageSpec>();
    call.spec->origin().file = m_fileName;
    call.spec->origin().position = m_evaluator.positionOf(node);
    const PyNode& callNode = m_nodes[size_t(node)];
    int positional = 0;
    bool sawKeyword = false;
    int pinnedPackages = -1;
    for (size_t i = 1; i < callNode.children.size(); ++i) {
        const int argument = callNode.children[i];
        const PyNode& arg = m_nodes[size_t(argument)];
        const SourcePosition position = m_evaluator.positionOf(argument);
        if (fromEnvironment && arg.kind == Kind::Keyword && arg.name == u"pinned_packages") {
            pinnedPackages = argument;
        } else if (arg.kind == Kind::Keyword) {
            sawKeyword = true;
            const std::optional<Field> field = fieldByName(arg.name);
            if (!field) {
                const QString suggestion = closestFieldName(arg.name);
                report(std::nullopt, position, QStringLiteral("unknown argument '%1'").arg(arg.name),
                       suggestion.isEmpty() ? QStringLiteral("remove it: ImageSpec has no field of that name")
                                            : QStringLiteral("did you mean '%1'?").arg(suggestion));
                call.complete = false;
                continue;
            }
            readArgument(call, *field, argument, arg.children.front(), block);
        } else if (arg.kind == Kind::Starred || arg.kind == Kind::DoubleStarred) {
            report(std::nullopt, position,
                   QStringLiteral("%1 unpacks arguments that are only known when Python runs")
                       .arg(m_evaluator.excerptOf(argument)),
                   QStringLiteral("write the arguments out as name=value"));
            call.complete = false;
        } else if (sawKeyword || fromEnvironment) {
            report(std::nullopt, position,
                   (fromEnvironment
                        ? QStringLiteral("positional argument %1 given to ImageSpec.from_env(), which "
                                         "takes keyword arguments only")
                        : QStringLiteral("positional argument %1 follows keyword arguments, which "
                                         "Python rejects"))
                       .arg(m_evaluator.excerptOf(argument)),
                   QStringLiteral("write it as name=value"));
            call.complete = false;
        } else if (positional >= kFieldCount) {
            report(std::nullopt, position,
                   QStringLiteral("ImageSpec takes at most %1 positional arguments").arg(kFieldCount),
                   QStringLiteral("write the arguments as name=value"));
            call.complete = false;
        } else {
            readArgument(call, fieldInfos()[size_t(positional++)].field, argument, argument, block);
        }
    }
    if (fromEnvironment)
        finishFromEnvironment(call, node, pinnedPackages);
    return produce(call.spec, call.complete);
}

void PySpecBuilder::finishFromEnvironment(CallState& call, int node, int pinnedPackages) {
    // from_env(**kwargs) is ImageSpec(**kwargs) plus what only the running interpreter knows.
    call.complete = false;
    if (call.spec->hasArgument(Field::PythonVersion)) {
        call.spec->clearArgument(Field::PythonVersion);
        report(Field::PythonVersion, call.spec->origin().fields[size_t(Field::PythonVersion)],
               QStringLiteral(
                   "python_version: ImageSpec.from_env() rejects it and uses the version of the Python "
                   "that runs it"),
               QStringLiteral("write ImageSpec(python_version=\"3.11\", ...) instead"));
    } else {
        report(Field::PythonVersion, m_evaluator.positionOf(node),
               QStringLiteral(
                   "python_version: ImageSpec.from_env() uses the version of the Python that runs it; it "
                   "is only known when Python runs"),
               QStringLiteral("write ImageSpec(python_version=\"3.11\", ...) instead"));
    }
    if (pinnedPackages >= 0) {
        report(
            Field::Packages, m_evaluator.positionOf(pinnedPackages),
            QStringLiteral("packages: %1 pins the versions installed where Python runs; they are only known "
                           "when Python runs")
                .arg(m_evaluator.excerptOf(pinnedPackages)),
            QStringLiteral("pin the versions in packages=[\"name==1.2.3\"]"));
    } else if (!call.spec->hasArgument(Field::Packages)) {
        call.spec->setArgument(Field::Packages, PyValue::list({}));
    }
}

void PySpecBuilder::readArgument(CallState& call, Field field, int argument, int valueNode, int block) {
    const SourcePosition position = m_evaluator.positionOf(argument);
    int& givenAt = call.givenAt[size_t(field)];
    if (givenAt > 0) {
        report(field, position,
               QStringLiteral("%1: given twice (first at line %2)")
                   .arg(fieldName(field))
                   .arg(m_source.tokens[size_t(givenAt)].position.line),
               QStringLiteral("keep one of them"));
        call.complete = false;
        return;
    }
    givenAt = m_nodes[size_t(argument)].first;
    call.spec->origin().fields[size_t(field)] = position;
    PyEvaluation value = m_evaluator.evaluate(valueNode, block);
    if (!value.ok()) {
        reportUnreadable(field, value.unreadable);
        call.complete = false;
        return;
    }
    if (field == Field::BaseImage) {
        if (const ImageSpec* base = value.value->spec()) {
            // flytekit builds the base first, so it is a spec of its own even when unnamed.
            const int index = producedIndex(base);
            if (index >= 0) {
                const QString unnamed = QStringLiteral("line%1").arg(base->origin().position.line);
                registerSpec(index, unnamed);
                call.complete = call.complete && m_produced[size_t(index)].complete;
            }
        }
    }
    call.spec->setArgument(field, std::move(*value.value));
}

PyEvaluation PySpecBuilder::applyMethod(int node, const QString& method, const PyValue& receiver, int block) {
    markConsumed(node);
    const int receiverIndex = producedIndex(receiver.spec());
    const bool receiverComplete = receiverIndex < 0 || m_produced[size_t(receiverIndex)].complete;
    if (method == u"force_push")
        return PyEvaluation::of(receiver);
    if (receiverIndex >= 0)
        m_produced[size_t(receiverIndex)].intermediate = true;
    const SpecMethod& spec = *findMethod(method);
    auto derived = std::make_shared<ImageSpec>(*receiver.spec());
    derived->origin().variable.clear();
    derived->origin().position = m_evaluator.positionOf(node);
    bool complete = receiverComplete;

    const PyNode& call = m_nodes[size_t(node)];
    const bool oneArgument = call.children.size() == 2;
    const int argument = oneArgument ? call.children[1] : -1;
    const PyNode* arg = oneArgument ? &m_nodes[size_t(argument)] : nullptr;
    // A starred argument goes through evaluation, which says why it cannot be read.
    const bool positional = arg && arg->kind != Kind::Keyword;
    if (!arg || (!positional && !(arg->kind == Kind::Keyword && arg->name == spec.parameter))) {
        report(spec.field, m_evaluator.positionOf(node),
               QStringLiteral("%1: %2() takes exactly one argument (%3)")
                   .arg(fieldName(spec.field), method, spec.parameter),
               QStringLiteral("pass one str or list"));
        complete = false;
    } else {
        extend(node, method, spec.field, argument, positional ? argument : arg->children.front(), *derived,
               complete, block);
    }
    return produce(std::move(derived), complete);
}

void PySpecBuilder::extend(int node, const QString& method, Field field, int argument, int valueNode,
                           ImageSpec& derived, bool& complete, int block) {
    PyEvaluation value = m_evaluator.evaluate(valueNode, block);
    if (!value.ok()) {
        reportUnreadable(field, value.unreadable);
        complete = false;
        return;
    }
    derived.origin().fields[size_t(field)] = m_evaluator.positionOf(argument);
    const QString current = derived.value(field).typeName();
    if (field == Field::BuilderOptions) {
        if (!value.value->isDict()) {
            report(field, m_evaluator.positionOf(argument),
                   QStringLiteral("%1: %2() takes a dict, not a %3")
                       .arg(fieldName(field), method, value.value->typeName()),
                   QStringLiteral("pass a dict such as {\"key\": \"value\"}"));
            complete = false;
        } else if (!derived.mergeBuilderOptions(*value.value)) {
            report(field, m_evaluator.positionOf(node),
                   QStringLiteral("%1: %2() cannot merge into a %3; Python fails here")
                       .arg(fieldName(field), method, current),
                   QStringLiteral("give %1 as a dict").arg(fieldName(field)));
            complete = false;
        }
        return;
    }
    if (!value.value->isStr() && !value.value->isList()) {
        // flytekit's _update_attribute silently ignores anything but a str or a list.
        if (derived.value(field).isNone())
            derived.setArgument(field, PyValue::list({}));
        report(field, m_evaluator.positionOf(argument),
               QStringLiteral("%1: %2() ignores a %3").arg(fieldName(field), method, value.value->typeName()),
               QStringLiteral("pass a str or a list"), Diagnostic::Severity::Warning);
        return;
    }
    if (!derived.appendToList(field, *value.value)) {
        report(field, m_evaluator.positionOf(node),
               QStringLiteral("%1: %2() cannot extend a %3; Python fails here")
                   .arg(fieldName(field), method, current),
               QStringLiteral("give %1 as a list").arg(fieldName(field)));
        complete = false;
    }
}

PyEvaluation PySpecBuilder::produce(std::shared_ptr<ImageSpec> spec, bool complete) {
    m_producedIndex.insert(spec.get(), int(m_produced.size()));
    PyValue value = PyValue::spec(spec);
    m_produced.push_back(Produced{std::move(spec), complete, false, false});
    return PyEvaluation::of(std::move(value));
}

int PySpecBuilder::producedIndex(const ImageSpec* spec) const {
    return m_producedIndex.value(spec, -1);
}

void PySpecBuilder::beginTopLevel() {
    m_topLevelStart = int(m_produced.size());
}

void PySpecBuilder::finishTopLevel(const PyEvaluation& value, const QString& variable) {
    if (value.ok()) {
        if (const ImageSpec* spec = value.value->spec()) {
            const int index = producedIndex(spec);
            if (index >= 0 && !variable.isEmpty())
                registerSpec(index, variable);
        }
    }
    for (int index = m_topLevelStart; index < int(m_produced.size()); ++index) {
        const Produced& produced = m_produced[size_t(index)];
        if (!produced.registered && !produced.intermediate)
            registerSpec(index, QStringLiteral("line%1").arg(produced.spec->origin().position.line));
    }
    m_topLevelStart = int(m_produced.size());
}

void PySpecBuilder::registerSpec(int index, const QString& variable) {
    Produced& produced = m_produced[size_t(index)];
    if (produced.registered)
        return;
    produced.registered = true;
    produced.spec->origin().variable = variable;
    m_specs.append(ImportedSpec{variable, *produced.spec, produced.complete});
}

void PySpecBuilder::markConsumed(int node) {
    const PyNode& consumed = m_nodes[size_t(node)];
    for (int token = consumed.first; token <= consumed.last && size_t(token) < m_consumed.size(); ++token)
        m_consumed[size_t(token)] = true;
}

void PySpecBuilder::report(std::optional<Field> field, SourcePosition position, QString message, QString fix,
                           Diagnostic::Severity severity) {
    Diagnostic diagnostic = makeError(field, std::move(message), std::move(fix));
    diagnostic.severity = severity;
    diagnostic.file = m_fileName;
    diagnostic.position = position;
    m_diagnostics.append(std::move(diagnostic));
}

void PySpecBuilder::reportUnreadable(Field field, const PyUnreadable& unreadable) {
    report(field, unreadable.position,
           QStringLiteral("%1: %2 %3").arg(fieldName(field), unreadable.subject, unreadable.problem),
           unreadable.fix);
}

} // namespace slipway::spec
