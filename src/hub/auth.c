/*
 * auth — enrollment codes and tokens, made from libsodium's randomness and
 * stored only as hashes. Codes use the tracking-code alphabet because a
 * technician types them on a touchscreen: no 0/O or 1/I/L to confuse.
 */
#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <string.h>

#include "core/tracking.h"
#include "hub/auth.h"

int hub_auth_init(void)
{
    return sodium_init() < 0 ? -EIO : 0;
}

void hub_auth_new_code(char out[HUB_CODE_SIZE])
{
    static const char alphabet[] = TRACKING_ALPHABET;
    size_t pos = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 5)
            out[pos++] = '-';
        out[pos++] = alphabet[randombytes_uniform((uint32_t)(sizeof(alphabet) - 1))];
    }
    out[pos] = '\0';
}

void hub_auth_new_token(char out[HUB_TOKEN_SIZE])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, HUB_TOKEN_SIZE, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof(raw));
}

bool hub_auth_token_valid(const char *token)
{
    unsigned char raw[32];
    size_t len = 0;
    const char *end = NULL;
    size_t n = strnlen(token, HUB_TOKEN_SIZE);
    /* libsodium refuses other characters and stray bits of the last one. */
    bool ok = n == HUB_TOKEN_SIZE - 1 &&
              sodium_base642bin(raw, sizeof(raw), token, n, NULL, &len, &end,
                                sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
              len == sizeof(raw) && end == token + n;
    sodium_memzero(raw, sizeof(raw));
    return ok;
}

static void hash_hex(const unsigned char *data, size_t len, char out[HUB_HASH_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, HUB_HASH_HEX, h, sizeof(h));
}

void hub_auth_hash_code(const char *code, char out[HUB_HASH_HEX])
{
    unsigned char norm[64];
    size_t n = 0;
    for (const char *p = code; *p && n < sizeof(norm); p++) {
        if (*p == '-' || *p == ' ')
            continue;
        norm[n++] = (unsigned char)toupper((unsigned char)*p);
    }
    hash_hex(norm, n, out);
}

void hub_auth_hash_token(const char *token, char out[HUB_HASH_HEX])
{
    hash_hex((const unsigned char *)token, strlen(token), out);
}
