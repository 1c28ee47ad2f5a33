/*
 * ini — the `key = value` files of Serambi (kiosk config, service rules):
 * one pair per line, optional `[section]` headers, whole-line comments
 * starting with `#` or `;`; a leading UTF-8 byte order mark and CR LF line
 * ends are accepted. The parser reads a buffer and calls back once
 * per pair with its line number, so every error can name file, line and key.
 */
#ifndef SERAMBI_CORE_INI_H
#define SERAMBI_CORE_INI_H

#include <stddef.h>

#define INI_LINE_MAX 1024

struct ini_error {
    int line;     /* 1-based; 0 when the error is not tied to a line */
    char key[64]; /* the key concerned, or "" */
    char message[192];
};

/*
 * Called for each pair. section is "" before any header. Strings are
 * borrowed for the call only. Return 0 to go on, or a negative errno after
 * filling err->message (line and key are filled in by the parser).
 */
typedef int (*ini_handler)(void *ctx, const char *section, const char *key, const char *value,
                           int line, struct ini_error *err);

/* Parses text[0..len). Returns 0, the handler's error, or -EINVAL for a
 * malformed line; on error *err says where and why. */
int ini_parse(const char *text, size_t len, ini_handler handler, void *ctx, struct ini_error *err);

/* Fills err (line, key, printf-style message) and returns -EINVAL, for
 * handlers: `return ini_fail(err, line, key, "must be a number");` */
int ini_fail(struct ini_error *err, int line, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
