/*
 * client — HTTP requests of the sync protocol with libcurl and jansson.
 * Every request has a connect timeout and a total timeout, so a hub that
 * hangs costs a kiosk one timeout and a retry, never a stuck worker.
 */
#include "sync/client.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/officedoc.h"
#include "sync/docfile.h"

#define CONNECT_TIMEOUT_S 10
#define TOTAL_TIMEOUT_S   60
#define MAX_ANSWER_BYTES  ((size_t)8 * 1024 * 1024)
#define PULL_PAGE         200
#define DOCUMENTS_PAGE    10

struct sync_client {
    CURL *curl;
    char base[512]; /* without a trailing '/' */
    char auth[128]; /* "Authorization: Bearer …" or "" */
};

struct answer {
    char *data;
    size_t len;
    int retry_after_s;
    bool too_big;
};

int sync_client_new(const char *hub_url, const char *token, struct sync_client **out)
{
    struct sync_client *c = calloc(1, sizeof(*c));
    if (!c)
        return -ENOMEM;
    c->curl = curl_easy_init();
    size_t len = strlen(hub_url);
    while (len > 0 && hub_url[len - 1] == '/')
        len--;
    if (!c->curl || len >= sizeof(c->base)) {
        int rc = c->curl ? -EINVAL : -ENOMEM;
        sync_client_free(c);
        return rc;
    }
    memcpy(c->base, hub_url, len);
    c->base[len] = '\0';
    if (token && token[0])
        snprintf(c->auth, sizeof(c->auth), "Authorization: Bearer %s", token);
    *out = c;
    return 0;
}

void sync_client_free(struct sync_client *c)
{
    if (!c)
        return;
    if (c->curl)
        curl_easy_cleanup(c->curl);
    free(c);
}

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
    struct answer *a = ctx;
    size_t add = size * n;
    if (a->len + add > MAX_ANSWER_BYTES) {
        a->too_big = true;
        return 0;
    }
    char *grown = realloc(a->data, a->len + add + 1);
    if (!grown)
        return 0;
    memcpy(grown + a->len, data, add);
    a->data = grown;
    a->len += add;
    a->data[a->len] = '\0';
    return add;
}

static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
    struct answer *a = ctx;
    size_t len = size * n;
    static const char name[] = "retry-after:";
    if (len > sizeof(name) && strncasecmp(data, name, sizeof(name) - 1) == 0) {
        long v = strtol(data + sizeof(name) - 1, NULL, 10);
        /* An HTTP date instead of seconds counts as a minute. */
        a->retry_after_s = v > 0 && v < 86400 ? (int)v : 60;
    }
    return len;
}

static void say(struct sync_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct sync_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
}

/*
 * Sends one request and collects the answer: 0 with the HTTP status in
 * err->http_status and Retry-After in err->retry_after_s, or -EAGAIN when
 * no answer came (*err says why). body NULL makes a GET unless method
 * says otherwise; content_type is the body's.
 */
static int perform(struct sync_client *c, const char *method, const char *path,
                   const char *content_type, const void *body, size_t len, struct answer *a,
                   struct sync_error *err)
{
    struct curl_slist *headers = NULL;
    char url[768], type[96];
    memset(err, 0, sizeof(*err));
    snprintf(url, sizeof(url), "%s%s", c->base, path);
    CURL *h = c->curl;
    curl_easy_reset(h);
    headers = curl_slist_append(headers, "Accept: application/json");
    if (body) {
        snprintf(type, sizeof(type), "Content-Type: %s", content_type);
        headers = curl_slist_append(headers, type);
    }
    headers = curl_slist_append(headers, "Expect:");
    if (c->auth[0])
        headers = curl_slist_append(headers, c->auth);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)CONNECT_TIMEOUT_S);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)TOTAL_TIMEOUT_S);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, a);
    if (method)
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    if (body) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    }
    CURLcode cc = curl_easy_perform(h);
    curl_slist_free_all(headers);
    if (cc != CURLE_OK) {
        say(err, "hub not reachable: %s", a->too_big ? "answer too large" : curl_easy_strerror(cc));
        return -EAGAIN;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &err->http_status);
    err->retry_after_s = a->retry_after_s;
    return 0;
}

/* What every answer may say whatever was asked: 401 is -EACCES (a person
 * must act), 429 and 5xx are -EAGAIN (later); 0 otherwise. */
static int refused(struct sync_error *err)
{
    long st = err->http_status;
    if (st == 401) {
        say(err, "the hub refused this kiosk's credentials (HTTP 401)");
        return -EACCES;
    }
    if (st == 429 || st >= 500) {
        say(err, "the hub is busy or failing (HTTP %ld)", st);
        return -EAGAIN;
    }
    return 0;
}

/*
 * One JSON request; body NULL makes a GET. 0 with the parsed JSON answer
 * in *json (the caller decrefs it), or an errno with *err filled in: 401
 * is -EACCES, 429 and 5xx and network failures are -EAGAIN, other
 * statuses and answers that are not JSON objects are -EPROTO.
 */
static int request(struct sync_client *c, const char *path, const char *body, json_t **json,
                   struct sync_error *err)
{
    struct answer a = {0};
    int rc = perform(c, NULL, path, "application/json", body, body ? strlen(body) : 0, &a, err);
    if (rc < 0)
        goto out;
    long st = err->http_status;
    rc = refused(err);
    if (rc < 0)
        goto out;
    rc = -EPROTO;
    json_t *root = st == 200 && a.data ? json_loadb(a.data, a.len, 0, NULL) : NULL;
    if (!json_is_object(root)) {
        json_decref(root);
        say(err, "unexpected answer from the hub (HTTP %ld)", st);
        goto out;
    }
    *json = root;
    rc = 0;
out:
    free(a.data);
    return rc;
}

static size_t discard_body(char *data, size_t size, size_t n, void *ctx)
{
    (void)data;
    (void)ctx;
    return size * n;
}

int sync_health(struct sync_client *c, long timeout_ms, struct sync_error *err)
{
    char url[768];
    memset(err, 0, sizeof(*err));
    snprintf(url, sizeof(url), "%s/healthz", c->base);
    CURL *h = c->curl;
    curl_easy_reset(h);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard_body);
    CURLcode cc = curl_easy_perform(h);
    if (cc != CURLE_OK) {
        say(err, "hub not reachable: %s", curl_easy_strerror(cc));
        return -EAGAIN;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &err->http_status);
    if (err->http_status != 200) {
        say(err, "the hub answers HTTP %ld%s", err->http_status,
            err->http_status == 503 ? " (its store is unreachable)" : "");
        return -EIO;
    }
    return 0;
}

int sync_enroll(struct sync_client *c, const char *code, const char *token,
                char token_out[SYNC_TOKEN_SIZE], struct sync_error *err)
{
    json_t *req = json_pack("{ssss}", "code", code, "token", token);
    char *body = req ? json_dumps(req, JSON_COMPACT) : NULL;
    json_decref(req);
    if (!body)
        return -ENOMEM;
    json_t *ans = NULL;
    int rc = request(c, "/api/v1/enroll", body, &ans, err);
    free(body);
    if (rc < 0)
        return rc;
    /* The hub names the token it holds: ours, or its own when it makes
     * tokens itself. */
    const char *held = json_string_value(json_object_get(ans, "token"));
    if (!held || strlen(held) >= SYNC_TOKEN_SIZE || strlen(held) < 16) {
        say(err, "the hub's enrollment answer has no token");
        rc = -EPROTO;
    } else {
        memcpy(token_out, held, strlen(held) + 1);
        snprintf(c->auth, sizeof(c->auth), "Authorization: Bearer %s", held);
    }
    json_decref(ans);
    return rc;
}

static char *push_body(const struct store_outbox_batch *b)
{
    json_t *rows = json_array();
    for (size_t i = 0; rows && i < b->n; i++) {
        const struct store_outbox_row *r = &b->rows[i];
        json_t *record = json_loads(r->payload_json, 0, NULL);
        json_t *row = record ? json_pack("{sssssiso}", "kind", rec_kind_name(r->kind), "id",
                                         r->record_id, "version", r->version, "record", record)
                             : NULL;
        if (!row || json_array_append_new(rows, row) < 0) {
            json_decref(rows);
            return NULL;
        }
    }
    json_t *root = rows ? json_pack("{so}", "rows", rows) : NULL;
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    return text;
}

int sync_push(struct sync_client *c, struct store *st, size_t max_rows, int64_t now_ms,
              size_t *pushed, struct sync_error *err)
{
    struct store_outbox_batch batch = {0};
    struct store_ack *acks = NULL;
    json_t *ans = NULL;
    char *body = NULL;
    memset(err, 0, sizeof(*err));
    int rc = store_outbox_next(st, max_rows, &batch);
    if (rc < 0) {
        say(err, "outbox: %s", store_last_error(st));
        return rc;
    }
    if (batch.n == 0) {
        *pushed = 0;
        goto out;
    }
    body = push_body(&batch);
    acks = calloc(batch.n, sizeof(*acks));
    if (!body || !acks) {
        rc = -ENOMEM;
        goto out;
    }
    rc = request(c, "/api/v1/push", body, &ans, err);
    if (rc < 0)
        goto out;
    json_t *held = json_object_get(ans, "held");
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(held); i++) {
        json_t *h = json_array_get(held, i);
        const char *id = json_string_value(json_object_get(h, "id"));
        json_int_t v = json_integer_value(json_object_get(h, "version"));
        /* Version 0: another kiosk owns the id. Never acknowledged. */
        if (!id || strlen(id) >= REC_ID_SIZE || v < 1 || v > INT32_MAX)
            continue;
        memcpy(acks[n].record_id, id, strlen(id) + 1);
        acks[n].version = (int)v;
        n++;
    }
    rc = store_outbox_ack(st, acks, n, now_ms);
    if (rc < 0) {
        say(err, "outbox ack: %s", store_last_error(st));
        goto out;
    }
    *pushed = n;
out:
    json_decref(ans);
    free(body);
    free(acks);
    store_outbox_batch_fini(&batch);
    return rc;
}

/* What the hub says of an upload. */
struct upload_state {
    int64_t size;
    int64_t received;
    bool complete;
};

/*
 * One request about the upload of sha256: a GET (body NULL) or a PUT of a
 * chunk at offset. 0 with the HTTP status in err->http_status and, when
 * the answer carries it, the upload's state in *us; -EAGAIN, -EACCES as
 * request() does.
 */
static int upload_call(struct sync_client *c, const char *sha256, const uint8_t *chunk, size_t len,
                       int64_t offset, struct upload_state *us, struct sync_error *err)
{
    char path[160];
    struct answer a = {0};
    if (chunk)
        snprintf(path, sizeof(path), "/api/v1/attachments/%s?offset=%lld", sha256,
                 (long long)offset);
    else
        snprintf(path, sizeof(path), "/api/v1/attachments/%s", sha256);
    /* A zero-byte chunk still has a body, so that curl sends a PUT. */
    int rc = perform(c, chunk ? "PUT" : "GET", path, "application/octet-stream",
                     chunk ? (const void *)chunk : NULL, len, &a, err);
    if (rc < 0)
        goto out;
    long st = err->http_status;
    rc = refused(err);
    if (rc < 0)
        goto out;
    json_t *root = a.data ? json_loadb(a.data, a.len, 0, NULL) : NULL;
    json_t *size = json_object_get(root, "size"), *received = json_object_get(root, "received");
    if (json_is_integer(size) && json_is_integer(received)) {
        us->size = json_integer_value(size);
        us->received = json_integer_value(received);
        us->complete = json_is_true(json_object_get(root, "complete"));
    } else if (st == 200 || st == 409 || st == 422) {
        say(err, "unexpected answer from the hub (HTTP %ld)", st);
        rc = -EPROTO;
    }
    json_decref(root);
out:
    free(a.data);
    return rc;
}

/* 0 when the bytes reached the hub (and are marked so), 1 when the hub
 * will not take them (skipped, with *err saying why), or an error. */
static int upload_one(struct sync_client *c, struct store *st, const struct store_upload *u,
                      size_t chunk_bytes, int64_t now_ms, struct sync_error *err)
{
    uint8_t *data = NULL;
    size_t len = 0;
    struct upload_state us = {0};
    int mismatches = 0;
    /* Ask first: after a cut, the hub may hold more (or less) than we think. */
    int rc = upload_call(c, u->sha256, NULL, 0, 0, &us, err);
    if (rc < 0)
        goto out;
    if (err->http_status == 404 || err->http_status == 413) {
        say(err, "the hub does not take attachment %.36s (HTTP %ld)", u->id, err->http_status);
        rc = 1;
        goto out;
    }
    if (err->http_status != 200 || us.size != u->size_bytes) {
        say(err, "unexpected upload state from the hub (HTTP %ld)", err->http_status);
        rc = -EPROTO;
        goto out;
    }
    if (!us.complete) {
        rc = store_attachment_data(st, u->id, &data, &len);
        if (rc < 0) {
            say(err, "attachment %.36s: %s", u->id, store_last_error(st));
            rc = rc == -ENOENT || rc == -EIO ? 1 : rc;
            goto out;
        }
    }
    /* Every PUT either moves the offset or says where it is; a hub that
     * does neither for long is not one we understand. */
    for (size_t calls = 0; !us.complete; calls++) {
        if (us.received < 0 || us.received > (int64_t)len || calls > 2 * (len / chunk_bytes) + 8) {
            say(err, "the hub's upload offset makes no progress");
            rc = -EPROTO;
            goto out;
        }
        size_t off = (size_t)us.received, n = len - off < chunk_bytes ? len - off : chunk_bytes;
        rc = upload_call(c, u->sha256, data + off, n, (int64_t)off, &us, err);
        if (rc < 0)
            goto out;
        long status = err->http_status;
        if (status == 422 && ++mismatches < 2)
            continue; /* damaged on the way: once more from the start */
        if (status != 200 && status != 409) {
            say(err, "the hub refused a chunk of attachment %.36s (HTTP %ld)", u->id, status);
            rc = status == 404 || status == 413 ? 1 : -EPROTO;
            goto out;
        }
    }
    rc = store_attachment_uploaded(st, u->id, now_ms);
    if (rc < 0)
        say(err, "attachment uploaded: %s", store_last_error(st));
out:
    free(data);
    return rc;
}

int sync_upload(struct sync_client *c, struct store *st, struct store_upload *cursor,
                size_t chunk_bytes, size_t max_files, int64_t now_ms, size_t *uploaded,
                size_t *skipped, struct sync_error *err)
{
    struct store_upload *list = NULL;
    size_t n = 0, done = 0, refused = 0;
    memset(err, 0, sizeof(*err));
    *uploaded = 0;
    *skipped = 0;
    if (chunk_bytes == 0)
        return -EINVAL;
    int rc = store_attachment_pending(st, cursor, max_files, &list, &n);
    if (rc < 0) {
        say(err, "attachments: %s", store_last_error(st));
        return rc;
    }
    struct sync_error skip = {0};
    for (size_t i = 0; i < n && rc >= 0; i++) {
        rc = upload_one(c, st, &list[i], chunk_bytes, now_ms, err);
        if (rc == 0)
            done++;
        else if (rc == 1) {
            refused++;
            skip = *err;
            rc = 0;
        }
    }
    if (rc == 0 && n > 0 && cursor)
        *cursor = list[n - 1]; /* the next page starts after this one */
    free(list);
    *uploaded = done;
    *skipped = refused;
    if (rc == 0 && refused > 0)
        *err = skip;
    return rc;
}

static int read_change(json_t *ch, struct store_update *u)
{
    const char *id = json_string_value(json_object_get(ch, "id"));
    const char *kind = json_string_value(json_object_get(ch, "kind"));
    const char *status = json_string_value(json_object_get(ch, "status"));
    const char *schedule = json_string_value(json_object_get(ch, "schedule"));
    const char *answer = json_string_value(json_object_get(ch, "answer"));
    const char *cls = json_string_value(json_object_get(ch, "class"));
    memset(u, 0, sizeof(*u));
    if (!id || strlen(id) >= REC_ID_SIZE || !kind || rec_kind_parse(kind, &u->kind) < 0 ||
        !status || rec_status_parse(status, &u->status) < 0)
        return -EPROTO;
    memcpy(u->record_id, id, strlen(id) + 1);
    if (schedule && strlen(schedule) < sizeof(u->schedule))
        memcpy(u->schedule, schedule, strlen(schedule) + 1);
    if (answer && strlen(answer) < sizeof(u->answer))
        memcpy(u->answer, answer, strlen(answer) + 1);
    u->has_class = cls && cls[0] && rec_class_parse(cls, &u->cls) == 0;
    json_int_t due = json_integer_value(json_object_get(ch, "due_ms"));
    u->due_ms = due > 0 ? due : 0;
    return 0;
}

int sync_pull(struct sync_client *c, struct store *st, int64_t now_ms, size_t *applied,
              struct sync_error *err)
{
    int64_t cursor = 0;
    json_t *ans = NULL;
    struct store_update *updates = NULL;
    memset(err, 0, sizeof(*err));
    int rc = store_sync_cursor(st, &cursor);
    if (rc < 0) {
        say(err, "cursor: %s", store_last_error(st));
        return rc;
    }
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/changes?after=%lld&limit=%d", (long long)cursor,
             PULL_PAGE);
    rc = request(c, path, NULL, &ans, err);
    if (rc < 0)
        return rc;
    json_t *changes = json_object_get(ans, "changes");
    json_t *next = json_object_get(ans, "next");
    size_t n = json_array_size(changes);
    if (!json_is_array(changes) || !json_is_integer(next) || json_integer_value(next) < cursor) {
        say(err, "unexpected change feed from the hub");
        rc = -EPROTO;
        goto out;
    }
    if (n > 0) {
        updates = calloc(n, sizeof(*updates));
        if (!updates) {
            rc = -ENOMEM;
            goto out;
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (read_change(json_array_get(changes, i), &updates[k]) == 0)
            k++;
    if (n > 0) {
        rc = store_apply_updates(st, updates, k, json_integer_value(next), now_ms);
        if (rc < 0) {
            say(err, "applying staff updates: %s", store_last_error(st));
            goto out;
        }
    }
    *applied = n;
out:
    free(updates);
    json_decref(ans);
    return rc;
}

static void note_line(sync_note_fn note, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void note_line(sync_note_fn note, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (note)
        note(line);
    else
        fprintf(stderr, "serambi: sync: %s\n", line);
}

/* Checks one document of the feed and writes it: 0 (written), 1 (refused
 * and skipped), or -EIO when the file could not be written. */
static int apply_document(json_t *doc, const char *dir, sync_note_fn note, struct sync_error *err)
{
    const char *name = json_string_value(json_object_get(doc, "name"));
    json_t *text = json_object_get(doc, "text");
    char why[512];
    if (!name)
        name = "";
    if (!json_is_string(text)) {
        note_line(note, "office document refused: it came without text; skipped");
        return 1;
    }
    size_t len = json_string_length(text);
    if (officedoc_check(name, json_string_value(text), len, why, sizeof(why)) < 0) {
        note_line(note, "office document refused: %s; skipped", why);
        return 1;
    }
    int rc = sync_docfile_write(dir, name, json_string_value(text), len);
    if (rc < 0) {
        say(err, "cannot write %s/%s: %s", dir, name, strerror(-rc));
        return -EIO;
    }
    note_line(note, "office document %s updated from the hub (%zu bytes)", name, len);
    return 0;
}

int sync_pull_documents(struct sync_client *c, struct store *st, const char *dir, sync_note_fn note,
                        struct sync_documents *out, struct sync_error *err)
{
    int64_t cursor = 0;
    json_t *ans = NULL;
    struct sync_documents res = {0};
    memset(err, 0, sizeof(*err));
    int rc = store_documents_cursor(st, &cursor);
    if (rc < 0) {
        say(err, "documents cursor: %s", store_last_error(st));
        return rc;
    }
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/documents?after=%lld&limit=%d", (long long)cursor,
             DOCUMENTS_PAGE);
    rc = request(c, path, NULL, &ans, err);
    if (rc == -EPROTO && err->http_status == 404) {
        /* A hub older than the feed: nothing to take, and no reason to
         * hold back the rest of the round. */
        memset(err, 0, sizeof(*err));
        *out = res;
        return 0;
    }
    if (rc < 0)
        return rc;
    json_t *docs = json_object_get(ans, "documents");
    json_t *next = json_object_get(ans, "next");
    if (!json_is_array(docs) || !json_is_integer(next) || json_integer_value(next) < cursor) {
        say(err, "unexpected document feed from the hub");
        rc = -EPROTO;
        goto out;
    }
    res.fetched = json_array_size(docs);
    for (size_t i = 0; i < res.fetched; i++) {
        rc = apply_document(json_array_get(docs, i), dir, note, err);
        if (rc < 0)
            goto out;
        if (rc == 0)
            res.written++;
        else
            res.refused++;
    }
    rc = 0;
    if (res.fetched > 0) {
        rc = store_documents_cursor_save(st, json_integer_value(next));
        if (rc < 0) {
            say(err, "documents cursor: %s", store_last_error(st));
            goto out;
        }
    }
    *out = res;
out:
    json_decref(ans);
    return rc;
}

int sync_token_load(const char *path, char token[SYNC_TOKEN_SIZE])
{
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOENT ? -ENOENT : -EIO;
    char buf[SYNC_TOKEN_SIZE + 2];
    int rc = -EIO;
    if (fgets(buf, sizeof(buf), f)) {
        buf[strcspn(buf, "\r\n")] = '\0';
        size_t len = strlen(buf);
        if (len >= 16 && len < SYNC_TOKEN_SIZE) {
            memcpy(token, buf, len + 1);
            rc = 0;
        }
    }
    fclose(f);
    return rc;
}

/* Syncs the folder that holds path, so that a rename in it lasts. */
static int sync_dir_of(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    size_t len = slash ? (size_t)(slash - path) : 0;
    if (len >= sizeof(dir))
        return -ENAMETOOLONG;
    memcpy(dir, path, len);
    snprintf(dir + len, sizeof(dir) - len, "%s", len ? "" : slash ? "/" : ".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    int rc = fsync(fd) < 0 ? -EIO : 0;
    close(fd);
    return rc;
}

/* Writes text to path atomically and durably, mode 0600. */
static int write_secret(const char *path, const char *text)
{
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.new", path) >= sizeof(tmp))
        return -ENAMETOOLONG;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -errno;
    size_t len = strlen(text);
    int rc = 0;
    if (write(fd, text, len) != (ssize_t)len || fsync(fd) < 0)
        rc = -EIO;
    if (close(fd) < 0 && rc == 0)
        rc = -EIO;
    if (rc == 0 && rename(tmp, path) < 0)
        rc = -errno;
    if (rc < 0)
        unlink(tmp);
    return rc < 0 ? rc : sync_dir_of(path);
}

int sync_token_save(const char *path, const char *token)
{
    char line[SYNC_TOKEN_SIZE + 2];
    if ((size_t)snprintf(line, sizeof(line), "%s\n", token) >= sizeof(line))
        return -EINVAL;
    return write_secret(path, line);
}

/* The code as the hub compares it: upper case, without spaces and hyphens. */
static int code_key(const char *code, char out[33])
{
    size_t n = 0;
    for (const char *p = code; *p; p++) {
        if (*p == ' ' || *p == '-')
            continue;
        if (n == 32)
            return -EINVAL;
        out[n++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
    }
    out[n] = '\0';
    return n ? 0 : -EINVAL;
}

static int pending_path(const char *path, char out[4096])
{
    return (size_t)snprintf(out, 4096, "%s.pending", path) < 4096 ? 0 : -ENAMETOOLONG;
}

/* The pending file is two lines: the token, and the code it was made for. */
int sync_token_pending(const char *path, const char *code, char token[SYNC_TOKEN_SIZE])
{
    char file[4096], key[33], line[SYNC_TOKEN_SIZE + 2], kept[SYNC_TOKEN_SIZE + 2] = "";
    int rc = code_key(code, key);
    if (rc == 0)
        rc = pending_path(path, file);
    if (rc < 0)
        return rc;
    FILE *f = fopen(file, "r");
    if (!f && errno != ENOENT)
        return -EIO;
    if (f) {
        bool whole = fgets(line, sizeof(line), f) && fgets(kept, sizeof(kept), f);
        fclose(f);
        line[strcspn(line, "\r\n")] = '\0';
        kept[strcspn(kept, "\r\n")] = '\0';
        if (whole && strcmp(kept, key) == 0 && strlen(line) == SYNC_NEW_TOKEN_LEN) {
            memcpy(token, line, SYNC_NEW_TOKEN_LEN + 1);
            return 0;
        }
    }
    /* None yet, or one made for another code (a mistyped one, or an
     * earlier code the hub has since replaced): a new token for this code. */
    if (sodium_init() < 0)
        return -EIO;
    unsigned char raw[32];
    char made[SYNC_TOKEN_SIZE], text[SYNC_TOKEN_SIZE + 40];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(made, sizeof(made), raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof(raw));
    snprintf(text, sizeof(text), "%s\n%s\n", made, key);
    rc = write_secret(file, text);
    sodium_memzero(text, sizeof(text));
    if (rc == 0)
        memcpy(token, made, SYNC_NEW_TOKEN_LEN + 1);
    sodium_memzero(made, sizeof(made));
    return rc;
}

int sync_token_promote(const char *path)
{
    char file[4096];
    int rc = pending_path(path, file);
    if (rc < 0)
        return rc;
    if (rename(file, path) < 0)
        return -errno;
    return sync_dir_of(path);
}

void sync_token_discard(const char *path)
{
    char file[4096];
    if (pending_path(path, file) == 0 && unlink(file) == 0)
        sync_dir_of(path);
}
