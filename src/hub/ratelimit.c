/*
 * ratelimit — token buckets in a fixed table, one mutex. Tokens are kept
 * in thousandths so that refilling per millisecond needs no floats.
 */
#include "hub/ratelimit.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4096

struct slot {
    char addr[48];
    int64_t tokens_milli;
    int64_t last_ms;
};

struct hub_ratelimit {
    pthread_mutex_t lock;
    int64_t cap_milli;
    int per_minute;
    unsigned char key[crypto_shorthash_KEYBYTES];
    struct slot slots[SLOTS];
};

struct hub_ratelimit *hub_ratelimit_new(int per_minute)
{
    struct hub_ratelimit *rl = calloc(1, sizeof(*rl));
    if (!rl)
        return NULL;
    pthread_mutex_init(&rl->lock, NULL);
    rl->per_minute = per_minute;
    rl->cap_milli = (int64_t)per_minute * 1000;
    /* A secret key, so a client cannot pick addresses that share a slot. */
    randombytes_buf(rl->key, sizeof(rl->key));
    return rl;
}

void hub_ratelimit_free(struct hub_ratelimit *rl)
{
    if (!rl)
        return;
    pthread_mutex_destroy(&rl->lock);
    free(rl);
}

bool hub_ratelimit_allow(struct hub_ratelimit *rl, const char *addr, int64_t now_ms,
                         int *retry_after_s)
{
    unsigned char h[crypto_shorthash_BYTES];
    size_t len = strnlen(addr, sizeof(((struct slot *)0)->addr) - 1);
    crypto_shorthash(h, (const unsigned char *)addr, len, rl->key);
    size_t idx = ((size_t)h[0] | (size_t)h[1] << 8) % SLOTS;
    bool ok;
    pthread_mutex_lock(&rl->lock);
    struct slot *s = &rl->slots[idx];
    if (strncmp(s->addr, addr, len) != 0 || s->addr[len] != '\0') {
        memcpy(s->addr, addr, len);
        s->addr[len] = '\0';
        s->tokens_milli = rl->cap_milli;
        s->last_ms = now_ms;
    }
    int64_t elapsed = now_ms > s->last_ms ? now_ms - s->last_ms : 0;
    /* per_minute tokens per 60,000 ms: per_minute thousandths per ms / 60. */
    s->tokens_milli += elapsed * rl->per_minute / 60;
    if (s->tokens_milli > rl->cap_milli)
        s->tokens_milli = rl->cap_milli;
    s->last_ms = now_ms;
    ok = s->tokens_milli >= 1000;
    if (ok)
        s->tokens_milli -= 1000;
    else if (retry_after_s)
        *retry_after_s = (int)((1000 - s->tokens_milli) * 60 / rl->per_minute / 1000) + 1;
    pthread_mutex_unlock(&rl->lock);
    return ok;
}
