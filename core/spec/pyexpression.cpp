#include "spec/pyexpression.h"

#include <algorithm>
#include <array>

namespace slipway::spec {

namespace {

// Far below what the stack allows even with sanitizers; real ImageSpec arguments nest a few levels.
constexpr int kMaxDepth = 100;

constexpr std::array<QStringView, 35> kKeywords{
    u"False", u"None",     u"True",  u"and",    u"as",   u"assert", u"async",  u"await",    u"break",
    u"class", u"continue", u"def",   u"del",    u"elif", u"else",   u"except", u"finally",  u"for",
    u"from",  u"global",   u"if",    u"import", u"in",   u"is",     u"lambda", u"nonlocal", u"not",
    u"or",    u"pass",     u"raise", u"return", u"try",  u"while",  u"with",   u"yield"};

bool isHardKeyword(QStringView name) {
    return std::find(kKeywords.begin(), kKeywords.end(), name) != kKeywords.end();
}

const std::array<std::vector<QStringView>, 6> kBinaryLevels{{
    {u"|"},
    {u"^"},
    {u"&"},
    {u"<<", u">>"},
    {u"+", u"-"},
    {u"*", u"/", u"//", u"%", u"@"},
}};

constexpr std::array<QStringView, 6> kComparisonOperators{u"==", u"!=", u"<", u">", u"<=", u">="};

} // namespace

struct PyExpressionParser::Limit {
    explicit Limit(PyExpressionParser& parser) : m_parser(parser) { ++m_parser.m_depth; }
    ~Limit() { --m_parser.m_depth; }
    Limit(const Limit&) = delete;
    Limit& operator=(const Limit&) = delete;
    bool exceeded() const { return m_parser.m_depth > kMaxDepth; }

private:
    PyExpressionParser& m_parser;
};

PyExpressionParser::PyExpressionParser(const PySource& source, std::vector<PyNode>& nodes)
    : m_source(source), m_nodes(nodes) {}

int PyExpressionParser::parseExpressionList(int& pos, int end) {
    m_end = end;
    m_error.clear();
    const int start = pos;
    int first = starOrNamed(pos);
    if (first >= 0 && isOp(pos, u",")) {
        std::vector<int> items{first};
        while (first >= 0 && isOp(pos, u",")) {
            ++pos;
            if (atEnd(pos) || isOp(pos, u"=") || isOp(pos, u";"))
                break;
            first = starOrNamed(pos);
            items.push_back(first);
        }
        if (first >= 0)
            first = add(PyNode::Kind::Tuple, start, pos - 1, {}, std::move(items));
    }
    if (first >= 0 && !atEnd(pos))
        first = fail(pos, QStringLiteral("unexpected '%1'").arg(m_source.view(pos)));
    if (first >= 0)
        return first;
    const QString message = m_error;
    m_error.clear();
    pos = std::max(pos, end);
    return add(PyNode::Kind::Invalid, start, std::max(start, end - 1), message);
}

int PyExpressionParser::parsePrimary(int& pos, int end) {
    m_end = end;
    m_error.clear();
    const int start = pos;
    const int node = primary(pos);
    if (node >= 0)
        return node;
    const QString message = m_error;
    m_error.clear();
    pos = std::max(pos, start + 1);
    return add(PyNode::Kind::Invalid, start, start, message);
}

int PyExpressionParser::add(PyNode::Kind kind, int first, int last, QString name, std::vector<int> children) {
    m_nodes.push_back(PyNode{kind, first, std::max(first, last), std::move(name), std::move(children)});
    return int(m_nodes.size()) - 1;
}

int PyExpressionParser::fail(int at, QString message) {
    if (m_error.isEmpty()) {
        m_error = std::move(message);
        m_errorToken = at;
    }
    return -1;
}

bool PyExpressionParser::isOp(int index, QStringView op) const {
    return !atEnd(index) && m_source.isOperator(index, op);
}

bool PyExpressionParser::isKeyword(int index, QStringView keyword) const {
    return !atEnd(index) && m_source.isName(index, keyword);
}

bool PyExpressionParser::expectOp(int& pos, QStringView op) {
    if (!isOp(pos, op)) {
        fail(pos, atEnd(pos) ? QStringLiteral("expected '%1'").arg(op)
                             : QStringLiteral("expected '%1' before '%2'").arg(op, m_source.view(pos)));
        return false;
    }
    ++pos;
    return true;
}

int PyExpressionParser::expression(int& pos) {
    Limit limit(*this);
    if (limit.exceeded())
        return fail(pos, QStringLiteral("expression nested too deeply"));
    if (isKeyword(pos, u"lambda"))
        return lambda(pos);
    const int start = pos;
    const int body = disjunction(pos);
    if (body < 0 || !isKeyword(pos, u"if"))
        return body;
    ++pos;
    const int condition = disjunction(pos);
    if (condition < 0)
        return -1;
    if (!isKeyword(pos, u"else"))
        return fail(pos, QStringLiteral("expected 'else' after 'if' expression"));
    ++pos;
    const int otherwise = expression(pos);
    if (otherwise < 0)
        return -1;
    return add(PyNode::Kind::Conditional, start, m_nodes[size_t(otherwise)].last, {},
               {body, condition, otherwise});
}

int PyExpressionParser::namedExpression(int& pos) {
    if (!atEnd(pos) && m_source.tokens[size_t(pos)].kind == PyTokenKind::Name && isOp(pos + 1, u":=")) {
        const int start = pos;
        pos += 2;
        const int value = expression(pos);
        if (value < 0)
            return -1;
        return add(PyNode::Kind::Walrus, start, m_nodes[size_t(value)].last, m_source.view(start).toString(),
                   {value});
    }
    return expression(pos);
}

int PyExpressionParser::starOrNamed(int& pos) {
    if (!isOp(pos, u"*"))
        return namedExpression(pos);
    const int start = pos++;
    const int value = binary(pos, 0);
    if (value < 0)
        return -1;
    return add(PyNode::Kind::Starred, start, m_nodes[size_t(value)].last, {}, {value});
}

int PyExpressionParser::disjunction(int& pos) {
    return booleanOperation(pos, u"or", &PyExpressionParser::conjunction);
}

int PyExpressionParser::conjunction(int& pos) {
    return booleanOperation(pos, u"and", &PyExpressionParser::inversion);
}

int PyExpressionParser::booleanOperation(int& pos, QStringView keyword,
                                         int (PyExpressionParser::*operand)(int&)) {
    int left = (this->*operand)(pos);
    while (left >= 0 && isKeyword(pos, keyword)) {
        ++pos;
        const int right = (this->*operand)(pos);
        if (right < 0)
            return -1;
        left = add(PyNode::Kind::Binary, m_nodes[size_t(left)].first, m_nodes[size_t(right)].last,
                   keyword.toString(), {left, right});
    }
    return left;
}

int PyExpressionParser::inversion(int& pos) {
    if (!isKeyword(pos, u"not"))
        return comparison(pos);
    Limit limit(*this);
    if (limit.exceeded())
        return fail(pos, QStringLiteral("expression nested too deeply"));
    const int start = pos++;
    const int operand = inversion(pos);
    if (operand < 0)
        return -1;
    return add(PyNode::Kind::Unary, start, m_nodes[size_t(operand)].last, QStringLiteral("not"), {operand});
}

int PyExpressionParser::comparison(int& pos) {
    int left = binary(pos, 0);
    while (left >= 0) {
        QString op;
        if (!atEnd(pos) &&
            std::find(kComparisonOperators.begin(), kComparisonOperators.end(), m_source.view(pos)) !=
                kComparisonOperators.end() &&
            m_source.tokens[size_t(pos)].kind == PyTokenKind::Operator) {
            op = m_source.view(pos++).toString();
        } else if (isKeyword(pos, u"in")) {
            op = QStringLiteral("in");
            ++pos;
        } else if (isKeyword(pos, u"not") && isKeyword(pos + 1, u"in")) {
            op = QStringLiteral("not in");
            pos += 2;
        } else if (isKeyword(pos, u"is")) {
            const bool negated = isKeyword(pos + 1, u"not");
            op = negated ? QStringLiteral("is not") : QStringLiteral("is");
            pos += negated ? 2 : 1;
        } else {
            break;
        }
        const int right = binary(pos, 0);
        if (right < 0)
            return -1;
        left = add(PyNode::Kind::Binary, m_nodes[size_t(left)].first, m_nodes[size_t(right)].last, op,
                   {left, right});
    }
    return left;
}

int PyExpressionParser::binary(int& pos, int level) {
    if (level >= int(kBinaryLevels.size()))
        return factor(pos);
    int left = binary(pos, level + 1);
    while (left >= 0 && !atEnd(pos) && m_source.tokens[size_t(pos)].kind == PyTokenKind::Operator) {
        const auto& operators = kBinaryLevels[size_t(level)];
        const QStringView op = m_source.view(pos);
        if (std::find(operators.begin(), operators.end(), op) == operators.end())
            break;
        ++pos;
        const int right = binary(pos, level + 1);
        if (right < 0)
            return -1;
        left = add(PyNode::Kind::Binary, m_nodes[size_t(left)].first, m_nodes[size_t(right)].last,
                   op.toString(), {left, right});
    }
    return left;
}

int PyExpressionParser::factor(int& pos) {
    if (!isOp(pos, u"-") && !isOp(pos, u"+") && !isOp(pos, u"~"))
        return power(pos);
    Limit limit(*this);
    if (limit.exceeded())
        return fail(pos, QStringLiteral("expression nested too deeply"));
    const int start = pos++;
    const int operand = factor(pos);
    if (operand < 0)
        return -1;
    return add(PyNode::Kind::Unary, start, m_nodes[size_t(operand)].last, m_source.view(start).toString(),
               {operand});
}

int PyExpressionParser::power(int& pos) {
    int base = -1;
    if (isKeyword(pos, u"await")) {
        const int start = pos++;
        const int operand = primary(pos);
        if (operand < 0)
            return -1;
        base = add(PyNode::Kind::Await, start, m_nodes[size_t(operand)].last, {}, {operand});
    } else {
        base = primary(pos);
    }
    if (base < 0 || !isOp(pos, u"**"))
        return base;
    ++pos;
    const int exponent = factor(pos);
    if (exponent < 0)
        return -1;
    return add(PyNode::Kind::Binary, m_nodes[size_t(base)].first, m_nodes[size_t(exponent)].last,
               QStringLiteral("**"), {base, exponent});
}

int PyExpressionParser::primary(int& pos) {
    int node = atom(pos);
    int trailers = 0;
    while (node >= 0) {
        if (isOp(pos, u".") || isOp(pos, u"(") || isOp(pos, u"[")) {
            if (m_depth + ++trailers > kMaxDepth)
                return fail(pos, QStringLiteral("expression nested too deeply"));
        }
        if (isOp(pos, u".")) {
            ++pos;
            if (atEnd(pos) || m_source.tokens[size_t(pos)].kind != PyTokenKind::Name)
                return fail(pos, QStringLiteral("expected a name after '.'"));
            node = add(PyNode::Kind::Attribute, m_nodes[size_t(node)].first, pos,
                       m_source.view(pos).toString(), {node});
            ++pos;
        } else if (isOp(pos, u"(")) {
            node = callArguments(pos, node);
        } else if (isOp(pos, u"[")) {
            node = subscript(pos, node);
        } else {
            break;
        }
    }
    return node;
}

int PyExpressionParser::atom(int& pos) {
    if (atEnd(pos))
        return fail(pos, QStringLiteral("expected an expression"));
    const PyToken& token = m_source.tokens[size_t(pos)];
    const QStringView text = m_source.view(pos);
    switch (token.kind) {
    case PyTokenKind::Name:
        if (isHardKeyword(text) && text != u"True" && text != u"False" && text != u"None")
            return fail(pos, QStringLiteral("unexpected '%1'").arg(text));
        ++pos;
        return add(PyNode::Kind::Name, pos - 1, pos - 1, text.toString());
    case PyTokenKind::Number:
        ++pos;
        return add(PyNode::Kind::Number, pos - 1, pos - 1);
    case PyTokenKind::String: {
        const int start = pos;
        while (!atEnd(pos) && m_source.tokens[size_t(pos)].kind == PyTokenKind::String)
            ++pos;
        return add(PyNode::Kind::String, start, pos - 1);
    }
    case PyTokenKind::Operator:
        if (text == u"...") {
            ++pos;
            return add(PyNode::Kind::Ellipsis, pos - 1, pos - 1);
        }
        if (text == u"(")
            return parenthesised(pos);
        if (text == u"[")
            return listDisplay(pos);
        if (text == u"{")
            return braceDisplay(pos);
        break;
    default:
        break;
    }
    return fail(pos, QStringLiteral("expected an expression before '%1'").arg(text));
}

int PyExpressionParser::lambda(int& pos) {
    const int start = pos;
    const int colon = m_source.topLevelColon(pos + 1, m_end, false);
    if (colon < 0)
        return fail(pos, QStringLiteral("expected ':' in lambda"));
    pos = colon + 1;
    const int body = expression(pos);
    if (body < 0)
        return -1;
    return add(PyNode::Kind::Lambda, start, m_nodes[size_t(body)].last, {}, {body});
}

namespace {

// Index of the bracket closing the one at `open`, or -1 before `end`.
int matchingClose(const PySource& source, int open, int end) {
    const int close = source.closers[size_t(open)];
    return close >= 0 && close < end ? close : -1;
}

// A `for` directly inside the brackets makes a comprehension (or a generator argument).
bool hasTopLevelFor(const PySource& source, int open, int close) {
    for (int i = open + 1; i < close; i = source.next(i)) {
        if (source.isName(i, u"for"))
            return true;
    }
    return false;
}

} // namespace

int PyExpressionParser::comprehensionTail(int& pos, int open, const QString& kind) {
    const int close = matchingClose(m_source, open, m_end);
    if (close < 0)
        return fail(open, QStringLiteral("'%1' was never closed").arg(m_source.view(open)));
    pos = close + 1;
    return add(PyNode::Kind::Comprehension, open, close, kind);
}

int PyExpressionParser::parenthesised(int& pos) {
    const int open = pos;
    const int close = matchingClose(m_source, open, m_end);
    if (close < 0)
        return fail(open, QStringLiteral("'(' was never closed"));
    if (hasTopLevelFor(m_source, open, close))
        return comprehensionTail(pos, open, QStringLiteral("generator"));
    ++pos;
    if (isOp(pos, u")")) {
        ++pos;
        return add(PyNode::Kind::Tuple, open, pos - 1);
    }
    if (isKeyword(pos, u"yield")) {
        pos = close + 1;
        return add(PyNode::Kind::Yield, open, close);
    }
    const int first = starOrNamed(pos);
    if (first < 0)
        return -1;
    if (isOp(pos, u")")) {
        ++pos;
        return first;
    }
    if (!expectOp(pos, u","))
        return -1;
    std::vector<int> items{first};
    if (!elements(pos, u")", items, [this](int& p) { return starOrNamed(p); }) || !expectOp(pos, u")"))
        return -1;
    return add(PyNode::Kind::Tuple, open, pos - 1, {}, std::move(items));
}

int PyExpressionParser::listDisplay(int& pos) {
    const int open = pos;
    const int close = matchingClose(m_source, open, m_end);
    if (close < 0)
        return fail(open, QStringLiteral("'[' was never closed"));
    if (hasTopLevelFor(m_source, open, close))
        return comprehensionTail(pos, open, QStringLiteral("list"));
    ++pos;
    std::vector<int> items;
    if (!elements(pos, u"]", items, [this](int& p) { return starOrNamed(p); }) || !expectOp(pos, u"]"))
        return -1;
    return add(PyNode::Kind::List, open, pos - 1, {}, std::move(items));
}

int PyExpressionParser::braceDisplay(int& pos) {
    const int open = pos;
    const int close = matchingClose(m_source, open, m_end);
    if (close < 0)
        return fail(open, QStringLiteral("'{' was never closed"));
    if (hasTopLevelFor(m_source, open, close))
        return comprehensionTail(pos, open, QStringLiteral("dict or set"));
    ++pos;
    if (isOp(pos, u"}")) {
        ++pos;
        return add(PyNode::Kind::Dict, open, pos - 1);
    }
    const auto dictItem = [this](int& p) {
        if (isOp(p, u"**")) {
            const int start = p++;
            const int value = binary(p, 0);
            return value < 0
                       ? -1
                       : add(PyNode::Kind::DoubleStarred, start, m_nodes[size_t(value)].last, {}, {value});
        }
        const int key = expression(p);
        if (key < 0 || !expectOp(p, u":"))
            return -1;
        const int value = expression(p);
        if (value < 0)
            return -1;
        return add(PyNode::Kind::DictItem, m_nodes[size_t(key)].first, m_nodes[size_t(value)].last, {},
                   {key, value});
    };
    // `{k: v}` or `{a, b}`: a ':' before the first top-level ',' makes a dict.
    const bool isDict = isOp(pos, u"**") || m_source.topLevelColon(pos, close, true) >= 0;
    std::vector<int> items;
    const bool ok = isDict ? elements(pos, u"}", items, dictItem)
                           : elements(pos, u"}", items, [this](int& p) { return starOrNamed(p); });
    if (!ok || !expectOp(pos, u"}"))
        return -1;
    return add(isDict ? PyNode::Kind::Dict : PyNode::Kind::Set, open, pos - 1, {}, std::move(items));
}

int PyExpressionParser::callArguments(int& pos, int callee) {
    const int open = pos;
    const int close = matchingClose(m_source, open, m_end);
    if (close < 0)
        return fail(open, QStringLiteral("'(' was never closed"));
    std::vector<int> children{callee};
    if (hasTopLevelFor(m_source, open, close)) {
        const int generator = comprehensionTail(pos, open, QStringLiteral("generator"));
        children.push_back(generator);
        return add(PyNode::Kind::Call, m_nodes[size_t(callee)].first, close, {}, std::move(children));
    }
    ++pos;
    const auto argument = [this](int& p) {
        const int start = p;
        if (isOp(p, u"*") || isOp(p, u"**")) {
            const bool twice = isOp(p, u"**");
            ++p;
            const int value = expression(p);
            if (value < 0)
                return -1;
            return add(twice ? PyNode::Kind::DoubleStarred : PyNode::Kind::Starred, start,
                       m_nodes[size_t(value)].last, {}, {value});
        }
        if (!atEnd(p) && m_source.tokens[size_t(p)].kind == PyTokenKind::Name && isOp(p + 1, u"=")) {
            p += 2;
            const int value = expression(p);
            if (value < 0)
                return -1;
            return add(PyNode::Kind::Keyword, start, m_nodes[size_t(value)].last,
                       m_source.view(start).toString(), {value});
        }
        return namedExpression(p);
    };
    if (!elements(pos, u")", children, argument) || !expectOp(pos, u")"))
        return -1;
    return add(PyNode::Kind::Call, m_nodes[size_t(callee)].first, pos - 1, {}, std::move(children));
}

int PyExpressionParser::subscript(int& pos, int value) {
    // What is inside is never needed: a subscript's value is only known when Python runs.
    const int close = matchingClose(m_source, pos, m_end);
    if (close < 0)
        return fail(pos, QStringLiteral("'[' was never closed"));
    pos = close + 1;
    return add(PyNode::Kind::Subscript, m_nodes[size_t(value)].first, close, {}, {value});
}

template <typename ElementParser>
bool PyExpressionParser::elements(int& pos, QStringView close, std::vector<int>& out,
                                  ElementParser parseElement) {
    while (true) {
        if (atEnd(pos)) {
            fail(pos, QStringLiteral("expected '%1'").arg(close));
            return false;
        }
        if (isOp(pos, close))
            return true;
        const int start = pos;
        int node = parseElement(pos);
        if (node >= 0 && !isOp(pos, u",") && !isOp(pos, close))
            node =
                fail(pos, QStringLiteral("expected ',' or '%1' before '%2'").arg(close, m_source.view(pos)));
        if (node < 0) {
            const QString message = m_error;
            m_error.clear();
            skipToDelimiter(pos);
            if (pos == start && !isOp(pos, u",") && !isOp(pos, close)) {
                fail(pos, message);
                return false;
            }
            node = add(PyNode::Kind::Invalid, start, std::max(start, pos - 1), message);
        }
        out.push_back(node);
        if (isOp(pos, u","))
            ++pos;
    }
}

void PyExpressionParser::skipToDelimiter(int& pos) const {
    while (!atEnd(pos) && m_source.bracketDelta(pos) >= 0 && !m_source.isOperator(pos, u","))
        pos = std::min(m_source.next(pos), m_end);
}

} // namespace slipway::spec
