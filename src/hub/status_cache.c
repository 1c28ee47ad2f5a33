/*
 * status_cache — see status_cache.h. Slots hold their body inline, so a
 * hit is one lock, one comparison and one copy.
 */
#include "hub/status_cache.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tracking.h"

#define SLOTS      512
#define BODY_BYTES 2560 /* the HTML page with the longest schedule, escaped, fits */

struct slot {
    char code[TRACKING_SIZE];
    bool json;
    uint64_t generation;
    int64_t made_ms;
    size_t len;
    char body[BODY_BYTES];
};

struct hub_status_cache {
    pthread_mutex_t lock;
    int max_age_ms;
    unsigned char key[crypto_shorthash_KEYBYTES];
    struct slot slots[SLOTS];
};

struct hub_status_cache *hub_status_cache_new(int max_age_ms)
{
    struct hub_status_cache *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    pthread_mutex_init(&c->lock, NULL);
    c->max_age_ms = max_age_ms;
    /* A secret key, so a client cannot pick codes that share a slot. */
    randombytes_buf(c->key, sizeof(c->key));
    return c;
}

void hub_status_cache_free(struct hub_status_cache *c)
{
    if (!c)
        return;
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static struct slot *slot_of(struct hub_status_cache *c, const char *code, bool json)
{
    unsigned char h[crypto_shorthash_BYTES];
    char key[TRACKING_SIZE + 1];
    size_t len = strnlen(code, TRACKING_SIZE - 1);
    memcpy(key, code, len);
    key[len] = json ? 'j' : 'h';
    crypto_shorthash(h, (const unsigned char *)key, len + 1, c->key);
    return &c->slots[((size_t)h[0] | (size_t)h[1] << 8) % SLOTS];
}

bool hub_status_cache_get(struct hub_status_cache *c, const char *code, bool json,
                          uint64_t generation, int64_t now_ms, char **body, size_t *len)
{
    if (!c || c->max_age_ms <= 0)
        return false;
    struct slot *s = slot_of(c, code, json);
    bool hit = false;
    pthread_mutex_lock(&c->lock);
    if (s->len > 0 && s->json == json && s->generation == generation && now_ms >= s->made_ms &&
        now_ms - s->made_ms < c->max_age_ms && strcmp(s->code, code) == 0) {
        char *copy = malloc(s->len);
        if (copy) {
            memcpy(copy, s->body, s->len);
            *body = copy;
            *len = s->len;
            hit = true;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return hit;
}

void hub_status_cache_put(struct hub_status_cache *c, const char *code, bool json,
                          uint64_t generation, int64_t now_ms, const char *body, size_t len)
{
    if (!c || c->max_age_ms <= 0 || len == 0 || len > BODY_BYTES || strlen(code) >= TRACKING_SIZE)
        return;
    struct slot *s = slot_of(c, code, json);
    pthread_mutex_lock(&c->lock);
    snprintf(s->code, sizeof(s->code), "%s", code);
    s->json = json;
    s->generation = generation;
    s->made_ms = now_ms;
    s->len = len;
    memcpy(s->body, body, len);
    pthread_mutex_unlock(&c->lock);
}
