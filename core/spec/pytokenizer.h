#pragma once

#include "spec/imagespec.h"

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <optional>
#include <vector>

namespace slipway::spec {

enum class PyTokenKind { Name, Number, String, Operator, Newline, Indent, Dedent, EndOfFile };

struct PyToken {
    PyTokenKind kind = PyTokenKind::EndOfFile;
    qsizetype begin = 0; // UTF-16 offsets into PySource::text
    qsizetype end = 0;
    SourcePosition position; // columns count UTF-16 code units, as QTextCursor does
};

struct PySyntaxError {
    SourcePosition position;
    QString message;
};

// A Python module split into tokens the way CPython's tokenizer does: comments dropped, NEWLINE only
// at the end of a logical line (never inside brackets), INDENT/DEDENT around blocks. String tokens
// keep their prefix and quotes; f-strings are one token (PEP 701 nesting is followed to find the end).
struct PySource {
    QString text;
    std::vector<PyToken> tokens;        // always ends with EndOfFile
    std::vector<int> closers;           // per token: the index of the bracket closing it, or -1
    std::optional<PySyntaxError> error; // the first thing the tokenizer could not follow

    QStringView view(int index) const;
    bool isOperator(int index, QStringView op) const;
    bool isName(int index, QStringView name) const;
    // +1 for an opening bracket, -1 for a closing one, 0 for any other token.
    int bracketDelta(int index) const;
    // The token after `index`, skipping a whole bracketed group when `index` opens one; what the
    // scans below use so that nested brackets cost nothing.
    int next(int index) const;
    // The first ':' in [from, end) outside brackets that no lambda owns, or -1 (also when a closing
    // bracket ends the range first, or, with stopAtComma, a ',' outside brackets comes first).
    int topLevelColon(int from, int end, bool stopAtComma) const;
    // The source between two tokens (inclusive) on one line, shortened for messages.
    QString excerpt(int first, int last) const;
};

// Never fails: on a syntax error the tokens stop at the error, which is recorded in `error`.
PySource tokenizePython(const QByteArray& utf8);

} // namespace slipway::spec
