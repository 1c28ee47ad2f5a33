/*
 * record_json — builds the outbox payload from the same field list that
 * writes the row (layout.c), so the hub receives exactly the columns the
 * kiosk stored. jansson checks that every text is valid UTF-8 on the way.
 */
#include "store/record_json.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void store_json_fini(struct store_json *w)
{
    for (int i = 0; i < REC_KIND_COUNT; i++) {
        json_decref(w->objects[i]);
        w->objects[i] = NULL;
    }
    free(w->buf);
    w->buf = NULL;
    w->cap = 0;
}

/* An object with every key of the layout, in its order; values to come. */
static json_t *new_object(const struct store_layout *lo)
{
    json_t *obj = json_object();
    for (size_t i = 0; obj && i < lo->n_fields; i++) {
        const struct store_field *f = &lo->fields[i];
        bool is_int = f->type == STORE_F_INT || f->type == STORE_F_I64 || f->type == STORE_F_U8;
        if (json_object_set_new_nocheck(obj, f->name, is_int ? json_integer(0) : json_string("")) <
            0) {
            json_decref(obj);
            obj = NULL;
        }
    }
    return obj;
}

/* Puts the field's value into the object's value of the same key. */
static int set_value(json_t *value, const struct store_field *f, const void *rec)
{
    const void *p = (const char *)rec + f->offset;
    switch (f->type) {
    case STORE_F_TEXT: {
        size_t len = strnlen(p, f->size);
        if (len == f->size)
            return -EINVAL;
        /* Checks UTF-8: refused text never reaches the hub. */
        return json_string_setn(value, p, len) == 0 ? 0 : -EINVAL;
    }
    case STORE_F_INT:
        return json_integer_set(value, *(const int *)p);
    case STORE_F_I64:
        return json_integer_set(value, *(const int64_t *)p);
    case STORE_F_U8:
        return json_integer_set(value, *(const uint8_t *)p);
    default: {
        const char *name = store_field_enum_name(f, rec);
        return name && json_string_set_nocheck(value, name) == 0 ? 0 : -EINVAL;
    }
    }
}

int store_record_json(struct store_json *w, const struct store_layout *lo, const void *rec,
                      size_t *len)
{
    json_t *obj = w->objects[lo->kind];
    if (!obj) {
        obj = new_object(lo);
        if (!obj)
            return -ENOMEM;
        w->objects[lo->kind] = obj;
    }
    /* jansson keeps keys in insertion order: the layout's order. */
    void *it = json_object_iter(obj);
    for (size_t i = 0; i < lo->n_fields; i++, it = json_object_iter_next(obj, it)) {
        json_t *value = it ? json_object_iter_value(it) : NULL;
        int rc = value ? set_value(value, &lo->fields[i], rec) : -ENOMEM;
        if (rc < 0)
            return rc;
    }
    size_t need = json_dumpb(obj, w->buf, w->cap, JSON_COMPACT);
    if (need == 0)
        return -ENOMEM;
    if (need > w->cap) {
        size_t bigger = need < 4096 ? 4096 : need * 2;
        char *grown = realloc(w->buf, bigger);
        if (!grown)
            return -ENOMEM;
        w->buf = grown;
        w->cap = bigger;
        if (json_dumpb(obj, w->buf, w->cap, JSON_COMPACT) != need)
            return -ENOMEM;
    }
    *len = need;
    return 0;
}
