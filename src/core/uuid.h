/*
 * uuid — UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random
 * bits. Ids made on one kiosk sort by creation time, and ids made on
 * thousands of kiosks do not collide. The caller supplies the clock and the
 * randomness, so this module stays pure.
 */
#ifndef SERAMBI_CORE_UUID_H
#define SERAMBI_CORE_UUID_H

#include <stdbool.h>
#include <stdint.h>

#define UUID_RANDOM_BYTES 10
#define UUID_STR_SIZE     37

/* Writes the canonical lowercase form "xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx". */
void uuid7_make(int64_t unix_ms, const uint8_t random[UUID_RANDOM_BYTES], char out[UUID_STR_SIZE]);

/* True for a canonical lowercase UUID string of any version. */
bool uuid_valid(const char *s);

/* The Unix milliseconds of a UUIDv7; 0 or -EINVAL when s is not one. */
int uuid7_time_ms(const char *s, int64_t *unix_ms);

#endif
