/*
 * test_store_attachment — a scanned letter kept with its request: bytes,
 * SHA-256 and outbox row in one transaction; nothing at all when the
 * request is unknown or the bytes are not a PDF; bytes read back only
 * while they still match their hash; the purge drops them.
 */
#include <errno.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../store_fixture.h"

FX_STORE_SUITE

static const char letter[] = "%PDF-1.4\n% not a real letter, only its first bytes\n%%EOF\n";
/* sha256sum of the bytes above (without the terminating NUL). */
static const char letter_sha256[] =
    "b2eba317ee27fa8c25638515ea846fbd904a00e4b2a9e0cdf50c5d124d87fbf6";

static void submit_meeting(struct store *st, struct rec_meeting *m)
{
    struct rec_visit visit;
    struct store_ticket_request rq;
    struct rec_ticket ticket;
    store_visit_begin(st, FX_NOW_MS, "id", &visit);
    fx_meeting(m, "Siti");
    fx_ticket_req(&rq, REC_SERVICE_MEETING, FX_DAY);
    struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, m, &rq);
    assert_int_equal(store_submit(st, &sub, 1, FX_NOW_MS, &ticket), 0);
}

static void test_letter_is_kept_with_its_request(void **state)
{
    struct ctx *c = *state;
    struct rec_meeting m;
    struct rec_attachment a;
    submit_meeting(c->st, &m);
    int64_t outbox_before = fx_rows(c->st, "outbox");

    assert_int_equal(store_attachment_add(c->st, REC_MEETING_REQUEST, &m.meta,
                                          (const uint8_t *)letter, sizeof(letter) - 1, 3,
                                          FX_NOW_MS + 5000, &a),
                     0);
    assert_string_equal(a.record_id, m.meta.id);
    assert_string_equal(a.meta.visit_id, m.meta.visit_id);
    assert_string_equal(a.mime, "application/pdf");
    assert_int_equal(a.size_bytes, sizeof(letter) - 1);
    assert_int_equal(a.pages, 3);
    assert_int_equal(strlen(a.sha256), 64);
    assert_string_equal(a.sha256, letter_sha256);
    assert_int_equal(fx_rows(c->st, "attachments"), 1);
    assert_int_equal(fx_rows(c->st, "outbox"), outbox_before + 1);

    /* The outbox describes the letter; the bytes go separately. */
    char *payload =
        fx_text(store_db(c->st), "SELECT payload FROM outbox WHERE kind = 'attachment'");
    assert_non_null(strstr(payload, a.sha256));
    assert_null(strstr(payload, "PDF-"));
    free(payload);

    uint8_t *data = NULL;
    size_t len = 0;
    assert_int_equal(store_attachment_data(c->st, a.meta.id, &data, &len), 0);
    assert_int_equal(len, sizeof(letter) - 1);
    assert_memory_equal(data, letter, len);
    free(data);
}

static void test_refusals_write_nothing(void **state)
{
    struct ctx *c = *state;
    struct rec_meeting m;
    struct rec_attachment a;
    memset(&a, 0x5a, sizeof(a));
    struct rec_attachment untouched = a;
    submit_meeting(c->st, &m);
    int64_t outbox_before = fx_rows(c->st, "outbox");

    /* Not a PDF, no pages, a kind that takes no letter. */
    assert_int_equal(store_attachment_add(c->st, REC_MEETING_REQUEST, &m.meta,
                                          (const uint8_t *)"GIF89a", 6, 1, FX_NOW_MS, &a),
                     -EINVAL);
    assert_int_equal(store_attachment_add(c->st, REC_MEETING_REQUEST, &m.meta,
                                          (const uint8_t *)letter, sizeof(letter) - 1, 0, FX_NOW_MS,
                                          &a),
                     -EINVAL);
    assert_int_equal(store_attachment_add(c->st, REC_SURVEY, &m.meta, (const uint8_t *)letter,
                                          sizeof(letter) - 1, 1, FX_NOW_MS, &a),
                     -EINVAL);
    /* A request that was never stored (a failed submission). */
    struct rec_meta ghost = m.meta;
    memcpy(ghost.id, "01900000-0000-7000-8000-000000000000", REC_ID_SIZE);
    assert_int_equal(store_attachment_add(c->st, REC_MEETING_REQUEST, &ghost,
                                          (const uint8_t *)letter, sizeof(letter) - 1, 1, FX_NOW_MS,
                                          &a),
                     -ENOENT);
    assert_memory_equal(&a, &untouched, sizeof(a));
    assert_int_equal(fx_rows(c->st, "attachments"), 0);
    assert_int_equal(fx_rows(c->st, "outbox"), outbox_before);
}

static void test_damaged_or_purged_bytes_are_not_handed_on(void **state)
{
    struct ctx *c = *state;
    struct rec_meeting m;
    struct rec_attachment a;
    submit_meeting(c->st, &m);
    assert_int_equal(store_attachment_add(c->st, REC_MEETING_REQUEST, &m.meta,
                                          (const uint8_t *)letter, sizeof(letter) - 1, 1, FX_NOW_MS,
                                          &a),
                     0);
    uint8_t *data = NULL;
    size_t len = 0;
    fx_exec(store_db(c->st), "UPDATE attachments SET data = CAST(replace(CAST(data AS TEXT), "
                             "'real', 'fake') AS BLOB)");
    assert_int_equal(store_attachment_data(c->st, a.meta.id, &data, &len), -EIO);
    fx_exec(store_db(c->st), "UPDATE attachments SET data = NULL");
    assert_int_equal(store_attachment_data(c->st, a.meta.id, &data, &len), -ENOENT);
    assert_int_equal(store_attachment_data(c->st, "no-such-id", &data, &len), -ENOENT);
    assert_null(data);
}

/* The letters waiting to upload come page by page, oldest first, each
 * once: a page starts after the last of the previous one, so letters the
 * hub refuses cannot hold the later ones back. */
static void test_waiting_letters_come_page_by_page(void **state)
{
    struct ctx *c = *state;
    struct rec_meeting m;
    struct rec_attachment a[5];
    for (int i = 0; i < 5; i++) {
        submit_meeting(c->st, &m);
        /* two letters share a moment: the id orders them */
        assert_int_equal(store_attachment_add(c->st, REC_MEETING_REQUEST, &m.meta,
                                              (const uint8_t *)letter, sizeof(letter) - 1, 1,
                                              FX_NOW_MS + (i < 2 ? 0 : i), &a[i]),
                         0);
    }
    struct store_upload *list = NULL;
    size_t n = 9;
    /* not before the hub acknowledged their records */
    assert_int_equal(store_attachment_pending(c->st, NULL, 10, &list, &n), 0);
    assert_int_equal(n, 0);
    fx_exec(store_db(c->st), "UPDATE outbox SET acked_ms = 1");
    fx_exec(store_db(c->st), "UPDATE attachments SET uploaded_ms = 1 WHERE id = (SELECT id FROM "
                             "attachments ORDER BY created_ms DESC, id DESC LIMIT 1)");
    struct store_upload cursor = {0};
    char seen[4][REC_ID_SIZE];
    int total = 0;
    for (int page = 0; page < 4; page++) {
        assert_int_equal(store_attachment_pending(c->st, &cursor, 3, &list, &n), 0);
        if (n == 0)
            break;
        for (size_t i = 0; i < n; i++) {
            assert_true(total < 4);
            for (int j = 0; j < total; j++)
                assert_string_not_equal(seen[j], list[i].id);
            snprintf(seen[total++], sizeof(seen[0]), "%s", list[i].id);
        }
        cursor = list[n - 1];
        free(list);
    }
    /* the four not yet uploaded, in two pages (3 + 1), oldest first */
    assert_int_equal(total, 4);
    for (int i = 0; i < 4; i++) {
        int found = 0;
        for (int j = 0; j < 5; j++)
            found += strcmp(seen[i], a[j].meta.id) == 0;
        assert_int_equal(found, 1);
    }
    assert_string_equal(seen[2], a[2].meta.id);
    assert_string_equal(seen[3], a[3].meta.id);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_letter_is_kept_with_its_request, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_or_purged_bytes_are_not_handed_on, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_waiting_letters_come_page_by_page, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
