/*
 * pin — the staff PIN's hash; see pin.h.
 */
#include "kiosk/pin.h"

#include <errno.h>
#include <string.h>

#include <sodium.h>

int pin_init(void)
{
    return sodium_init() < 0 ? -EIO : 0;
}

bool pin_valid(const char *pin)
{
    size_t len = strlen(pin);
    return len >= PIN_MIN_DIGITS && len <= PIN_MAX_DIGITS && strspn(pin, "0123456789") == len;
}

int pin_hash(const char *pin, char out[PIN_HASH_SIZE])
{
    char hash[PIN_HASH_SIZE];
    if (!pin_valid(pin))
        return -EINVAL;
    if (pin_init() < 0)
        return -EIO;
    if (crypto_pwhash_str(hash, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
        return -ENOMEM; /* libsodium fails only when it cannot get the memory */
    memcpy(out, hash, sizeof(hash));
    return 0;
}

/* libsodium reads a hash as a full crypto_pwhash_STRBYTES buffer. */
static bool padded(const char *hash, char buf[PIN_HASH_SIZE])
{
    size_t len = strnlen(hash, PIN_HASH_SIZE);
    if (len == 0 || len >= PIN_HASH_SIZE)
        return false;
    memset(buf, 0, PIN_HASH_SIZE);
    memcpy(buf, hash, len);
    return true;
}

bool pin_hash_wellformed(const char *hash)
{
    char buf[PIN_HASH_SIZE];
    if (!padded(hash, buf) || strncmp(buf, crypto_pwhash_argon2id_STRPREFIX,
                                      strlen(crypto_pwhash_argon2id_STRPREFIX)) != 0)
        return false;
    if (pin_init() < 0)
        return false;
    /* -1 means the string could not be decoded; 0 or 1 only say whether
     * its limits are the ones new hashes get. */
    return crypto_pwhash_str_needs_rehash(buf, PIN_OPSLIMIT, PIN_MEMLIMIT) >= 0;
}

int pin_verify(const char *hash, const char *pin)
{
    char buf[PIN_HASH_SIZE];
    if (!pin_hash_wellformed(hash) || !padded(hash, buf))
        return -EINVAL;
    return crypto_pwhash_str_verify(buf, pin, strlen(pin)) == 0 ? 0 : -EACCES;
}
