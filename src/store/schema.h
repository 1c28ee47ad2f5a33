/*
 * schema — the store's tables, as a numbered list of migrations.
 *
 * The one idea: the schema is never written down whole. Migration k turns
 * a version k-1 database into version k, and a new file is made by running
 * all of them from 0, so a kiosk that skipped releases and a kiosk
 * installed today end with byte-for-byte the same schema. Shipped
 * migrations are history: they are never edited, only appended to.
 */
#ifndef SERAMBI_STORE_SCHEMA_H
#define SERAMBI_STORE_SCHEMA_H

#include <sqlite3.h>
#include <stddef.h>

/* "SRMB": marks the file as Serambi's in PRAGMA application_id. */
#define STORE_APPLICATION_ID 0x53524D42

/* The number of migrations this program knows. */
int store_schema_count(void);

/*
 * Brings db from its PRAGMA user_version up to target (<= the count),
 * each migration in its own BEGIN IMMEDIATE transaction that re-reads the
 * version, so two processes opening a new file at once migrate it once.
 * Returns 0, -EPROTO when the file is newer than target, or -EIO; on
 * failure errbuf (may be NULL) says which migration failed and why.
 */
int store_schema_migrate(sqlite3 *db, int target, char *errbuf, size_t errcap);

/* PRAGMA user_version of db. 0 or -EIO. */
int store_schema_read_version(sqlite3 *db, int *version);

#endif
