/*
 * fuzz_hub_api — what a kiosk or anyone on the network can send the hub:
 * request bodies for push and enroll, query arguments of the change feed,
 * and tracking codes in the status path, through the same dispatch as the
 * server over an in-memory store. Any input gets an HTTP status and
 * nothing crashes or leaks.
 *
 * The first byte picks the route; the rest is the body, argument or path.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub/api.h"
#include "hub/auth.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct hub_pool *pool;
static struct hub_ratelimit *limit;
static struct hub_metrics metrics;
static struct hub_ctx ctx;
static char auth[128];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[256];
    if (hub_auth_init() < 0 || hub_pool_new("sqlite::memory:", 1, &pool, err, sizeof(err)) < 0)
        abort();
    limit = hub_ratelimit_new(1000000);
    ctx = (struct hub_ctx){
        .pool = pool, .status_limit = limit, .metrics = &metrics, .push_max_rows = 50};
    /* One enrolled kiosk, so pushes get past the token check. */
    char code[HUB_CODE_SIZE], hash[HUB_HASH_HEX], token[HUB_TOKEN_SIZE], thash[HUB_HASH_HEX];
    char name[HUB_NAME_SIZE];
    hub_auth_new_code(code);
    hub_auth_hash_code(code, hash);
    hub_auth_new_token(token);
    hub_auth_hash_token(token, thash);
    struct hub_db *db = hub_pool_acquire(pool);
    if (hub_db_kiosk_add(db, "fuzz", hash, 1000) < 0 ||
        hub_db_kiosk_redeem(db, hash, thash, 2000, 1000000, name, sizeof(name)) < 0)
        abort();
    hub_pool_release(pool, db);
    snprintf(auth, sizeof(auth), "Bearer %s", token);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    struct hub_request req = {.authorization = auth, .client = "127.0.0.1", .now_ms = 5000};
    char path[160];
    switch (data[0] % 4) {
    case 0:
        req.method = "POST";
        req.path = "/api/v1/push";
        req.body = text;
        req.body_len = size - 1;
        break;
    case 1:
        req.method = "POST";
        req.path = "/api/v1/enroll";
        req.body = text;
        req.body_len = size - 1;
        break;
    case 2:
        req.method = "GET";
        req.path = "/api/v1/changes";
        req.arg_after = text;
        req.arg_limit = text + strlen(text) / 2;
        break;
    default:
        snprintf(path, sizeof(path), "/status/%s", text);
        req.method = "GET";
        req.path = path;
        req.accept = data[0] & 4 ? "application/json" : "text/html";
        break;
    }
    struct hub_response resp;
    int route;
    hub_api_dispatch(&ctx, &req, &resp, &route);
    if (resp.status < 200 || resp.status > 599)
        abort();
    hub_response_fini(&resp);
    free(text);
    return 0;
}
