// ZeroMQ from Debian's libzmq3-dev.
#pragma once
#include <zmq.h>
#include <sys/prctl.h>

// Names the calling thread (at most 15 bytes show) for `top -H`, `perf` and gdb: the I/O and
// heartbeat threads the transport starts. prctl is variadic, which Swift cannot call.
static inline void obscale_name_this_thread(const char *name) {
  prctl(PR_SET_NAME, name, 0, 0, 0);
}
