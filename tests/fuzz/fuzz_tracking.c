/*
 * fuzz_tracking — what a visitor types as a tracking code: any bytes get
 * an answer (valid, "check the code"), and a code that is accepted is one
 * the kiosk could have printed.
 */
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/tracking.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char input[64];
    char code[TRACKING_SIZE];
    char again[TRACKING_SIZE];
    if (size >= sizeof(input))
        size = sizeof(input) - 1;
    memcpy(input, data, size);
    input[size] = '\0';
    if (tracking_normalize(input, code) == 0) {
        /* The canonical form reads back as itself. */
        if (tracking_normalize(code, again) != 0 || strcmp(code, again) != 0)
            abort();
    }
    return 0;
}
