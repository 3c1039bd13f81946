// ZeroMQ from Debian's libzmq3-dev.
#pragma once
#include <zmq.h>
