/*
 * uuid — formats and checks UUIDv7 strings; see uuid.h.
 */
#include "core/uuid.h"

#include <errno.h>
#include <string.h>

static const char hex[] = "0123456789abcdef";

void uuid7_make(int64_t unix_ms, const uint8_t random[UUID_RANDOM_BYTES], char out[UUID_STR_SIZE])
{
    uint8_t b[16];
    uint64_t ms = (uint64_t)unix_ms & UINT64_C(0xFFFFFFFFFFFF);
    for (int i = 0; i < 6; i++)
        b[i] = (uint8_t)(ms >> (40 - 8 * i));
    memcpy(b + 6, random, UUID_RANDOM_BYTES);
    b[6] = (uint8_t)(0x70 | (b[6] & 0x0F)); /* version 7 */
    b[8] = (uint8_t)(0x80 | (b[8] & 0x3F)); /* variant 10 */

    char *p = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = hex[b[i] >> 4];
        *p++ = hex[b[i] & 0x0F];
    }
    *p = '\0';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

bool uuid_valid(const char *s)
{
    if (!s || strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return false;
        } else if (hexval(s[i]) < 0) {
            return false;
        }
    }
    return true;
}

int uuid7_time_ms(const char *s, int64_t *unix_ms)
{
    /* Version 7 means something only in the RFC variant (bits 10: 8, 9, a, b). */
    if (!uuid_valid(s) || s[14] != '7' || !strchr("89ab", s[19]))
        return -EINVAL;
    uint64_t ms = 0;
    for (int i = 0; i < 13; i++) {
        if (i == 8)
            continue;
        ms = (ms << 4) | (uint64_t)hexval(s[i]);
    }
    *unix_ms = (int64_t)ms;
    return 0;
}
