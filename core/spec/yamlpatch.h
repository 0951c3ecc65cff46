#pragma once

#include "common/error.h"
#include "spec/field.h"
#include "spec/pyvalue.h"

#include <QString>
#include <optional>

namespace slipway::spec {

// Sets (or, with no value, removes) one argument in the text of a YAML ImageSpec and leaves every
// other line as the user wrote it: comments, key order, quoting and blank lines survive an edit in the
// form. The text must read as a block mapping; a new key goes where field order puts it among the keys
// already there. Flow-style documents (`{name: x}`) are rewritten as a whole in field order. Fails when
// the text is not a usable ImageSpec mapping or the value cannot be written to YAML.
Result<QString> setYamlArgument(const QString& text, Field field, const std::optional<PyValue>& value);

} // namespace slipway::spec
