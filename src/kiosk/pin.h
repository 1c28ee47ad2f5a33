/*
 * pin — the staff PIN: 6 to 12 digits, kept in the configuration only as
 * a salted Argon2id hash (libsodium's crypto_pwhash_str), never in clear.
 *
 * The one idea: the hash string carries its own salt and limits, so the
 * kiosk verifies whatever `serambi pin` made, and the limits chosen here
 * (PIN_OPSLIMIT, PIN_MEMLIMIT) only decide new hashes. Verifying is slow
 * on purpose (tens of milliseconds on a desktop, a few hundred on a
 * Raspberry Pi), so the touch UI runs it off its thread (ui/pincheck.h).
 */
#ifndef SERAMBI_KIOSK_PIN_H
#define SERAMBI_KIOSK_PIN_H

#include <stdbool.h>
#include <stddef.h>

#define PIN_MIN_DIGITS 6
#define PIN_MAX_DIGITS 12
#define PIN_HASH_SIZE  128 /* crypto_pwhash_STRBYTES, NUL included */

/* Argon2id with 2 passes over 19 MiB: light enough for a Raspberry Pi
 * with 1 GB, slow enough that every guess costs real time. */
#define PIN_OPSLIMIT 2ULL
#define PIN_MEMLIMIT ((size_t)19 * 1024 * 1024)

/* Initialises libsodium; 0 or -EIO. Safe to call often and from any
 * thread; the functions below call it themselves. */
int pin_init(void);

/* True when pin is PIN_MIN_DIGITS to PIN_MAX_DIGITS digits 0-9 and nothing else. */
bool pin_valid(const char *pin);

/* Hashes pin (checked with pin_valid()) into out[PIN_HASH_SIZE]. 0,
 * -EINVAL for a PIN that is not valid, -ENOMEM or -EIO. */
int pin_hash(const char *pin, char out[PIN_HASH_SIZE]);

/* True when hash has the form crypto_pwhash_str() gives for Argon2id
 * ("$argon2id$v=19$m=…,t=…,p=…$salt$hash"). Nothing is verified. */
bool pin_hash_wellformed(const char *hash);

/* Whether pin matches hash: 0 yes, -EACCES no, -EINVAL for a hash that
 * is not well-formed. Slow by design; any thread. */
int pin_verify(const char *hash, const char *pin);

#endif
