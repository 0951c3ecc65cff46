#pragma once

#include "spec/field.h"

#include <QString>

namespace slipway::ui {

// What the form calls a field ("Python version" for python_version).
QString fieldLabel(spec::Field field);
// The tooltip of a field's row: the one-sentence help and the YAML key.
QString fieldToolTip(spec::Field field);

} // namespace slipway::ui
