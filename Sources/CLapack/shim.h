// LAPACKE and CBLAS from Debian's liblapacke-dev and libopenblas-dev.
#pragma once
#include <lapacke.h>
#include <cblas.h>
