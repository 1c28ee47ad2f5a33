/*
 * config — reads hub.conf with the INI parser of core: one table of keys,
 * each a string or a bounded integer, so every error reads the same way.
 * The file is parsed into a copy; the caller's config changes only when
 * the whole file was understood.
 */
#include "hub/config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/ini.h"

#define CONFIG_MAX_BYTES 65536

void hub_config_defaults(struct hub_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    snprintf(cfg->listen, sizeof(cfg->listen), "127.0.0.1:8080");
    snprintf(cfg->db_url, sizeof(cfg->db_url), "sqlite:/var/lib/serambi-hub/hub.db");
    cfg->threads = 4;
    cfg->max_body_bytes = 4 * 1024 * 1024;
    cfg->timeout_s = 30;
    cfg->max_connections = 512;
    cfg->status_per_minute = 60;
    cfg->status_cache_ms = 1000;
    cfg->push_max_rows = 500;
    cfg->enroll_per_minute = 10;
    cfg->attachment_max_bytes = 32 * 1024 * 1024;
}

struct key_def {
    const char *key;
    size_t offset;
    size_t size; /* 0: an int */
    int min, max;
};

#define STR(k)                                                                                     \
    {                                                                                              \
#k, offsetof(struct hub_config, k), sizeof(((struct hub_config *)0)->k), 0, 0              \
    }
#define INT(k, lo, hi)                                                                             \
    {                                                                                              \
#k, offsetof(struct hub_config, k), 0, lo, hi                                              \
    }

static const struct key_def keys[] = {
    STR(listen),
    STR(db_url),
    STR(tls_cert),
    STR(tls_key),
    INT(threads, 1, 256),
    INT(max_body_bytes, 1024, 64 * 1024 * 1024),
    INT(timeout_s, 1, 3600),
    INT(max_connections, 1, 100000),
    INT(status_per_minute, 1, 10000000),
    INT(status_cache_ms, 0, 60000),
    INT(push_max_rows, 1, 10000),
    INT(enroll_per_minute, 1, 10000000),
    INT(attachment_max_bytes, 1, INT_MAX),
};

static int on_pair(void *ctx, const char *section, const char *key, const char *value, int line,
                   struct ini_error *err)
{
    struct hub_config *cfg = ctx;
    if (section[0])
        return ini_fail(err, line, key, "sections are not used in the hub configuration");
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const struct key_def *d = &keys[i];
        if (strcmp(d->key, key) != 0)
            continue;
        char *field = (char *)cfg + d->offset;
        if (d->size) {
            if (strlen(value) >= d->size)
                return ini_fail(err, line, key, "is longer than %zu bytes", d->size - 1);
            memcpy(field, value, strlen(value) + 1);
            return 0;
        }
        char *end = NULL;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (errno || end == value || *end || v < d->min || v > d->max)
            return ini_fail(err, line, key, "expected a whole number from %d to %d", d->min,
                            d->max);
        *(int *)(void *)field = (int)v;
        return 0;
    }
    return ini_fail(err, line, key, "unknown key; see docs/hub-config.md");
}

static int read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -errno;
    char *buf = malloc(CONFIG_MAX_BYTES + 1);
    int rc = -ENOMEM;
    if (!buf)
        goto out;
    size_t n = fread(buf, 1, CONFIG_MAX_BYTES + 1, f);
    rc = ferror(f) ? -EIO : n > CONFIG_MAX_BYTES ? -EFBIG : 0;
    if (rc < 0)
        goto out;
    buf[n] = '\0';
    *out = buf;
    *len = n;
    buf = NULL;
out:
    free(buf);
    fclose(f);
    return rc;
}

int hub_config_load(struct hub_config *cfg, const char *path, char *errbuf, size_t errcap)
{
    struct hub_config work;
    hub_config_defaults(&work);
    const char *file = path ? path : HUB_CONFIG_DEFAULT_PATH;
    char *text = NULL;
    size_t len = 0;
    int rc = read_file(file, &text, &len);
    if (rc == -ENOENT && !path) {
        *cfg = work;
        return 0;
    }
    if (rc < 0) {
        snprintf(errbuf, errcap, "%s: cannot read the configuration: %s", file,
                 rc == -EFBIG ? "file too large" : strerror(-rc));
        goto out;
    }
    struct ini_error err = {0};
    rc = ini_parse(text, len, on_pair, &work, &err);
    if (rc < 0) {
        snprintf(errbuf, errcap, "%s:%d: %s%s%s", file, err.line, err.key, err.key[0] ? ": " : "",
                 err.message);
        goto out;
    }
    if (!work.tls_cert[0] != !work.tls_key[0]) {
        snprintf(errbuf, errcap, "%s: tls_cert and tls_key go together", file);
        rc = -EINVAL;
        goto out;
    }
    snprintf(work.source, sizeof(work.source), "%s", file);
    *cfg = work;
out:
    free(text);
    return rc;
}

int hub_config_listen_addr(const char *listen, char *host, size_t hostcap, int *port,
                           bool *loopback)
{
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen)
        return -EINVAL;
    const char *h = listen;
    size_t hlen = (size_t)(colon - listen);
    if (h[0] == '[') {
        if (hlen < 2 || h[hlen - 1] != ']')
            return -EINVAL;
        h++;
        hlen -= 2;
    }
    char *end = NULL;
    long p = strtol(colon + 1, &end, 10);
    if (hlen == 0 || hlen >= hostcap || !end || *end || end == colon + 1 || p < 0 || p > 65535)
        return -EINVAL;
    char tmp[INET6_ADDRSTRLEN];
    if (hlen >= sizeof(tmp))
        return -EINVAL;
    memcpy(tmp, h, hlen);
    tmp[hlen] = '\0';
    struct in_addr a4;
    struct in6_addr a6;
    bool lo;
    if (inet_pton(AF_INET, tmp, &a4) == 1)
        lo = (ntohl(a4.s_addr) >> 24) == 127;
    else if (inet_pton(AF_INET6, tmp, &a6) == 1)
        lo = IN6_IS_ADDR_LOOPBACK(&a6);
    else
        return -EINVAL;
    memcpy(host, tmp, hlen + 1);
    *port = (int)p;
    *loopback = lo;
    return 0;
}
