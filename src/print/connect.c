/*
 * connect — see connect.h.
 */
#include "print/connect.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int print_connect(const char *server, http_t **http)
{
    char host[256];
    int port = ippPort();
    const char *name = server ? server : cupsServer();
    int n = snprintf(host, sizeof(host), "%s", name);
    if (n <= 0 || (size_t)n >= sizeof(host))
        return -EINVAL;
    /* "host:port", but not a socket path and not a bare IPv6 address. */
    char *colon = strrchr(host, ':');
    if (host[0] != '/' && colon && !strchr(colon, ']') && colon == strchr(host, ':')) {
        char *end;
        long p = strtol(colon + 1, &end, 10);
        if (*end || p <= 0 || p > 65535)
            return -EINVAL;
        *colon = '\0';
        port = (int)p;
    }
    http_t *h =
        httpConnect2(host, port, NULL, AF_UNSPEC, cupsEncryption(), 1, PRINT_TIMEOUT_MS, NULL);
    if (!h)
        return -EHOSTUNREACH;
    httpSetTimeout(h, PRINT_TIMEOUT_MS / 1000.0, NULL, NULL);
    *http = h;
    return 0;
}
