#pragma once

#include "spec/field.h"
#include "spec/pyvalue.h"

#include <QString>
#include <array>
#include <optional>

namespace slipway::spec {

// Where a spec came from, for messages that point at a file, line and column.
struct SourcePosition {
    int line = 0;   // 1-based; 0 when unknown
    int column = 0; // 1-based; 0 when unknown
};

struct SpecOrigin {
    QString file;            // YAML or .py file the spec was read from; empty for specs made in memory
    QString variable;        // Python variable name, for specs imported from .py
    SourcePosition position; // of the spec itself (mapping or call)
    std::array<SourcePosition, kFieldCount> fields{}; // of each argument, when known
};

// The machine a spec is evaluated on. flytekit resolves `platform` from the host architecture and
// relative paths from the process's working directory; both are explicit here so tests and the GUI
// (where the project folder plays the working directory's role) control them.
struct HostEnvironment {
    QString machine;          // platform.machine(): "x86_64", "aarch64", "arm64", ...
    QString workingDirectory; // absolute; relative spec paths resolve against it

    static HostEnvironment current();
    QString resolvePath(const QString& path) const;
};

// An ImageSpec as the user wrote it: the constructor arguments that were given. A field that was not
// given takes flytekit's default (`name` is "flytekit", everything else None). Keeping "given" apart
// from "default" lets YAML round-trip without inventing keys.
class ImageSpec {
public:
    ImageSpec() = default;

    const std::optional<PyValue>& argument(Field field) const;
    bool hasArgument(Field field) const { return argument(field).has_value(); }
    void setArgument(Field field, PyValue value);
    void clearArgument(Field field);

    // The argument, or flytekit's default when it was not given.
    PyValue value(Field field) const;

    // flytekit's `__post_init__` normalisation: lower-cased name and registry, platform resolved for
    // the host, `source_copy_mode` defaulted to LOADED_MODULES when `source_root` is set. Every field
    // of the result is set (None where flytekit has None). Does not validate; see validateSpec().
    ImageSpec resolved(const HostEnvironment& host) const;

    // `with_packages`, `with_apt_packages`, `with_commands`, `with_copy`, `with_runtime_packages`:
    // a str is appended, a list extended. Returns false if the field holds a non-list value.
    bool appendToList(Field field, const PyValue& addition);
    // `with_builder_options`: dict merge. Returns false if the current value is not a dict.
    bool mergeBuilderOptions(const PyValue& options);

    const SpecOrigin& origin() const { return m_origin; }
    SpecOrigin& origin() { return m_origin; }

    // Equal arguments (origin is ignored).
    friend bool operator==(const ImageSpec& a, const ImageSpec& b);

private:
    std::array<std::optional<PyValue>, kFieldCount> m_arguments{};
    SpecOrigin m_origin;
};

} // namespace slipway::spec
