#pragma once

#include "spec/pytokenizer.h"

#include <QString>
#include <vector>

namespace slipway::spec {

// A block of statements: the module itself or the body of a compound statement. Whether a block
// surely runs when its parent runs decides whether a name bound in it has a value known statically.
struct PyBlock {
    enum class Kind {
        Module,
        Transparent, // runs whenever its parent runs: try, finally, with, or a stray indent
        Conditional, // may run or not, or run several times: if, elif, else, for, while, except, match
        Function,    // a def body: its own scope, runs when called
        Class,       // a class body: its own scope
    };

    Kind kind = Kind::Module;
    int parent = -1;
    QString header; // for messages: "if", "for", "def make_image", "class Images"
    int line = 0;   // of the header
};

struct PyStatement {
    enum class Kind {
        Simple,    // an expression, assignment, import, ...
        Decorator, // `@task(...)`
        Header,    // the part of a compound statement before its ':'
    };

    Kind kind = Kind::Simple;
    int first = 0; // tokens [first, end), without the NEWLINE or ';'
    int end = 0;
    int block = 0; // where the statement runs; a header runs in the block around its body
    int body = -1; // Header: the block its body opens
};

// The statements of a module in source order, each with the block it belongs to.
struct PyModuleLayout {
    std::vector<PyBlock> blocks; // blocks[0] is the module
    std::vector<PyStatement> statements;

    // Whether `ancestor` is `block` or one of the blocks around it.
    bool encloses(int ancestor, int block) const;
    // The block that owns names bound in `block`: the nearest def or class body, else the module.
    int scopeOf(int block) const;
};

PyModuleLayout layoutModule(const PySource& source);

} // namespace slipway::spec
