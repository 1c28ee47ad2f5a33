/*
 * api_upload — a kiosk uploads the bytes of its attachments (scanned
 * letters) in chunks: GET says how many bytes the hub holds, PUT adds the
 * next chunk at that offset.
 *
 * The one idea: an upload is named by the SHA-256 of its bytes and
 * belongs to the kiosk that pushed the attachment's record, whose size it
 * takes. The hub only ever appends at the offset it holds, so a kiosk that
 * was cut off asks, and continues from there; the chunk that completes
 * the upload is checked against the hash before the bytes count as the
 * record's, and a mismatch drops them all.
 */
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hub/api.h"

static void answer_state(struct hub_response *resp, int status, const char *sha256,
                         const struct hub_attachment *a, const char *error)
{
    json_t *body =
        json_pack("{sssIsIsb}", "sha256", sha256, "size", (json_int_t)a->size_bytes, "received",
                  (json_int_t)a->received_bytes, "complete", a->complete_ms > 0);
    if (body && error)
        json_object_set_new(body, "error", json_string(error));
    hub_api_json(resp, status, body);
}

/* The kiosk and the upload's state, or an answer already written. */
static int begin(struct hub_ctx *ctx, struct hub_db *db, const struct hub_request *req,
                 const char *sha256, struct hub_response *resp, int64_t *kiosk,
                 struct hub_attachment *a)
{
    int rc = hub_api_kiosk(db, req, resp, kiosk);
    if (rc < 0)
        return rc;
    if (!hub_api_sha256_valid(sha256)) {
        hub_api_error(resp, 400, "the path must end in the SHA-256 of the bytes (64 hex digits)");
        return -EINVAL;
    }
    rc = hub_db_attachment_state(db, *kiosk, sha256, a);
    if (rc == -ENOENT) {
        hub_api_error(resp, 404,
                      "no attachment record of this kiosk has that SHA-256; push it "
                      "first");
        return rc;
    }
    if (rc < 0) {
        hub_api_store_failed(db, "upload state", resp);
        return rc;
    }
    if (a->size_bytes > ctx->attachment_max_bytes) {
        hub_api_error(resp, 413, "the attachment is larger than the hub's attachment_max_bytes");
        return -EFBIG;
    }
    return 0;
}

void hub_api_upload_state(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                          struct hub_response *resp)
{
    struct hub_db *db = hub_pool_acquire(ctx->pool);
    int64_t kiosk;
    struct hub_attachment a;
    if (begin(ctx, db, req, param, resp, &kiosk, &a) == 0)
        answer_state(resp, 200, param, &a, NULL);
    hub_pool_release(ctx->pool, db);
}

void hub_api_upload_put(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                        struct hub_response *resp)
{
    struct hub_db *db = hub_pool_acquire(ctx->pool);
    int64_t kiosk;
    long long offset;
    struct hub_attachment a;
    if (begin(ctx, db, req, param, resp, &kiosk, &a) < 0)
        goto out;
    if (!req->arg_offset || hub_api_parse_count(req->arg_offset, 0, INT64_MAX, 0, &offset) < 0) {
        hub_api_error(resp, 400, "\"offset\" must be the number of bytes the hub holds");
        goto out;
    }
    int rc = hub_db_attachment_put(db, kiosk, param, (int64_t)offset, req->body, req->body_len,
                                   req->now_ms, &a);
    switch (rc) {
    case 0:
        answer_state(resp, 200, param, &a, NULL);
        break;
    case -ERANGE:
        answer_state(resp, 409, param, &a,
                     "the hub holds another number of bytes; continue from "
                     "\"received\"");
        break;
    case -EFBIG:
        hub_api_error(resp, 413, "the chunk goes past the attachment's size");
        break;
    case -EBADMSG:
        answer_state(resp, 422, param, &a,
                     "the bytes do not match their SHA-256 and were "
                     "dropped; upload them again");
        break;
    case -ENOENT:
        hub_api_error(resp, 404, "no attachment record of this kiosk has that SHA-256");
        break;
    default:
        hub_api_store_failed(db, "upload", resp);
    }
out:
    hub_pool_release(ctx->pool, db);
}
