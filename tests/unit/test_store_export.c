/*
 * test_store_export — exports staff open in a spreadsheet or a script:
 * JSON that jansson parses back, CSV quoted per RFC 4180 (commas, quotes,
 * line breaks, Indonesian text), every kind, scanned-letter bytes left
 * out, and the promise that a record's outbox payload is its exported row.
 */
#include <errno.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../store_fixture.h"

/* struct ctx, setup() and teardown(): a fresh store in a temporary folder,
 * from store_fixture.h. */
FX_STORE_SUITE

static const char tricky_name[] = "Ni Luh Putu Ayu, S.E.";
static const char tricky_purpose[] = "Rapat \"penting\"\r\nlanjutan, hari Senin";
static const char tricky_org[] = "Koperasi Wanita Sejahtera — Kec. Pontianak Kota (é, ñ, 日本)";

/* One visitor of each kind in one sitting. */
static void one_of_each(struct store *st)
{
    struct rec_visit visit;
    struct rec_guest g;
    struct rec_meeting m;
    struct rec_complaint k;
    struct rec_survey s;
    struct store_ticket_request rq_g, rq_m, rq_k;
    struct rec_ticket tickets[4];

    store_visit_begin(st, FX_NOW_MS, "id", &visit);
    fx_guest(&g, tricky_name);
    FX_SET(g.purpose, tricky_purpose);
    FX_SET(g.organization, tricky_org);
    fx_meeting(&m, "Siti Aminah");
    fx_complaint(&k, REC_PRIVACY_NAMED, "Andi", "Loket tutup lebih awal; saya menunggu 2 jam.");
    fx_survey(&s, 3);
    fx_ticket_req(&rq_g, REC_SERVICE_GUEST, FX_DAY);
    fx_ticket_req(&rq_m, REC_SERVICE_MEETING, FX_DAY);
    fx_ticket_req(&rq_k, REC_SERVICE_COMPLAINT, FX_DAY);
    struct store_submission subs[4] = {
        fx_sub(&visit, REC_GUEST_ENTRY, &g, &rq_g),
        fx_sub(&visit, REC_MEETING_REQUEST, &m, &rq_m),
        fx_sub(&visit, REC_COMPLAINT, &k, &rq_k),
        fx_sub(&visit, REC_SURVEY, &s, NULL),
    };
    assert_int_equal(store_submit(st, subs, 4, FX_NOW_MS, tickets), 0);
}

static json_t *export_json(struct store *st, enum rec_kind kind)
{
    json_error_t jerr;
    char *text = fx_export(st, kind, STORE_FORMAT_JSON);
    json_t *j = json_loads(text, 0, &jerr);
    if (!j)
        fail_msg("export of %s is not JSON: %s (line %d)", rec_kind_name(kind), jerr.text,
                 jerr.line);
    free(text);
    assert_true(json_is_array(j));
    return j;
}

static void test_json_of_every_kind_parses(void **state)
{
    struct ctx *c = *state;
    static const size_t want[REC_KIND_COUNT] = {1, 1, 1, 1, 1, 3, 0};
    one_of_each(c->st);
    for (int kind = 0; kind < REC_KIND_COUNT; kind++) {
        json_t *rows = export_json(c->st, (enum rec_kind)kind);
        assert_int_equal(json_array_size(rows), want[kind]);
        json_decref(rows);
    }

    json_t *rows = export_json(c->st, REC_GUEST_ENTRY);
    json_t *g = json_array_get(rows, 0);
    assert_string_equal(json_string_value(json_object_get(g, "name")), tricky_name);
    assert_string_equal(json_string_value(json_object_get(g, "purpose")), tricky_purpose);
    assert_string_equal(json_string_value(json_object_get(g, "organization")), tricky_org);
    assert_int_equal(json_integer_value(json_object_get(g, "party_size")), 2);
    assert_true(json_is_null(json_object_get(g, "purged_ms")));
    json_decref(rows);

    rows = export_json(c->st, REC_SURVEY);
    json_t *s = json_array_get(rows, 0);
    for (int i = 1; i <= REC_SKM_ELEMENTS; i++) {
        char key[24];
        snprintf(key, sizeof(key), "score%d", i);
        assert_int_equal(json_integer_value(json_object_get(s, key)), 3);
    }
    json_decref(rows);

    rows = export_json(c->st, REC_TICKET);
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "number")),
                        "T-001");
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 2), "number")),
                        "P-001");
    json_decref(rows);
}

static void test_empty_exports(void **state)
{
    struct ctx *c = *state;
    char *text = fx_export(c->st, REC_COMPLAINT, STORE_FORMAT_JSON);
    assert_string_equal(text, "[]\n");
    free(text);
    text = fx_export(c->st, REC_VISIT, STORE_FORMAT_CSV);
    assert_string_equal(
        text, "id,visit_id,kiosk_id,created_ms,created_at,updated_ms,updated_at,version,lang\r\n");
    free(text);
}

/* A small RFC 4180 reader: the fields of the record at *p, which it
 * advances past the record's CRLF. Returns the number of fields. */
static int csv_record(const char **p, char fields[][512], int max)
{
    int n = 0;
    const char *s = *p;
    for (;;) {
        char *out = fields[n];
        size_t len = 0;
        if (*s == '"') {
            s++;
            for (;;) {
                assert_true(*s != '\0');
                if (*s == '"' && s[1] == '"') {
                    out[len++] = '"';
                    s += 2;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    out[len++] = *s++;
                }
                assert_true(len < 511);
            }
        } else {
            while (*s != ',' && *s != '\r' && *s != '\0') {
                /* A bare quote or line break inside an unquoted field is wrong. */
                assert_true(*s != '"' && *s != '\n');
                out[len++] = *s++;
                assert_true(len < 511);
            }
        }
        out[len] = '\0';
        n++;
        if (*s == ',') {
            s++;
            assert_true(n < max);
            continue;
        }
        assert_true(s[0] == '\r' && s[1] == '\n');
        *p = s + 2;
        return n;
    }
}

static int column(char header[][512], int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(header[i], name) == 0)
            return i;
    fail_msg("no column %s", name);
    return -1;
}

static void test_csv_quoting(void **state)
{
    struct ctx *c = *state;
    static char header[32][512], row[32][512];
    one_of_each(c->st);
    char *text = fx_export(c->st, REC_GUEST_ENTRY, STORE_FORMAT_CSV);

    /* What a spreadsheet gets, byte for byte, for the tricky fields. */
    assert_non_null(strstr(text, ",\"Ni Luh Putu Ayu, S.E.\","));
    assert_non_null(strstr(text, ",\"Rapat \"\"penting\"\"\r\nlanjutan, hari Senin\","));
    assert_non_null(
        strstr(text, ",\"Koperasi Wanita Sejahtera — Kec. Pontianak Kota (é, ñ, 日本)\","));

    const char *p = text;
    int nh = csv_record(&p, header, 32);
    int nr = csv_record(&p, row, 32);
    assert_int_equal(nh, nr);
    assert_int_equal(*p, '\0');
    assert_string_equal(row[column(header, nh, "name")], tricky_name);
    assert_string_equal(row[column(header, nh, "purpose")], tricky_purpose);
    assert_string_equal(row[column(header, nh, "organization")], tricky_org);
    assert_string_equal(row[column(header, nh, "party_size")], "2");
    assert_string_equal(row[column(header, nh, "purged_ms")], "");
    free(text);

    text = fx_export(c->st, REC_COMPLAINT, STORE_FORMAT_CSV);
    p = text;
    nh = csv_record(&p, header, 32);
    nr = csv_record(&p, row, 32);
    assert_string_equal(row[column(header, nh, "body")],
                        "Loket tutup lebih awal; saya menunggu 2 jam.");
    assert_string_equal(row[column(header, nh, "class")], "normative");
    free(text);
}

static void test_letter_bytes_stay_out(void **state)
{
    struct ctx *c = *state;
    one_of_each(c->st);
    fx_exec(store_db(c->st),
            "INSERT INTO attachments SELECT '01943a2b-0000-7000-8000-0000000000aa', visit_id, "
            "kiosk_id, created_ms, updated_ms, 1, id, "
            "'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', "
            "'application/pdf', 4, 1, X'25504446', NULL FROM meeting_requests");
    json_t *rows = export_json(c->st, REC_ATTACHMENT);
    assert_int_equal(json_array_size(rows), 1);
    json_t *a = json_array_get(rows, 0);
    assert_null(json_object_get(a, "data"));
    assert_int_equal(json_integer_value(json_object_get(a, "size_bytes")), 4);
    json_decref(rows);
    char *text = fx_export(c->st, REC_ATTACHMENT, STORE_FORMAT_CSV);
    assert_null(strstr(text, "data"));
    assert_null(strstr(text, "%PDF"));
    free(text);
}

/* Every key of every payload, with its value, is in the exported row. */
static void test_payload_is_the_exported_row(void **state)
{
    struct ctx *c = *state;
    struct store_outbox_batch b;
    json_t *exports[REC_KIND_COUNT];
    one_of_each(c->st);
    for (int kind = 0; kind < REC_KIND_COUNT; kind++)
        exports[kind] = export_json(c->st, (enum rec_kind)kind);

    assert_int_equal(store_outbox_next(c->st, 100, &b), 0);
    assert_int_equal(b.n, 8); /* the visit, 4 records, 3 tickets */
    for (size_t i = 0; i < b.n; i++) {
        json_error_t jerr;
        json_t *payload = json_loads(b.rows[i].payload_json, 0, &jerr);
        assert_non_null(payload);
        json_t *row = NULL, *item;
        size_t idx;
        json_array_foreach(exports[b.rows[i].kind], idx, item)
        {
            if (strcmp(json_string_value(json_object_get(item, "id")), b.rows[i].record_id) == 0)
                row = item;
        }
        assert_non_null(row);
        const char *key;
        json_t *value;
        json_object_foreach(payload, key, value)
        {
            if (!json_equal(value, json_object_get(row, key)))
                fail_msg("%s.%s differs between payload and export", rec_kind_name(b.rows[i].kind),
                         key);
        }
        json_decref(payload);
    }
    store_outbox_batch_fini(&b);
    for (int kind = 0; kind < REC_KIND_COUNT; kind++)
        json_decref(exports[kind]);
}

/* Every X_ms column is followed by X_at in office time, so staff need not
 * convert milliseconds; NULL times stay empty. */
static void test_times_are_readable_in_office_time(void **state)
{
    struct ctx *c = *state;
    one_of_each(c->st);
    json_t *rows = export_json(c->st, REC_GUEST_ENTRY);
    json_t *g = json_array_get(rows, 0);
    assert_int_equal(json_integer_value(json_object_get(g, "created_ms")), FX_NOW_MS);
    assert_string_equal(json_string_value(json_object_get(g, "created_at")),
                        "2026-01-02T08:00:00+07:00");
    assert_true(json_is_null(json_object_get(g, "purged_at")));
    json_decref(rows);

    char *csv = fx_export(c->st, REC_GUEST_ENTRY, STORE_FORMAT_CSV);
    assert_non_null(strstr(csv, "created_ms,created_at,"));
    assert_non_null(strstr(csv, ",2026-01-02T08:00:00+07:00,"));
    free(csv);

    /* West of UTC and before the epoch's midnight: 08:00 WIB is 21:30 the
     * day before at UTC-03:30. */
    struct fx_mem *m = fx_mem_open();
    assert_int_equal(store_export(c->st, REC_GUEST_ENTRY, STORE_FORMAT_JSON, -210, m->f), 0);
    char *text = fx_mem_close(m);
    assert_non_null(strstr(text, "\"created_at\":\"2026-01-01T21:30:00-03:30\""));
    free(text);
}

static void test_bad_arguments_and_write_errors(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(store_export(c->st, REC_KIND_COUNT, STORE_FORMAT_JSON, 420, stdout), -EINVAL);
    assert_int_equal(store_export(c->st, REC_GUEST_ENTRY, (enum store_format)7, 420, stdout),
                     -EINVAL);
    assert_int_equal(store_export(c->st, REC_GUEST_ENTRY, STORE_FORMAT_CSV, 420, NULL), -EINVAL);

    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    one_of_each(c->st);
    assert_int_equal(store_export(c->st, REC_GUEST_ENTRY, STORE_FORMAT_JSON, 420, full), -EIO);
    assert_non_null(strstr(store_last_error(c->st), "cannot write"));
    fclose(full);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_json_of_every_kind_parses),
        T(test_empty_exports),
        T(test_csv_quoting),
        T(test_letter_bytes_stay_out),
        T(test_payload_is_the_exported_row),
        T(test_times_are_readable_in_office_time),
        T(test_bad_arguments_and_write_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
