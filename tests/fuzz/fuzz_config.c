/*
 * fuzz_config — the kiosk configuration parser on arbitrary bytes: a
 * technician's file can hold anything, and the answer must be a message,
 * never a crash.
 */
#include <stddef.h>
#include <stdint.h>

#include "kiosk/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct kiosk_config cfg;
    char err[512];
    config_defaults(&cfg);
    (void)config_parse(&cfg, "fuzz.conf", (const char *)data, size, err, sizeof(err));
    return 0;
}
