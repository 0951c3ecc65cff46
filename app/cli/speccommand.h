#pragma once

#include <QStringList>

// `slipway-cli spec tag|id|image|dockerfile|context|validate|show FILE [options]`.
// Returns the process exit code: 0 ok, 1 invalid or unhashable spec, 2 usage.
int runSpecCommand(const QStringList& arguments);
