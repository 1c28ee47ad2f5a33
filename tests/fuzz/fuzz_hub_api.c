/*
 * fuzz_hub_api — what a kiosk or anyone on the network can send the hub:
 * request bodies for push and enroll, query arguments of the change feed,
 * tracking codes in the status path, and attachment uploads (the SHA-256
 * in the path, the offset argument, the chunk), through the same dispatch
 * as the server over an in-memory store. Any input gets an HTTP status and
 * nothing crashes or leaks.
 *
 * The first byte picks the route (from 0x80: an upload, odd for PUT);
 * the rest is the body, argument or path. A PUT's rest is "OFFSET\n"
 * then the chunk, for the one attachment record the store holds.
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
static char upload_path[128];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[256];
    if (hub_auth_init() < 0 || hub_pool_new("sqlite::memory:", 1, &pool, err, sizeof(err)) < 0)
        abort();
    limit = hub_ratelimit_new(1000000);
    ctx = (struct hub_ctx){.pool = pool,
                           .status_limit = limit,
                           .enroll_limit = limit,
                           .metrics = &metrics,
                           .push_max_rows = 50,
                           .attachment_max_bytes = 4096};
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
    /* One attachment record of 64 bytes, so that chunks reach the store. */
    char sha[HUB_HASH_HEX];
    hub_auth_hash_token("fuzz", sha);
    int64_t kiosk = 0;
    int held = 0;
    struct hub_push_row row = {.kind = REC_ATTACHMENT,
                               .id = "01941d2e-8a00-7000-8000-000000000009",
                               .version = 1,
                               .payload = "{}",
                               .tracking_code = "",
                               .status = "",
                               .sha256 = sha,
                               .size_bytes = 64};
    if (hub_db_kiosk_auth(db, thash, &kiosk) < 0 ||
        hub_db_push(db, kiosk, &row, 1, 3000, &held) < 0)
        abort();
    hub_pool_release(pool, db);
    snprintf(auth, sizeof(auth), "Bearer %s", token);
    snprintf(upload_path, sizeof(upload_path), "/api/v1/attachments/%s", sha);
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
    if (data[0] & 0x80) {
        if (data[0] & 1) {
            size_t line = strcspn(text, "\n");
            size_t skip = line < size - 1 ? line + 1 : size - 1;
            text[line] = '\0';
            req.method = "PUT";
            req.path = upload_path;
            req.arg_offset = data[0] & 2 ? NULL : text;
            req.body = (const char *)data + 1 + skip;
            req.body_len = size - 1 - skip;
        } else {
            snprintf(path, sizeof(path), "/api/v1/attachments/%s", text);
            req.method = "GET";
            req.path = path;
        }
        goto dispatch;
    }
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
dispatch:;
    struct hub_response resp;
    int route;
    hub_api_dispatch(&ctx, &req, &resp, &route);
    if (resp.status < 200 || resp.status > 599)
        abort();
    hub_response_fini(&resp);
    free(text);
    return 0;
}
