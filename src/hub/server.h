/*
 * server — serambi-hub's HTTP(S) front: libmicrohttpd with a thread pool,
 * request body limits and idle timeouts, answering through api.h.
 */
#ifndef SERAMBI_HUB_SERVER_H
#define SERAMBI_HUB_SERVER_H

#include <stddef.h>

#include "hub/config.h"

struct hub_server;

/*
 * Opens the store pool and starts listening. Plain HTTP is refused unless
 * the address is loopback; with tls_cert and tls_key the hub speaks HTTPS
 * only. 0 and a running server (stop it with hub_server_stop()), or a
 * negative errno with errbuf saying why.
 */
int hub_server_start(const struct hub_config *cfg, struct hub_server **out, char *errbuf,
                     size_t errcap);

/* The port actually bound (useful with port 0). */
int hub_server_port(const struct hub_server *srv);

/* Stops accepting, lets requests in flight finish (up to timeout_s of the
 * config), then stops and frees everything. NULL does nothing. */
void hub_server_stop(struct hub_server *srv);

#endif
