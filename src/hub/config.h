/*
 * config — the hub's settings: a `key = value` file (/etc/serambi/hub.conf
 * or --config FILE) over built-in defaults, with --listen and --db on the
 * command line above both. Every key is in docs/hub-config.md; an unknown
 * key or a bad value names file, line and key.
 */
#ifndef SERAMBI_HUB_CONFIG_H
#define SERAMBI_HUB_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define HUB_CONFIG_DEFAULT_PATH "/etc/serambi/hub.conf"

struct hub_config {
    char source[PATH_MAX];   /* the file read, or "" */
    char listen[128];        /* "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:443" */
    char db_url[PATH_MAX];   /* "sqlite:PATH" or "postgresql://…" */
    char tls_cert[PATH_MAX]; /* PEM; with tls_key, the hub speaks HTTPS only */
    char tls_key[PATH_MAX];
    int threads;        /* the server's thread pool, and store connections */
    int max_body_bytes; /* a larger request body gets 413 */
    int timeout_s;      /* an idle connection is closed after this */
    int max_connections;
    int status_per_minute;    /* GET /status requests per client address */
    int status_cache_ms;      /* a status answer served again from memory; 0: never */
    int push_max_rows;        /* rows in one push */
    int enroll_per_minute;    /* POST /api/v1/enroll attempts per client address */
    int attachment_max_bytes; /* a larger attachment is not uploaded (413) */
};

void hub_config_defaults(struct hub_config *cfg);

/* Defaults, then the file at path (NULL: the default path when it exists).
 * 0, or a negative errno with errbuf saying "FILE:LINE: KEY: why". */
int hub_config_load(struct hub_config *cfg, const char *path, char *errbuf, size_t errcap);

/* Splits cfg->listen into a numeric address and a port, and says whether
 * it is a loopback address. 0 or -EINVAL. */
int hub_config_listen_addr(const char *listen, char *host, size_t hostcap, int *port,
                           bool *loopback);

#endif
