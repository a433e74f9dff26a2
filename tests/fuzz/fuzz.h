/* fuzz.h -- shared helpers of the libFuzzer harnesses: the input as a file
 * the tools can open by name (a memfd behind /dev/fd/N), and diagnostics
 * silenced so the fuzzer's own output stays readable. */
#ifndef PLG_FUZZ_H
#define PLG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Path of a file holding data[0..size); valid until the next call. */
const char *fuzz_file(const uint8_t *data, size_t size);
/* Silence the tools' diagnostics (FUZZ_VERBOSE=1 keeps them). */
void fuzz_quiet(void);

#endif /* PLG_FUZZ_H */
