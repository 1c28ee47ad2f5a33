/*
 * layout — how each record struct of core/records maps to its table.
 *
 * The one idea: one list of fields per kind (column name, type, place in
 * the struct) drives the INSERT, the binding of values, the reading of
 * rows and the JSON payload, so the column names in the database, the keys
 * the hub receives and the keys of an export cannot drift apart.
 */
#ifndef SERAMBI_STORE_LAYOUT_H
#define SERAMBI_STORE_LAYOUT_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/records.h"

enum store_field_type {
    STORE_F_TEXT,    /* char[size], NUL-terminated UTF-8 */
    STORE_F_INT,     /* int */
    STORE_F_I64,     /* int64_t */
    STORE_F_U8,      /* uint8_t */
    STORE_F_KIND,    /* enum rec_kind, stored by name */
    STORE_F_STATUS,  /* enum rec_status */
    STORE_F_PRIVACY, /* enum rec_privacy */
    STORE_F_CLASS,   /* enum rec_complaint_class */
    STORE_F_SERVICE, /* enum rec_service */
};

struct store_field {
    const char *name; /* column and JSON key */
    enum store_field_type type;
    size_t offset; /* in the record struct */
    size_t size;   /* buffer size of a STORE_F_TEXT */
};

struct store_layout {
    enum rec_kind kind;
    const char *table;
    const struct store_field *fields; /* the meta fields first */
    size_t n_fields;
};

/* The layout of a kind, or NULL for an out-of-range kind. Static. */
const struct store_layout *store_layout_of(enum rec_kind kind);

/* The stored name of the enumeration field f of rec (f->type is one of
 * the enumeration types), or NULL when its value has no name. Static. */
const char *store_field_enum_name(const struct store_field *f, const void *rec);

/* The record's meta header: every record struct starts with one. */
struct rec_meta *store_layout_meta(void *rec);

/* Writes "INSERT INTO table (columns) VALUES (?1, …)" and then suffix
 * (may be ""). 0 or -ENOSPC. */
int store_layout_insert_sql(const struct store_layout *lo, const char *suffix, char *buf,
                            size_t cap);
/* Writes the column list "a, b, c" of the layout. 0 or -ENOSPC. */
int store_layout_columns(const struct store_layout *lo, char *buf, size_t cap);

/*
 * Binds the fields of rec to parameters first..first+n_fields-1. Text is
 * bound without copying: rec must stay unchanged until the statement is
 * reset. 0, or -EINVAL for an unterminated text or an enumeration value
 * without a name.
 */
int store_layout_bind(const struct store_layout *lo, sqlite3_stmt *stmt, int first,
                      const void *rec);

/* Reads columns first..first+n_fields-1 of the current row into rec.
 * 0, or -EIO for a value that does not fit (a damaged file). */
int store_layout_read(const struct store_layout *lo, sqlite3_stmt *stmt, int first, void *rec);

#endif
