/*
 * hub_client — what the hub's test suites share: a hub started in the
 * test process on a free loopback port over a fresh store, a kiosk
 * enrolled on it, and HTTP requests made with libcurl.
 *
 * Header-only (static inline) so that each suite takes what it uses.
 * Include after <cmocka.h>.
 */
#ifndef SERAMBI_TESTS_HUB_CLIENT_H
#define SERAMBI_TESTS_HUB_CLIENT_H

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hub/auth.h"
#include "hub/db.h"
#include "hub/server.h"

struct hc_reply {
    long status;
    char *body;
    size_t len;
    char retry_after[16];
    char content_type[64];
};

static inline void hc_reply_fini(struct hc_reply *r)
{
    free(r->body);
    memset(r, 0, sizeof(*r));
}

static inline size_t hc_on_body(char *data, size_t size, size_t n, void *ctx)
{
    struct hc_reply *r = ctx;
    size_t add = size * n;
    char *grown = realloc(r->body, r->len + add + 1);
    if (!grown)
        return 0;
    memcpy(grown + r->len, data, add);
    r->body = grown;
    r->len += add;
    r->body[r->len] = '\0';
    return add;
}

static inline size_t hc_on_header(char *data, size_t size, size_t n, void *ctx)
{
    struct hc_reply *r = ctx;
    size_t len = size * n;
    static const char ra[] = "retry-after:", ct[] = "content-type:";
    if (len > sizeof(ra) && strncasecmp(data, ra, sizeof(ra) - 1) == 0)
        sscanf(data + sizeof(ra) - 1, " %15[0-9]", r->retry_after);
    if (len > sizeof(ct) && strncasecmp(data, ct, sizeof(ct) - 1) == 0)
        sscanf(data + sizeof(ct) - 1, " %63[^\r\n]", r->content_type);
    return len;
}

/* One request. body NULL makes a GET (unless method says otherwise);
 * token and accept may be NULL. */
static inline void hc_request(int port, const char *method, const char *path, const char *token,
                              const char *accept, const char *body, size_t body_len,
                              struct hc_reply *r)
{
    memset(r, 0, sizeof(*r));
    CURL *c = curl_easy_init();
    assert_non_null(c);
    char url[512], auth[128], acc[128];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", port, path);
    struct curl_slist *h = NULL;
    if (token) {
        snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
        h = curl_slist_append(h, auth);
    }
    if (accept) {
        snprintf(acc, sizeof(acc), "Accept: %s", accept);
        h = curl_slist_append(h, acc);
    }
    h = curl_slist_append(h, "Expect:");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, hc_on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, hc_on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK)
        fprintf(stderr, "curl: %s\n", curl_easy_strerror(rc));
    assert_int_equal(rc, CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    if (!r->body)
        r->body = calloc(1, 1);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
}

static inline void hc_post(int port, const char *path, const char *token, const char *body,
                           struct hc_reply *r)
{
    hc_request(port, "POST", path, token, "application/json", body, strlen(body), r);
}

static inline void hc_get(int port, const char *path, const char *token, const char *accept,
                          struct hc_reply *r)
{
    hc_request(port, "GET", path, token, accept, NULL, 0, r);
}

/* Adds a kiosk on the store at url and returns its one-time code. */
static inline void hc_enroll_code(const char *url, const char *name, char code[HUB_CODE_SIZE])
{
    struct hub_db *db = NULL;
    char err[512] = "";
    int rc = hub_db_open(url, &db, err, sizeof(err));
    if (rc)
        fprintf(stderr, "hub_db_open: %s\n", err);
    assert_int_equal(rc, 0);
    char hash[HUB_HASH_HEX];
    hub_auth_new_code(code);
    hub_auth_hash_code(code, hash);
    assert_int_equal(hub_db_kiosk_add(db, name, hash, (int64_t)time(NULL) * 1000), 0);
    hub_db_close(db);
}

/* Exchanges a code for a token over HTTP. */
static inline void hc_enroll(int port, const char *code, char token[HUB_TOKEN_SIZE])
{
    char body[128];
    snprintf(body, sizeof(body), "{\"code\":\"%s\"}", code);
    struct hc_reply r;
    hc_post(port, "/api/v1/enroll", NULL, body, &r);
    assert_int_equal(r.status, 200);
    const char *t = strstr(r.body, "\"token\":\"");
    assert_non_null(t);
    t += 9;
    assert_int_equal(strcspn(t, "\""), HUB_TOKEN_SIZE - 1);
    memcpy(token, t, HUB_TOKEN_SIZE - 1);
    token[HUB_TOKEN_SIZE - 1] = '\0';
    hc_reply_fini(&r);
}

#endif
