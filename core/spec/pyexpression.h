#pragma once

#include "spec/pytokenizer.h"

#include <QString>
#include <vector>

namespace slipway::spec {

// A node of a Python expression tree. Nodes live in one vector and refer to each other by index;
// token indices point into PySource::tokens.
struct PyNode {
    enum class Kind {
        Name,
        Number,
        String, // one or more adjacent string tokens (implicit concatenation)
        Ellipsis,
        Attribute,     // children[0] . name
        Call,          // children[0] is the callee, the rest are arguments
        Keyword,       // name=children[0], inside a Call
        Starred,       // *children[0]
        DoubleStarred, // **children[0]
        List,
        Tuple,
        Set,
        Dict,     // children are DictItem or DoubleStarred
        DictItem, // children[0]: children[1]
        Subscript,
        Unary,  // name is the operator: "-", "+", "~", "not"
        Binary, // name is the operator: "+", "or", "==", "not in", ...
        Conditional,
        Lambda,
        Comprehension, // name is "list", "set", "dict" or "generator"
        Walrus,
        Await,
        Yield,
        Invalid, // tokens that are not an expression; name says why
    };

    Kind kind = Kind::Invalid;
    int first = 0; // first token
    int last = 0;  // last token (inclusive)
    QString name;
    std::vector<int> children;
};

// A recursive-descent parser for Python 3.12 expressions. It never throws and never recurses
// deeper than a fixed limit; what it cannot parse becomes an Invalid node, and inside brackets it
// resumes at the next comma so the other elements are still read.
class PyExpressionParser {
public:
    PyExpressionParser(const PySource& source, std::vector<PyNode>& nodes);

    // An expression list (`a, b` is a Tuple) in tokens [pos, end); advances pos past it.
    int parseExpressionList(int& pos, int end);
    // An atom with all its trailers (`.name`, `(...)`, `[...]`).
    int parsePrimary(int& pos, int end);

private:
    struct Limit;

    int add(PyNode::Kind kind, int first, int last, QString name = {}, std::vector<int> children = {});
    int fail(int at, QString message);
    bool failed() const { return !m_error.isEmpty(); }
    bool isOp(int index, QStringView op) const;
    bool isKeyword(int index, QStringView keyword) const;
    bool atEnd(int index) const { return index >= m_end; }
    bool expectOp(int& pos, QStringView op);

    int expression(int& pos);
    int namedExpression(int& pos);
    int starOrNamed(int& pos);
    int disjunction(int& pos);
    int conjunction(int& pos);
    int booleanOperation(int& pos, QStringView keyword, int (PyExpressionParser::*operand)(int&));
    int inversion(int& pos);
    int comparison(int& pos);
    int binary(int& pos, int level);
    int factor(int& pos);
    int power(int& pos);
    int primary(int& pos);
    int atom(int& pos);
    int lambda(int& pos);
    int parenthesised(int& pos);
    int listDisplay(int& pos);
    int braceDisplay(int& pos);
    int callArguments(int& pos, int callee);
    int subscript(int& pos, int value);
    int sliceItem(int& pos);
    int comprehensionTail(int& pos, int open, const QString& kind);

    // Parses comma-separated elements up to `close`, turning each unparsable one into an Invalid node.
    template <typename ElementParser>
    bool elements(int& pos, QStringView close, std::vector<int>& out, ElementParser parseElement);
    void skipToDelimiter(int& pos) const;

    const PySource& m_source;
    std::vector<PyNode>& m_nodes;
    int m_end = 0;
    int m_depth = 0;
    QString m_error;
    int m_errorToken = 0;
};

} // namespace slipway::spec
