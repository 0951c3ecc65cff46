#pragma once

#include "common/error.h"
#include "spec/pyvalue.h"
#include "spec/yaml11.h"

#include <string_view>

namespace slipway::spec::yaml11 {

// PyYAML SafeConstructor's construct_yaml_int/float/bool/null/str for a scalar already typed by
// resolvePlain or an explicit tag, with Python's own int() and float() rules underneath (so
// `!!int 0o17` is 15 and `!!float " 1.5 "` is 1.5, as in flytekit). `text` is the scalar as yaml-cpp
// delivers it, UTF-8.
//
// Fails where PyYAML fails (`!!int abc`, `0b_`, `!!bool maybe`) and where the value has no ImageSpec
// representation: ints beyond 64 bits, dates, merge keys, the YAML 1.1 `=` value key. The error's
// message names the text.
Result<PyValue> construct(ScalarType type, std::string_view text);

} // namespace slipway::spec::yaml11
