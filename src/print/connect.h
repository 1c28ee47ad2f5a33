/*
 * connect — one connection to the CUPS scheduler for the print worker.
 * libcups keeps its default connection per thread; an explicit one makes
 * the server, the timeout and the lifetime visible where printing happens.
 */
#ifndef SERAMBI_PRINT_CONNECT_H
#define SERAMBI_PRINT_CONNECT_H

#include <cups/cups.h>

/* Seconds the kiosk waits for the scheduler before it tells the visitor. */
#define PRINT_TIMEOUT_MS 5000

/* Connects to `server` ("host:port", "host" or a socket path; NULL: the
 * client's default, cupsServer()). Returns 0 with a new connection in
 * *http, which the caller closes with httpClose(); -EINVAL for a server
 * name that does not parse; -EHOSTUNREACH when nobody answers. */
int print_connect(const char *server, http_t **http);

#endif
