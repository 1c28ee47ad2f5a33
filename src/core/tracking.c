/*
 * tracking — weighted mod-31 check symbol; see tracking.h for why it
 * catches every single substitution and every adjacent transposition.
 */
#include "core/tracking.h"

#include <errno.h>
#include <string.h>

#define BASE 31

static int symbol_value(char c)
{
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    const char *p = strchr(TRACKING_ALPHABET, c);
    return (c != '\0' && p) ? (int)(p - TRACKING_ALPHABET) : -1;
}

/* The check value that makes sum(w_i * v_i) ≡ 0 (mod 31) with w = 1..7. */
static int check_value(const int v[TRACKING_DATA_SYMBOLS])
{
    int sum = 0;
    for (int i = 0; i < TRACKING_DATA_SYMBOLS; i++)
        sum += (i + 1) * v[i];
    /* 7 * 9 = 63 ≡ 1 (mod 31), so 9 is the inverse of the check weight 7. */
    return ((BASE - sum % BASE) % BASE) * 9 % BASE;
}

static void write_code(const int v[TRACKING_SYMBOLS], char out[TRACKING_SIZE])
{
    char *p = out;
    for (int i = 0; i < TRACKING_SYMBOLS; i++) {
        if (i == 3)
            *p++ = '-';
        *p++ = TRACKING_ALPHABET[v[i]];
    }
    *p = '\0';
}

void tracking_make(const uint8_t random[TRACKING_RANDOM_BYTES], char out[TRACKING_SIZE])
{
    uint64_t r = 0;
    for (int i = 0; i < TRACKING_RANDOM_BYTES; i++)
        r = (r << 8) | random[i];
    int v[TRACKING_SYMBOLS];
    /* 2^64 is 2.1e10 times 31^6: the modulo bias is below 1e-10. */
    for (int i = 0; i < TRACKING_DATA_SYMBOLS; i++) {
        v[i] = (int)(r % BASE);
        r /= BASE;
    }
    v[TRACKING_DATA_SYMBOLS] = check_value(v);
    write_code(v, out);
}

int tracking_normalize(const char *input, char out[TRACKING_SIZE])
{
    int v[TRACKING_SYMBOLS];
    int n = 0;
    if (!input)
        return -EINVAL;
    for (const char *p = input; *p; p++) {
        if (*p == ' ' || *p == '-' || *p == '\t')
            continue;
        int val = symbol_value(*p);
        if (val < 0 || n == TRACKING_SYMBOLS)
            return -EINVAL;
        v[n++] = val;
    }
    if (n != TRACKING_SYMBOLS)
        return -EINVAL;
    if (check_value(v) != v[TRACKING_DATA_SYMBOLS])
        return -EBADMSG;
    write_code(v, out);
    return 0;
}
