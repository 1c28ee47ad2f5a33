/*
 * api_documents — the feed of office documents (holiday calendars, the
 * service rules, the visitor texts) that the office published with
 * `serambi-hub publish`, for every enrolled kiosk.
 *
 * The one idea: like the change feed, a page is everything after the
 * kiosk's cursor, oldest first, so a kiosk that saves the cursor only
 * after writing the files never skips one. A name published twice comes
 * twice and the later one wins; a page stops after about a mebibyte of
 * text so that an answer always fits what a kiosk reads.
 */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>

#include "hub/api.h"

#define DOCUMENTS_DEFAULT    10
#define DOCUMENTS_MAX        50
#define DOCUMENTS_PAGE_BYTES ((size_t)1024 * 1024)

void hub_api_documents(struct hub_ctx *ctx, const struct hub_request *req, const char *param,
                       struct hub_response *resp)
{
    (void)param;
    struct hub_document *list = NULL;
    size_t n = 0;
    long long after, limit;
    int64_t kiosk;
    struct hub_db *db = hub_pool_acquire(ctx->pool);
    if (hub_api_kiosk(db, req, resp, &kiosk) < 0)
        goto out;
    if (hub_api_parse_count(req->arg_after, 0, LLONG_MAX, 0, &after) < 0 ||
        hub_api_parse_count(req->arg_limit, 1, DOCUMENTS_MAX, DOCUMENTS_DEFAULT, &limit) < 0) {
        hub_api_error(resp, 400, "\"after\" and \"limit\" must be whole numbers");
        goto out;
    }
    if (hub_db_documents(db, after, (size_t)limit, &list, &n) < 0) {
        hub_api_store_failed(db, "documents", resp);
        goto out;
    }
    json_t *docs = json_array();
    int64_t next = after;
    size_t bytes = 0;
    for (size_t i = 0; docs && i < n && (i == 0 || bytes + list[i].len <= DOCUMENTS_PAGE_BYTES);
         i++) {
        const struct hub_document *d = &list[i];
        json_t *text = json_stringn(d->text, d->len);
        if (!text) {
            json_decref(docs);
            docs = NULL;
            break;
        }
        json_array_append_new(docs, json_pack("{sIsssssIso}", "cursor", (json_int_t)d->cursor,
                                              "name", d->name, "sha256", d->sha256, "published_ms",
                                              (json_int_t)d->published_ms, "text", text));
        bytes += d->len;
        next = d->cursor;
    }
    hub_api_json(resp, 200, json_pack("{sosI}", "documents", docs, "next", (json_int_t)next));
out:
    hub_pool_release(ctx->pool, db);
    hub_db_documents_free(list, n);
}
