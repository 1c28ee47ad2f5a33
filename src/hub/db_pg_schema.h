/*
 * db_pg_schema — the hub's schema on PostgreSQL: numbered migrations,
 * recorded in the table hub_schema and applied by one serambi-hub at a
 * time (an advisory lock), each in its own transaction.
 */
#ifndef SERAMBI_HUB_DB_PG_SCHEMA_H
#define SERAMBI_HUB_DB_PG_SCHEMA_H

#include <libpq-fe.h>

#include "hub/db_backend.h"

/* Brings the schema of conn up to date. 0, or -EIO / -EPROTO (written by a
 * newer serambi-hub) with db->error set. */
int hub_pg_migrate(PGconn *conn, struct hub_db *db);

/* The schema version recorded, or -EIO with db->error set. */
int hub_pg_schema_version(PGconn *conn, struct hub_db *db);

#endif
