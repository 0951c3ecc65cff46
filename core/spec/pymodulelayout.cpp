#include "spec/pymodulelayout.h"

#include <algorithm>
#include <array>

namespace slipway::spec {

namespace {

constexpr std::array<QStringView, 11> kCompoundKeywords{
    u"if", u"elif", u"else", u"for", u"while", u"try", u"except", u"finally", u"with", u"def", u"class"};

class LayoutBuilder {
public:
    explicit LayoutBuilder(const PySource& source) : m_source(source) {
        m_layout.blocks.push_back(PyBlock{});
    }

    PyModuleLayout run() {
        std::vector<int> stack{0};
        int pendingBody = -1;
        const int count = int(m_source.tokens.size());
        int i = 0;
        while (i < count && m_source.tokens[size_t(i)].kind != PyTokenKind::EndOfFile) {
            const PyTokenKind kind = m_source.tokens[size_t(i)].kind;
            if (kind == PyTokenKind::Newline) {
                ++i;
                continue;
            }
            if (kind == PyTokenKind::Indent) {
                // An indent nobody asked for is a SyntaxError in Python; treat its lines as plain code.
                stack.push_back(pendingBody >= 0 ? pendingBody
                                                 : addBlock(PyBlock::Kind::Transparent, stack.back(), {}, 0));
                pendingBody = -1;
                ++i;
                continue;
            }
            if (kind == PyTokenKind::Dedent) {
                if (stack.size() > 1)
                    stack.pop_back();
                pendingBody = -1;
                ++i;
                continue;
            }
            int end = i;
            while (end < count && m_source.tokens[size_t(end)].kind != PyTokenKind::Newline &&
                   m_source.tokens[size_t(end)].kind != PyTokenKind::EndOfFile)
                ++end;
            pendingBody = logicalLine(i, end, stack.back());
            i = end;
        }
        return std::move(m_layout);
    }

private:
    int addBlock(PyBlock::Kind kind, int parent, QString header, int line) {
        m_layout.blocks.push_back(PyBlock{kind, parent, std::move(header), line});
        return int(m_layout.blocks.size()) - 1;
    }

    // Returns the block whose body starts on the next line, or -1.
    int logicalLine(int first, int end, int block) {
        if (m_source.isOperator(first, u"@")) {
            m_layout.statements.push_back(PyStatement{PyStatement::Kind::Decorator, first, end, block, -1});
            return -1;
        }
        const int colon = headerColon(first, end);
        if (colon < 0) {
            simpleStatements(first, end, block);
            return -1;
        }
        const int keyword = m_source.isName(first, u"async") ? first + 1 : first;
        const QStringView word = m_source.view(keyword);
        PyBlock::Kind kind = PyBlock::Kind::Conditional;
        QString header = word.toString();
        if (word == u"def" || word == u"class") {
            kind = word == u"def" ? PyBlock::Kind::Function : PyBlock::Kind::Class;
            header += u' ' + m_source.view(keyword + 1).toString();
        } else if (word == u"try" || word == u"finally" || word == u"with") {
            kind = PyBlock::Kind::Transparent;
        }
        const int body = addBlock(kind, block, header, m_source.tokens[size_t(first)].position.line);
        m_layout.statements.push_back(PyStatement{PyStatement::Kind::Header, first, colon, block, body});
        if (colon + 1 < end) {
            simpleStatements(colon + 1, end, body);
            return -1;
        }
        return body;
    }

    // The ':' that ends a compound statement's header, or -1 for a simple statement.
    int headerColon(int first, int end) const {
        const int keyword = m_source.isName(first, u"async") ? first + 1 : first;
        const QStringView word = m_source.view(keyword);
        const bool hard =
            std::find(kCompoundKeywords.begin(), kCompoundKeywords.end(), word) != kCompoundKeywords.end();
        // `match` and `case` are soft keywords: `match = 3` and `match(x)` are ordinary statements.
        const bool soft = (word == u"match" || word == u"case") && keyword + 1 < end &&
                          !(m_source.tokens[size_t(keyword + 1)].kind == PyTokenKind::Operator &&
                            m_source.bracketDelta(keyword + 1) <= 0 && m_source.view(keyword + 1) != u"-" &&
                            m_source.view(keyword + 1) != u"*");
        if (m_source.tokens[size_t(keyword)].kind != PyTokenKind::Name || (!hard && !soft))
            return -1;
        return m_source.topLevelColon(keyword + 1, end, false);
    }

    void simpleStatements(int first, int end, int block) {
        int depth = 0;
        int start = first;
        for (int i = first; i < end; ++i) {
            depth += m_source.bracketDelta(i);
            if (depth == 0 && m_source.isOperator(i, u";")) {
                if (i > start)
                    m_layout.statements.push_back(
                        PyStatement{PyStatement::Kind::Simple, start, i, block, -1});
                start = i + 1;
            }
        }
        if (end > start)
            m_layout.statements.push_back(PyStatement{PyStatement::Kind::Simple, start, end, block, -1});
    }

    const PySource& m_source;
    PyModuleLayout m_layout;
};

} // namespace

bool PyModuleLayout::encloses(int ancestor, int block) const {
    for (int b = block; b >= 0; b = blocks[size_t(b)].parent) {
        if (b == ancestor)
            return true;
    }
    return false;
}

int PyModuleLayout::scopeOf(int block) const {
    for (int b = block; b >= 0; b = blocks[size_t(b)].parent) {
        const PyBlock::Kind kind = blocks[size_t(b)].kind;
        if (kind == PyBlock::Kind::Function || kind == PyBlock::Kind::Class || kind == PyBlock::Kind::Module)
            return b;
    }
    return 0;
}

PyModuleLayout layoutModule(const PySource& source) {
    return LayoutBuilder(source).run();
}

} // namespace slipway::spec
