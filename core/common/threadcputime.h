#pragma once

#include <QtGlobal>
#include <time.h>

namespace slipway {

// CPU time the calling thread has used so far, in nanoseconds: what a piece of work costs on its
// thread, independent of what other threads and processes do meanwhile.
inline qint64 threadCpuNs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace slipway
