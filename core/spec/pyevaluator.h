#pragma once

#include "spec/imagespec.h"
#include "spec/pyexpression.h"
#include "spec/pynametable.h"
#include "spec/pyvalue.h"

#include <QString>
#include <optional>
#include <vector>

namespace slipway::spec {

// Why an expression has no value without running Python, phrased for "<argument>: <subject> <problem>".
struct PyUnreadable {
    SourcePosition position; // where the expression is used
    QString subject;         // its source text, e.g. os.getenv("REG")
    QString problem;         // e.g. "is a function call; its value is only known when Python runs"
    QString fix;
    QString definedAs; // for a name: what it was assigned, "os.getenv("REG") at line 3"
};

// A value, or why there is none. (Not std::expected: the fuzz harness builds with clang 14.)
struct PyEvaluation {
    std::optional<PyValue> value;
    PyUnreadable unreadable;

    bool ok() const { return value.has_value(); }
    static PyEvaluation of(PyValue value);
    static PyEvaluation failure(PyUnreadable unreadable);
};

// Calls are where ImageSpecs come from; the evaluator hands them to whoever builds specs.
class PyCallHandler {
public:
    virtual ~PyCallHandler() = default;
    // The value of the Call node, or nullopt when it is an ordinary function call.
    virtual std::optional<PyEvaluation> evaluateCall(int node, int block) = 0;

protected:
    PyCallHandler() = default;
    PyCallHandler(const PyCallHandler&) = default;
    PyCallHandler& operator=(const PyCallHandler&) = default;
};

// Computes the value of an expression from literals and names bound to literals, as Python would,
// without running anything. Everything else is reported as unreadable, with the reason.
class PyEvaluator {
public:
    PyEvaluator(const PySource& source, const std::vector<PyNode>& nodes, const PyNameTable& names);

    void setCallHandler(PyCallHandler* handler) { m_calls = handler; }

    // `block` is where the expression runs; names resolve as seen from there.
    PyEvaluation evaluate(int node, int block);
    // The value of a binding's expression, computed once where the binding happens.
    void remember(int binding, PyEvaluation value);

    // "flytekit.ImageSpec" for `fk.ImageSpec` after `import flytekit as fk`; empty when the
    // expression is not a dotted name rooted in an import (or a known flytekit name).
    QString dottedPath(int node) const;
    // The same for a name and its attributes, e.g. {"fk", "ImageSpec"}, as seen from `token`.
    QString resolvePath(QStringList parts, int token) const;
    static bool isImageSpecPath(const QString& path);
    static bool isCopyFileDetectionPath(const QString& path);

    SourcePosition positionOf(int node) const;
    QString excerptOf(int node) const;

private:
    PyEvaluation unreadable(int node, QString problem, QString fix = {}) const;
    PyEvaluation name(int node, int block);
    PyEvaluation attribute(int node);
    PyEvaluation string(int node) const;
    PyEvaluation number(int node) const;
    PyEvaluation unary(int node, int block);
    PyEvaluation sequence(int node, int block);
    PyEvaluation dict(int node, int block);
    PyEvaluation other(int node) const;

    const PySource& m_source;
    const std::vector<PyNode>& m_nodes;
    const PyNameTable& m_names;
    PyCallHandler* m_calls = nullptr;
    std::vector<std::optional<PyEvaluation>> m_bindingValues;
};

} // namespace slipway::spec
