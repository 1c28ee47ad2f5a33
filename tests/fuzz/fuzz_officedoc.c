/*
 * fuzz_officedoc — office documents come from the hub's feed: the first
 * bytes up to a newline are the name, the rest the text. Any bytes must
 * give 0 or an error with a message, never a crash, and an accepted
 * document must have one of the four kinds of names.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/officedoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char name[64];
    const uint8_t *nl = memchr(data, '\n', size < sizeof(name) ? size : sizeof(name));
    size_t name_len = nl ? (size_t)(nl - data) : 0;
    memcpy(name, data, name_len);
    name[name_len] = '\0';
    const char *text = nl ? (const char *)nl + 1 : (const char *)data;
    size_t len = nl ? size - name_len - 1 : size;
    char err[512] = "";
    int rc = officedoc_check(name, text, len, err, sizeof(err));
    if (rc == 0 && officedoc_name(name, NULL, NULL) != 0)
        abort();
    if (rc < 0 && !err[0])
        abort();
    return 0;
}
