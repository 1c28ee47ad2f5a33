/*
 * auth — the secrets kiosks hold: one-time enrollment codes a technician
 * types, and the bearer tokens a code is exchanged for.
 *
 * The one idea: the hub stores only SHA-256 hashes of both. A token is 32
 * random bytes (made by the kiosk, or by the hub for an older kiosk), so
 * a plain hash is enough (no password stretching needed) and a copy of
 * the database lets no one act as a kiosk.
 */
#ifndef SERAMBI_HUB_AUTH_H
#define SERAMBI_HUB_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "hub/db.h"

#define HUB_CODE_SIZE  12 /* "XXXXX-XXXXX" + NUL */
#define HUB_TOKEN_SIZE 44 /* 43 characters of base64url (32 bytes) + NUL */
/* How long an enrollment code can be redeemed after it was made. */
#define HUB_CODE_LIFETIME_MS (7LL * 24 * 3600 * 1000)

/* Initialises libsodium; 0 or -EIO. Call once before the others. */
int hub_auth_init(void);

/* A new enrollment code: 10 symbols of the tracking-code alphabet. */
void hub_auth_new_code(char out[HUB_CODE_SIZE]);
/* A new token. */
void hub_auth_new_token(char out[HUB_TOKEN_SIZE]);
/* Whether token has the form of one: exactly 43 characters of unpadded
 * base64url that decode to 32 bytes (a kiosk makes its own this way). */
bool hub_auth_token_valid(const char *token);

/* The hex SHA-256 of a code as typed (case, spaces and hyphens ignored,
 * so "abcde fghjk" works) or of a token. */
void hub_auth_hash_code(const char *code, char out[HUB_HASH_HEX]);
void hub_auth_hash_token(const char *token, char out[HUB_HASH_HEX]);

#endif
