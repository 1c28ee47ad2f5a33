/*
 * record_json — a record as the JSON object the hub receives in an outbox
 * row: one key per column of its table (see layout.h), enumerations by
 * their stable names, times as integer milliseconds.
 *
 * The one idea: a writer keeps one JSON object per kind and only changes
 * its values from record to record, and writes into one buffer it keeps.
 * Building and freeing a fresh object for each of the three payloads of a
 * visitor was a third of the time of a large batch.
 */
#ifndef SERAMBI_STORE_RECORD_JSON_H
#define SERAMBI_STORE_RECORD_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "store/layout.h"

/* Zero-initialise; one per connection (it is not shared between threads). */
struct store_json {
    json_t *objects[REC_KIND_COUNT]; /* built on first use */
    char *buf;
    size_t cap;
};

/* Frees what the writer holds; the struct may be used again afterwards. */
void store_json_fini(struct store_json *w);

/*
 * Writes rec (a struct of lo's kind) as compact JSON. Returns 0 with the
 * text in w->buf[0..*len) (not NUL-terminated; borrowed until the next
 * call), -EINVAL when a text is not valid UTF-8 or an enumeration has no
 * name, or -ENOMEM.
 */
int store_record_json(struct store_json *w, const struct store_layout *lo, const void *rec,
                      size_t *len);

#endif
