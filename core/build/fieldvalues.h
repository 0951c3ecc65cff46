#pragma once

#include "common/error.h"
#include "spec/imagespec.h"

#include <QString>
#include <QStringList>

// Typed reads of a resolved spec's fields for the builder. flytekit's __post_init__ rejects values of
// the wrong type before its builder ever runs; the builder reports them the same way instead of
// writing a Dockerfile from a value flytekit would never accept.
namespace slipway::build {

// A list of str field; None gives an empty list.
Result<QStringList> stringListField(const spec::ImageSpec& resolved, spec::Field field);

// Python's `str(value)` of a field, empty for None.
QString textField(const spec::ImageSpec& resolved, spec::Field field);

// Error for a field whose value has the wrong type.
std::unexpected<Error> wrongType(spec::Field field, const spec::PyValue& value, const QString& expected,
                                 const QString& example);

} // namespace slipway::build
