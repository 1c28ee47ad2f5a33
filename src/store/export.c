/*
 * export — every record of a kind, as a JSON array or as CSV for a
 * spreadsheet, oldest first.
 *
 * The one idea: the export is the table, not a hand-picked view of it.
 * Columns come from the row itself (names and types as SQLite reports
 * them), so a column a migration adds appears in exports without anyone
 * remembering to add it here; only BLOB columns (scanned letters) are left
 * out. One SELECT is one snapshot, so a kiosk that keeps taking visitors
 * during an export still writes a consistent file. Rows of the same
 * millisecond come in id order, which is the order they were made (ids
 * count up within a millisecond, see store_make_id()).
 */
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "store/internal.h"
#include "store/layout.h"

#define MAX_COLUMNS 64

struct columns {
    int n;
    bool skip[MAX_COLUMNS];
    bool time[MAX_COLUMNS]; /* "…_ms": also written readable as "…_at" */
    char at_name[MAX_COLUMNS][64];
    int utc_offset_min;
};

static int scan_columns(sqlite3_stmt *stmt, struct columns *cols)
{
    cols->n = sqlite3_column_count(stmt);
    if (cols->n > MAX_COLUMNS)
        return -EIO;
    for (int i = 0; i < cols->n; i++) {
        const char *type = sqlite3_column_decltype(stmt, i);
        const char *name = sqlite3_column_name(stmt, i);
        size_t len = strlen(name);
        cols->skip[i] = type && strcmp(type, "BLOB") == 0;
        cols->time[i] =
            len > 3 && len < sizeof(cols->at_name[i]) && strcmp(name + len - 3, "_ms") == 0;
        if (cols->time[i])
            snprintf(cols->at_name[i], sizeof(cols->at_name[i]), "%.*s_at", (int)(len - 3), name);
    }
    return 0;
}

/* Staff read times in office time: "2026-01-02T08:00:00+07:00" (ISO 8601
 * with the offset, so a spreadsheet or a program can still read it). */
static void format_time(int64_t utc_ms, int utc_offset_min, char *buf, size_t cap)
{
    int64_t local_s = utc_ms / 1000 - (utc_ms % 1000 < 0) + (int64_t)utc_offset_min * 60;
    int64_t days = local_s / 86400 - (local_s % 86400 < 0);
    int64_t secs = local_s - days * 86400;
    struct civil_date d = civil_date_from_days(days);
    int off = utc_offset_min < 0 ? -utc_offset_min : utc_offset_min;
    snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d.year, d.month, d.day,
             (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60),
             utc_offset_min < 0 ? '-' : '+', off / 60, off % 60);
}

/* The readable time of column col, or NULL when it holds no time. */
static const char *time_text(sqlite3_stmt *stmt, const struct columns *cols, int col, char *buf,
                             size_t cap)
{
    if (!cols->time[col] || sqlite3_column_type(stmt, col) != SQLITE_INTEGER)
        return NULL;
    format_time(sqlite3_column_int64(stmt, col), cols->utc_offset_min, buf, cap);
    return buf;
}

static json_t *json_value(sqlite3_stmt *stmt, int col)
{
    switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_INTEGER:
        return json_integer(sqlite3_column_int64(stmt, col));
    case SQLITE_FLOAT:
        return json_real(sqlite3_column_double(stmt, col));
    case SQLITE_TEXT:
        return json_stringn((const char *)sqlite3_column_text(stmt, col),
                            (size_t)sqlite3_column_bytes(stmt, col));
    default:
        return json_null();
    }
}

static int write_json_row(sqlite3_stmt *stmt, const struct columns *cols, bool first, FILE *out)
{
    int rc = -EIO;
    json_t *obj = json_object();
    if (!obj)
        return -ENOMEM;
    for (int i = 0; i < cols->n; i++) {
        if (cols->skip[i])
            continue;
        json_t *value = json_value(stmt, i);
        if (!value || json_object_set_new(obj, sqlite3_column_name(stmt, i), value) < 0)
            goto out;
        if (cols->time[i]) {
            char buf[40];
            const char *text = time_text(stmt, cols, i, buf, sizeof(buf));
            value = text ? json_string(text) : json_null();
            if (!value || json_object_set_new(obj, cols->at_name[i], value) < 0)
                goto out;
        }
    }
    if (fputs(first ? "\n  " : ",\n  ", out) == EOF || json_dumpf(obj, out, JSON_COMPACT) < 0)
        goto out;
    rc = 0;
out:
    json_decref(obj);
    return rc;
}

/* RFC 4180: a field with a comma, quote or line break goes in quotes, and
 * a quote inside is doubled. */
static void write_csv_field(const char *s, size_t len, FILE *out)
{
    bool quote = false;
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        fwrite(s, 1, len, out);
        return;
    }
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            fputc('"', out);
        fputc(s[i], out);
    }
    fputc('"', out);
}

static void write_csv_row(sqlite3_stmt *stmt, const struct columns *cols, bool header, FILE *out)
{
    bool first = true;
    for (int i = 0; i < cols->n; i++) {
        if (cols->skip[i])
            continue;
        if (!first)
            fputc(',', out);
        first = false;
        if (header) {
            const char *name = sqlite3_column_name(stmt, i);
            write_csv_field(name, strlen(name), out);
        } else if (sqlite3_column_type(stmt, i) != SQLITE_NULL) {
            /* Numbers come out as SQLite writes them, in decimal. */
            const char *text = (const char *)sqlite3_column_text(stmt, i);
            write_csv_field(text, (size_t)sqlite3_column_bytes(stmt, i), out);
        }
        if (cols->time[i]) {
            char buf[40];
            const char *text =
                header ? cols->at_name[i] : time_text(stmt, cols, i, buf, sizeof(buf));
            fputc(',', out);
            if (text)
                write_csv_field(text, strlen(text), out);
        }
    }
    fputs("\r\n", out);
}

int store_export(struct store *st, enum rec_kind kind, enum store_format format, int utc_offset_min,
                 FILE *out)
{
    const struct store_layout *lo = store_layout_of(kind);
    sqlite3_stmt *stmt = NULL;
    struct columns cols;
    char sql[128];
    size_t rows = 0;
    int rc, src;

    if (!lo || !out || (format != STORE_FORMAT_JSON && format != STORE_FORMAT_CSV))
        return -EINVAL;
    /* The table name is one of layout.c's literals, never input. */
    int n = snprintf(sql, sizeof(sql), "SELECT * FROM %s ORDER BY created_ms, id", lo->table);
    if (n < 0 || (size_t)n >= sizeof(sql))
        return store_fail_errno(st, "export", -ENOSPC);
    src = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
    if (src != SQLITE_OK)
        return store_fail(st, "export", src);
    cols.utc_offset_min = utc_offset_min;
    rc = scan_columns(stmt, &cols);
    if (rc < 0) {
        rc = store_fail_errno(st, "export: too many columns", rc);
        goto out;
    }

    if (format == STORE_FORMAT_JSON)
        fputc('[', out);
    else
        write_csv_row(stmt, &cols, true, out);
    while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (format == STORE_FORMAT_JSON) {
            rc = write_json_row(stmt, &cols, rows == 0, out);
            if (rc < 0) {
                rc = store_fail_errno(st, "export: a row could not be written as JSON", rc);
                goto out;
            }
        } else {
            write_csv_row(stmt, &cols, false, out);
        }
        rows++;
    }
    if (src != SQLITE_DONE) {
        rc = store_fail(st, "export", src);
        goto out;
    }
    if (format == STORE_FORMAT_JSON)
        fputs(rows > 0 ? "\n]\n" : "]\n", out);
    if (fflush(out) == EOF || ferror(out)) {
        rc = store_fail_errno(st, "export: cannot write the output", -EIO);
        goto out;
    }
    rc = 0;
out:
    sqlite3_finalize(stmt);
    return rc;
}
