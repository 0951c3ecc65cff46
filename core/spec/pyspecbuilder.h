#pragma once

#include "spec/diagnostic.h"
#include "spec/pyevaluator.h"
#include "spec/pythonimporter.h"

#include <QHash>
#include <QList>
#include <QString>
#include <memory>
#include <vector>

namespace slipway::spec {

// Builds ImageSpecs from `ImageSpec(...)` calls and `.with_packages(...)`-style method calls met
// while evaluating, and decides which of them are specs of their own: a spec bound to a name, one
// used as another's base image, or one standing alone (named "line<N>"); not the intermediate
// receiver of a `.with_*()` chain.
class PySpecBuilder : public PyCallHandler {
public:
    PySpecBuilder(const PySource& source, const std::vector<PyNode>& nodes, PyEvaluator& evaluator,
                  QString fileName);

    std::optional<PyEvaluation> evaluateCall(int node, int block) override;

    // Brackets the evaluation of one statement-level expression; `variable` names the spec it yields.
    void beginTopLevel();
    void finishTopLevel(const PyEvaluation& value, const QString& variable);

    // `ImageSpec(...)` optionally followed by `.with_*(...)` / `.force_push()` calls, judged from
    // the syntax alone (the receiver of a method chain may also be a name).
    bool isSpecChain(int node) const;
    static bool isSpecMethod(QStringView name);
    // Whether the token belongs to a spec call that was already read.
    bool isConsumed(int token) const;

    QList<ImportedSpec> specs() const { return m_specs; }
    Diagnostics diagnostics() const { return m_diagnostics; }

private:
    struct Produced {
        std::shared_ptr<ImageSpec> spec;
        bool complete = true;
        bool intermediate = false; // the receiver of a .with_*() call
        bool registered = false;
    };
    struct CallState; // one ImageSpec(...) call being read

    enum class Constructor { None, Call, FromEnv };
    // Whether the Call node makes an ImageSpec: `ImageSpec(...)` or `ImageSpec.from_env(...)`.
    Constructor constructorOf(int node) const;
    PyEvaluation construct(int node, int block, bool fromEnvironment);
    void finishFromEnvironment(CallState& call, int node, int pinnedPackages);
    PyEvaluation applyMethod(int node, const QString& method, const PyValue& receiver, int block);
    void readArgument(CallState& call, Field field, int argument, int valueNode, int block);
    void extend(int node, const QString& method, Field field, int argument, int valueNode, ImageSpec& derived,
                bool& complete, int block);

    PyEvaluation produce(std::shared_ptr<ImageSpec> spec, bool complete);
    int producedIndex(const ImageSpec* spec) const;
    void registerSpec(int index, const QString& variable);
    void markConsumed(int node);
    void report(std::optional<Field> field, SourcePosition position, QString message, QString fix,
                Diagnostic::Severity severity = Diagnostic::Severity::Error);
    void reportUnreadable(Field field, const PyUnreadable& unreadable);

    const PySource& m_source;
    const std::vector<PyNode>& m_nodes;
    PyEvaluator& m_evaluator;
    QString m_fileName;
    std::vector<Produced> m_produced;
    QHash<const ImageSpec*, int> m_producedIndex;
    int m_topLevelStart = 0;
    std::vector<bool> m_consumed;
    QList<ImportedSpec> m_specs;
    Diagnostics m_diagnostics;
};

} // namespace slipway::spec
