#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// One top-level `slipway-cli <name> ...` command. Each command lives in its own file and
// registers itself with a file-scope `const CommandRegistration`, so adding a command never
// touches main.cpp or another command's file.
struct CliCommand {
    QString name;
    // Lines for `slipway-cli --help`, already indented and wrapped, ending in '\n'.
    QString help;
    // Receives the arguments after the command name; returns the process exit code
    // (kExitOk, kExitFailure, kExitUsage from output.h).
    int (*run)(const QStringList& arguments) = nullptr;
    // Position in the help text; lower comes first.
    int order = 100;
};

// Every registered command, sorted by `order` then name.
QList<CliCommand> cliCommands();

struct CommandRegistration {
    explicit CommandRegistration(CliCommand command);
};
