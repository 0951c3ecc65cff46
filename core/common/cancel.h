#pragma once

#include <atomic>

namespace slipway {

// Shared between a job and the worker doing its CPU-bound part; the worker polls it between files.
using CancelFlag = std::atomic_bool;

inline bool isCancelled(const CancelFlag* flag) {
    return flag && flag->load(std::memory_order_relaxed);
}

} // namespace slipway
