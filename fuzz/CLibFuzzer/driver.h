// libFuzzer's driver as a function (compiler-rt, LLVM 11 and later): a program with its
// own entry point runs the fuzzing loop through it. Linked in by -sanitize=fuzzer.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*user_callback)(const uint8_t *data, size_t size));
