// libFuzzer's driver, from the toolchain's clang runtime (linked by -sanitize=fuzzer).
#pragma once
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
