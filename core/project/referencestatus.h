#pragma once

#include <QString>

namespace slipway::project {

// Where the image reference of one spec stands. Computing it may hash a large source tree, so it
// arrives after the scan; until then it is Computing.
struct ReferenceStatus {
    enum class State {
        Computing,
        Ready,
        Failed,      // flytekit would fail too: missing requirements file, bad tag_format, ...
        Unavailable, // flytekit rejects the spec, or an argument is only known when the file runs
    };

    State state = State::Computing;
    QString reference; // "registry/name:tag" when Ready
    QString message;   // why it is Failed or Unavailable
};

} // namespace slipway::project
