#include "command.h"

#include <algorithm>

namespace {

// A function-local static: registrations run during static initialisation of other files, in
// an order C++ does not define, so the list must exist before the first of them.
QList<CliCommand>& registry() {
    static QList<CliCommand> commands;
    return commands;
}

} // namespace

CommandRegistration::CommandRegistration(CliCommand command) {
    registry().append(std::move(command));
}

QList<CliCommand> cliCommands() {
    QList<CliCommand> sorted = registry();
    std::ranges::stable_sort(sorted, [](const CliCommand& a, const CliCommand& b) {
        return a.order != b.order ? a.order < b.order : a.name < b.name;
    });
    return sorted;
}
