/*
 * server — adapts libmicrohttpd to the hub's routes (api.h).
 *
 * The one idea: a request is answered only once its whole body has
 * arrived, and a body is never held beyond max_body_bytes: a larger
 * Content-Length is refused before reading, and a body that grows past
 * the limit is drained and answered 413. GETs are answered on the second
 * call of the handler, not the first, which lets libmicrohttpd keep the
 * connection alive.
 */
#include "hub/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "hub/api.h"

/* How long a stop waits for requests in flight. Idle keep-alive
 * connections count too, so this stays short: a kiosk simply retries. */
#define GRACE_S 3

/* A certificate chain or key larger than this is not one. */
#define PEM_MAX_BYTES ((size_t)256 * 1024)

struct hub_server {
    struct MHD_Daemon *daemon;
    struct hub_ctx ctx;
    struct hub_pool *pool;
    struct hub_ratelimit *limit;
    struct hub_ratelimit *enroll_limit;
    struct hub_status_cache *status_cache;
    struct hub_metrics metrics;
    size_t max_body;
    int timeout_s;
    int port;
    char *tls_cert;
    char *tls_key;
};

struct conn {
    char *body;
    size_t len;
    bool too_big;
    int64_t start_us;
};

static int64_t mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static enum MHD_Result send_response(struct hub_server *srv, struct MHD_Connection *mc,
                                     struct conn *c, int route, struct hub_response *resp)
{
    /* The body (malloc'd) goes to libmicrohttpd, which frees it. */
    struct MHD_Response *r =
        resp->body
            ? MHD_create_response_from_buffer(resp->body_len, resp->body, MHD_RESPMEM_MUST_FREE)
            : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ok = MHD_NO;
    if (!r)
        goto out;
    resp->body = NULL;
    resp->body_len = 0;
    if (resp->content_type)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (resp->retry_after_s > 0) {
        char v[16];
        snprintf(v, sizeof(v), "%d", resp->retry_after_s);
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, v);
    }
    ok = MHD_queue_response(mc, (unsigned int)resp->status, r);
    MHD_destroy_response(r);
out:
    hub_metrics_count(&srv->metrics, route, resp->status, mono_us() - c->start_us);
    hub_response_fini(resp);
    return ok;
}

static void client_address(struct MHD_Connection *mc, char *buf, size_t cap)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    buf[0] = '\0';
    if (!info || !info->client_addr)
        return;
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                  (socklen_t)cap);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                  (socklen_t)cap);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls)
{
    (void)version;
    struct hub_server *srv = cls;
    struct conn *c = *req_cls;
    if (!c) {
        c = calloc(1, sizeof(*c));
        if (!c)
            return MHD_NO;
        c->start_us = mono_us();
        *req_cls = c;
        const char *cl = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > srv->max_body) {
            struct hub_response resp = {0};
            hub_api_error(&resp, 413, "the request body is too large");
            return send_response(srv, mc, c, -1, &resp);
        }
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (c->too_big || c->len + n > srv->max_body) {
            c->too_big = true;
            return MHD_YES;
        }
        char *grown = realloc(c->body, c->len + n + 1);
        if (!grown)
            return MHD_NO;
        memcpy(grown + c->len, upload_data, n);
        c->body = grown;
        c->len += n;
        c->body[c->len] = '\0';
        return MHD_YES;
    }
    struct hub_response resp = {0};
    int route = -1;
    if (c->too_big) {
        hub_api_error(&resp, 413, "the request body is too large");
    } else {
        char addr[INET6_ADDRSTRLEN];
        client_address(mc, addr, sizeof(addr));
        struct hub_request req = {
            .method = method,
            .path = url,
            .authorization = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Authorization"),
            .accept = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Accept"),
            .client = addr,
            .arg_after = MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, "after"),
            .arg_limit = MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, "limit"),
            .arg_offset = MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, "offset"),
            .body = c->body,
            .body_len = c->len,
            .now_ms = wall_ms(),
        };
        hub_api_dispatch(&srv->ctx, &req, &resp, &route);
    }
    return send_response(srv, mc, c, route, &resp);
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)mc;
    (void)toe;
    struct conn *c = *req_cls;
    if (c) {
        free(c->body);
        free(c);
        *req_cls = NULL;
    }
}

static int read_pem(const char *path, char **out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -errno;
    char *buf = malloc(PEM_MAX_BYTES + 1);
    int rc = -ENOMEM;
    if (!buf)
        goto out;
    size_t n = fread(buf, 1, PEM_MAX_BYTES, f);
    rc = ferror(f) || n == 0 ? -EIO : 0;
    if (rc < 0)
        goto out;
    buf[n] = '\0';
    *out = buf;
    buf = NULL;
out:
    free(buf);
    fclose(f);
    return rc;
}

int hub_server_start(const struct hub_config *cfg, struct hub_server **out, char *errbuf,
                     size_t errcap)
{
    char host[64];
    int port = 0;
    bool loopback = false;
    int rc = hub_config_listen_addr(cfg->listen, host, sizeof(host), &port, &loopback);
    if (rc < 0) {
        snprintf(errbuf, errcap, "listen: '%s' is not ADDRESS:PORT with a numeric address",
                 cfg->listen);
        return rc;
    }
    bool tls = cfg->tls_cert[0] && cfg->tls_key[0];
    if (!tls && !loopback) {
        snprintf(errbuf, errcap,
                 "listen: plain HTTP is only served on loopback; set tls_cert and tls_key to "
                 "listen on %s",
                 host);
        return -EPERM;
    }
    struct hub_server *srv = calloc(1, sizeof(*srv));
    if (!srv)
        return -ENOMEM;
    srv->max_body = (size_t)cfg->max_body_bytes;
    srv->timeout_s = cfg->timeout_s;
    rc = hub_pool_new(cfg->db_url, (size_t)cfg->threads, &srv->pool, errbuf, errcap);
    if (rc < 0)
        goto out;
    rc = -ENOMEM;
    srv->limit = hub_ratelimit_new(cfg->status_per_minute);
    srv->enroll_limit = hub_ratelimit_new(cfg->enroll_per_minute);
    srv->status_cache = hub_status_cache_new(cfg->status_cache_ms);
    if (!srv->limit || !srv->enroll_limit || !srv->status_cache) {
        snprintf(errbuf, errcap, "out of memory");
        goto out;
    }
    srv->ctx = (struct hub_ctx){.pool = srv->pool,
                                .status_limit = srv->limit,
                                .enroll_limit = srv->enroll_limit,
                                .metrics = &srv->metrics,
                                .status_cache = srv->status_cache,
                                .push_max_rows = cfg->push_max_rows,
                                .attachment_max_bytes = cfg->attachment_max_bytes};
    if (tls) {
        rc = read_pem(cfg->tls_cert, &srv->tls_cert);
        if (rc == 0)
            rc = read_pem(cfg->tls_key, &srv->tls_key);
        if (rc < 0) {
            snprintf(errbuf, errcap, "cannot read the TLS certificate or key: %s", strerror(-rc));
            goto out;
        }
    }
    struct sockaddr_storage ss = {0};
    /* poll(), not epoll: libmicrohttpd 0.9.75 (Debian 12) can abort in
     * MHD_quiesce_daemon() with a thread pool on epoll ("Failed to remove
     * listen FD from epoll set") when a worker already took the listening
     * socket out of its set; graceful shutdown needs quiesce. */
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC;
    if (strchr(host, ':')) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        inet_pton(AF_INET6, host, &a->sin6_addr);
        flags |= MHD_USE_IPv6;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        inet_pton(AF_INET, host, &a->sin_addr);
    }
    if (tls)
        flags |= MHD_USE_TLS;
    struct MHD_OptionItem tls_opts[] = {
        {tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, srv->tls_cert},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, srv->tls_key},
        {MHD_OPTION_END, 0, NULL},
    };
    srv->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR,
                                   (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
                                   (unsigned int)cfg->threads, MHD_OPTION_CONNECTION_TIMEOUT,
                                   (unsigned int)cfg->timeout_s, MHD_OPTION_CONNECTION_LIMIT,
                                   (unsigned int)cfg->max_connections, MHD_OPTION_NOTIFY_COMPLETED,
                                   on_completed, srv, MHD_OPTION_ARRAY, tls_opts, MHD_OPTION_END);
    if (!srv->daemon) {
        snprintf(errbuf, errcap, "cannot listen on %s (address in use, or TLS setup failed)",
                 cfg->listen);
        rc = -EADDRINUSE;
        goto out;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : port;
    *out = srv;
    srv = NULL;
    rc = 0;
out:
    hub_server_stop(srv);
    return rc;
}

int hub_server_port(const struct hub_server *srv)
{
    return srv->port;
}

void hub_server_stop(struct hub_server *srv)
{
    if (!srv)
        return;
    if (srv->daemon) {
        /* Stop accepting, then give requests in flight time to finish. */
        MHD_socket fd = MHD_quiesce_daemon(srv->daemon);
        if (fd != MHD_INVALID_SOCKET)
            close(fd);
        int64_t grace_us = (int64_t)(srv->timeout_s < GRACE_S ? srv->timeout_s : GRACE_S) * 1000000;
        int64_t until = mono_us() + grace_us;
        for (;;) {
            const union MHD_DaemonInfo *info =
                MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
            if (!info || info->num_connections == 0 || mono_us() > until)
                break;
            usleep(10000);
        }
        MHD_stop_daemon(srv->daemon);
    }
    hub_ratelimit_free(srv->limit);
    hub_ratelimit_free(srv->enroll_limit);
    hub_status_cache_free(srv->status_cache);
    hub_pool_free(srv->pool);
    free(srv->tls_cert);
    free(srv->tls_key);
    free(srv);
}
