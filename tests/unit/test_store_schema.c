/*
 * test_store_schema — opening a store: the durable settings really in
 * force on the connection, the kiosk id, files that must be refused (from
 * a newer Serambi, from another program, not SQLite at all), and the
 * migrations: a database left at every older version, holding a little of
 * everything, opens with its data intact and ends with exactly the schema
 * of a fresh database.
 */
#include <errno.h>
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
#include "core/uuid.h"
#include "store/printing.h"
#include "store/schema.h"

struct ctx {
    char dir[256];
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    th_mkdtemp(c->dir, sizeof(c->dir));
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    th_rmtree(c->dir);
    free(c);
    return 0;
}

static void test_settings_are_in_force(void **state)
{
    struct ctx *c = *state;
    char path[512];
    fx_path(path, sizeof(path), c->dir, "kiosk.db");
    struct store *st = fx_open(path);
    sqlite3 *db = store_db(st);

    char *mode = fx_text(db, "PRAGMA journal_mode");
    assert_string_equal(mode, "wal");
    free(mode);
    assert_int_equal(fx_int(db, "PRAGMA synchronous"), 2); /* FULL */
    assert_int_equal(fx_int(db, "PRAGMA foreign_keys"), 1);
    assert_int_equal(fx_int(db, "PRAGMA busy_timeout"), 5000);
    assert_int_equal(fx_int(db, "PRAGMA application_id"), STORE_APPLICATION_ID);
    assert_int_equal(fx_int(db, "PRAGMA user_version"), store_schema_latest());
    assert_int_equal(store_schema_version(st), store_schema_latest());
    assert_true(store_schema_latest() >= 2);
    assert_string_equal(store_last_error(st), "");
    store_close(st);
    store_close(NULL);
}

static void test_kiosk_id_is_made_once(void **state)
{
    struct ctx *c = *state;
    char path[512], first[REC_ID_SIZE];
    int64_t ms;
    fx_path(path, sizeof(path), c->dir, "kiosk.db");

    struct store *st = fx_open(path);
    assert_true(uuid_valid(store_kiosk_id(st)));
    assert_int_equal(uuid7_time_ms(store_kiosk_id(st), &ms), 0);
    memcpy(first, store_kiosk_id(st), sizeof(first));
    store_close(st);

    st = fx_open(path);
    assert_string_equal(store_kiosk_id(st), first);
    store_close(st);

    /* Another file is another kiosk. */
    fx_path(path, sizeof(path), c->dir, "other.db");
    st = fx_open(path);
    assert_string_not_equal(store_kiosk_id(st), first);
    store_close(st);
}

static void test_newer_file_is_refused(void **state)
{
    struct ctx *c = *state;
    char path[512], sql[64], err[512] = "";
    fx_path(path, sizeof(path), c->dir, "kiosk.db");
    store_close(fx_open(path));

    sqlite3 *db = fx_raw_open(path);
    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", store_schema_latest() + 1);
    fx_exec(db, sql);
    sqlite3_close(db);

    struct store *st = (struct store *)(uintptr_t)0x1;
    assert_int_equal(store_open(path, &st, err, sizeof(err)), -EPROTO);
    assert_ptr_equal(st, (struct store *)(uintptr_t)0x1);
    assert_non_null(strstr(err, "newer Serambi"));
    assert_non_null(strstr(err, "kiosk.db"));

    /* Refused means untouched: the version is still the newer one. */
    db = fx_raw_open(path);
    assert_int_equal(fx_int(db, "PRAGMA user_version"), store_schema_latest() + 1);
    sqlite3_close(db);

    /* The migration step refuses as well, for callers that go straight to it. */
    db = fx_raw_open(path);
    assert_int_equal(store_schema_migrate(db, store_schema_latest(), err, sizeof(err)), -EPROTO);
    sqlite3_close(db);
}

static void test_foreign_files_are_refused(void **state)
{
    struct ctx *c = *state;
    char path[512], err[512] = "";
    struct store *st = NULL;

    fx_path(path, sizeof(path), c->dir, "other-program.db");
    sqlite3 *db = fx_raw_open(path);
    fx_exec(db, "CREATE TABLE contacts (name TEXT)");
    sqlite3_close(db);
    assert_int_equal(store_open(path, &st, err, sizeof(err)), -EIO);
    assert_null(st);
    assert_non_null(strstr(err, "another program"));

    char text_path[512];
    th_write_file(c->dir, "notes.txt", "this is not a database, just some notes\n", text_path,
                  sizeof(text_path));
    assert_int_equal(store_open(text_path, &st, err, sizeof(err)), -EIO);
    assert_null(st);
    assert_non_null(strstr(err, "notes.txt"));

    fx_path(path, sizeof(path), c->dir, "no-such-dir/kiosk.db");
    assert_int_equal(store_open(path, &st, err, sizeof(err)), -EIO);
    assert_null(st);
    assert_int_equal(store_open(NULL, &st, NULL, 0), -EINVAL);
}

/* --- migrations ---------------------------------------------------------- */

#define K_KIOSK   "01943a2b-0000-7000-8000-00000000000a"
#define K_VISIT   "01943a2b-0000-7000-8000-000000000001"
#define K_GUEST   "01943a2b-0000-7000-8000-000000000002"
#define K_MEETING "01943a2b-0000-7000-8000-000000000003"
#define K_COMPL   "01943a2b-0000-7000-8000-000000000004"
#define K_SURVEY  "01943a2b-0000-7000-8000-000000000005"
#define K_TICKET  "01943a2b-0000-7000-8000-000000000006"
#define K_ATTACH  "01943a2b-0000-7000-8000-000000000007"
#define META(id)  "'" id "', '" K_VISIT "', '" K_KIOSK "', 1000, 1000, 1"

#define META_COLS "id, visit_id, kiosk_id, created_ms, updated_ms, version, "

/* What a kiosk at schema version 1 holds: one of each record. Every later
 * version has these columns too, so the same rows seed every version
 * (tables that later migrations widened are given their version 1
 * columns by name). */
static const char seed_v1[] =
    "INSERT INTO meta VALUES ('kiosk_id', '" K_KIOSK "');"
    "INSERT INTO visits VALUES ('" K_VISIT "', '" K_VISIT "', '" K_KIOSK "', 1000, 1000, 1, 'id');"
    "INSERT INTO guest_entries VALUES (" META(
        K_GUEST) ", 'Budi Santoso', 'Koperasi Maju', "
                 "'+6281234567890', 'Konsultasi', 'Bidang UKM', 2, NULL);"
                 "INSERT INTO tracking_codes VALUES ('K7M-4QX9', 'meeting', '" K_MEETING "');"
                 "INSERT INTO tracking_codes VALUES ('P3R-8WZ5', 'complaint', '" K_COMPL "');"
                 "INSERT INTO meeting_requests (" META_COLS
                 "applicant, organization, phone, email, subject, "
                 "preferred_dates, tracking_code, status, reply_due_ms, purged_ms) VALUES (" META(
                     K_MEETING) ", 'Siti Aminah', 'CV Sinar', "
                                "'+6285245678901', 'siti@example.id', 'Audiensi', 'Senin pagi', "
                                "'K7M-4QX9', 'received', "
                                "260000000, NULL);"
                                "INSERT INTO complaints (" META_COLS
                                "privacy, name, phone, email, body, tracking_code, "
                                "class, status, due_ms, purged_ms) VALUES (" META(
                                    K_COMPL) ", 'anonymous', '', '', '', "
                                             "'Antrean terlalu lama', 'P3R-8WZ5', 'light', "
                                             "'received', 10800000, NULL);"
                                             "INSERT INTO survey_responses VALUES (" META(
                                                 K_SURVEY) ", 4, 4, 3, 4, 4, 3, 4, 4, 4, "
                                                           "'Bagus', NULL);"
                                                           "INSERT INTO tickets (" META_COLS
                                                           "record_id, record_kind, service, "
                                                           "office_day, seq, number, "
                                                           "tracking_code, due_ms, rule_kind) "
                                                           "VALUES (" META(
                                                               K_TICKET) ", '" K_MEETING
                                                                         "', 'meeting', 'meeting', "
                                                                         "'2026-01-02', 1, "
                                                                         "'R-001', 'K7M-4QX9', "
                                                                         "260000000, "
                                                                         "'reply_letter');"
                                                                         "INSERT INTO "
                                                                         "ticket_counters VALUES "
                                                                         "('meeting', "
                                                                         "'2026-01-02', 1);"
                                                                         "INSERT INTO attachments "
                                                                         "(" META_COLS
                                                                         "record_id, sha256, mime, "
                                                                         "size_bytes, pages, data) "
                                                                         "VALUES (" META(
                                                                             K_ATTACH) ", "
                                                                                       "'" K_MEETING
                                                                                       "', "
                                                                                       "'e3b0c44298"
                                                                                       "fc1c149afbf"
                                                                                       "4c8996fb924"
                                                                                       "27ae41e4649"
                                                                                       "b934ca49599"
                                                                                       "1b7852b855'"
                                                                                       ", "
                                                                                       "'applicatio"
                                                                                       "n/pdf', 0, "
                                                                                       "1, "
                                                                                       "NULL);"
                                                                                       "INSERT "
                                                                                       "INTO "
                                                                                       "outbox "
                                                                                       "(kind, "
                                                                                       "record_id, "
                                                                                       "version, "
                                                                                       "payload, "
                                                                                       "created_ms)"
                                                                                       " VALUES "
                                                                                       "('visit', "
                                                                                       "'" K_VISIT
                                                                                       "', 1, "
                                                                                       "'{}', "
                                                                                       "1000), "
                                                                                       "('guest', "
                                                                                       "'" K_GUEST
                                                                                       "', 1, "
                                                                                       "'{}', "
                                                                                       "1000), "
                                                                                       "('meeting',"
                                                                                       " "
                                                                                       "'" K_MEETING
                                                                                       "', 1, "
                                                                                       "'{}', "
                                                                                       "1000), "
                                                                                       "('ticket', "
                                                                                       "'" K_TICKET
                                                                                       "', 1, "
                                                                                       "'{}', "
                                                                                       "1000);"
                                                                                       "UPDATE "
                                                                                       "outbox SET "
                                                                                       "acked_ms = "
                                                                                       "2000, "
                                                                                       "payload = "
                                                                                       "NULL WHERE "
                                                                                       "kind = "
                                                                                       "'visit';";

/* Version 2 added what staff answer. */
static const char seed_v2[] = "UPDATE meeting_requests SET schedule = 'Senin 10:00, Ruang Rapat', "
                              "answer = 'Diterima' WHERE id = '" K_MEETING "';";

/* type, name and SQL of every schema object, in a fixed order. */
static char *schema_dump(const char *path)
{
    sqlite3 *db = fx_raw_open(path);
    sqlite3_stmt *stmt = NULL;
    struct fx_mem *m = fx_mem_open();
    FILE *f = m->f;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT type, name, tbl_name, coalesce(sql, '') "
                                        "FROM sqlite_master ORDER BY type, name",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW)
        fprintf(f, "%s|%s|%s|%s\n", sqlite3_column_text(stmt, 0), sqlite3_column_text(stmt, 1),
                sqlite3_column_text(stmt, 2), sqlite3_column_text(stmt, 3));
    sqlite3_finalize(stmt);
    fprintf(f, "application_id=%lld user_version=%lld\n",
            (long long)fx_int(db, "PRAGMA application_id"),
            (long long)fx_int(db, "PRAGMA user_version"));
    sqlite3_close(db);
    return fx_mem_close(m);
}

static void check_seeded_data(struct store *st, int from_version)
{
    struct store_status status;
    assert_string_equal(store_kiosk_id(st), K_KIOSK);

    char *guests = fx_export(st, REC_GUEST_ENTRY, STORE_FORMAT_JSON);
    assert_non_null(strstr(guests, "\"name\":\"Budi Santoso\""));
    free(guests);

    assert_int_equal(store_find_by_tracking(st, "K7M-4QX9", &status), 0);
    assert_int_equal(status.kind, REC_MEETING_REQUEST);
    assert_string_equal(status.record_id, K_MEETING);
    assert_string_equal(status.ticket_number, "R-001");
    assert_int_equal(status.due_ms, 260000000);
    assert_string_equal(status.schedule, from_version >= 2 ? "Senin 10:00, Ruang Rapat" : "");
    assert_int_equal(store_find_by_tracking(st, "P3R-8WZ5", &status), 0);
    assert_int_equal(status.kind, REC_COMPLAINT);
    assert_string_equal(status.ticket_number, "");

    int64_t rows = 0, oldest = 0;
    assert_int_equal(store_outbox_backlog(st, &rows, &oldest), 0);
    assert_int_equal(rows, 3);
    assert_int_equal(oldest, 1000);
    assert_int_equal(fx_rows(st, "survey_responses"), 1);
    assert_int_equal(fx_rows(st, "attachments"), 1);

    /* Tickets issued before the kiosk printed count as handed out. */
    int64_t waiting = -1;
    assert_int_equal(store_print_backlog(st, &waiting), 0);
    assert_int_equal(waiting, 0);

    /* The counter carried over: the next meeting ticket of that day is 2. */
    struct rec_visit visit;
    struct rec_meeting m;
    struct store_ticket_request req;
    struct rec_ticket ticket;
    store_visit_begin(st, FX_NOW_MS, "en", &visit);
    fx_meeting(&m, "Rina");
    fx_ticket_req(&req, REC_SERVICE_MEETING, "2026-01-02");
    struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, &m, &req);
    assert_int_equal(store_submit(st, &sub, 1, FX_NOW_MS, &ticket), 0);
    assert_int_equal(ticket.seq, 2);
    assert_string_equal(ticket.number, "R-002");
    assert_int_equal(store_print_backlog(st, &waiting), 0);
    assert_int_equal(waiting, 1); /* a new ticket waits for paper */
}

static void test_migrates_from_every_older_version(void **state)
{
    struct ctx *c = *state;
    char fresh[512], err[512];
    fx_path(fresh, sizeof(fresh), c->dir, "fresh.db");
    store_close(fx_open(fresh));
    char *want = schema_dump(fresh);

    for (int v = 0; v < store_schema_latest(); v++) {
        char path[512], name[32];
        snprintf(name, sizeof(name), "at-version-%d.db", v);
        fx_path(path, sizeof(path), c->dir, name);

        sqlite3 *db = fx_raw_open(path);
        assert_int_equal(store_schema_migrate(db, v, err, sizeof(err)), 0);
        assert_int_equal(fx_int(db, "PRAGMA user_version"), v);
        if (v >= 1)
            fx_exec(db, seed_v1);
        if (v >= 2)
            fx_exec(db, seed_v2);
        sqlite3_close(db);

        struct store *st = fx_open(path);
        assert_int_equal(store_schema_version(st), store_schema_latest());
        if (v >= 1)
            check_seeded_data(st, v);
        else
            assert_true(uuid_valid(store_kiosk_id(st)));
        assert_int_equal(fx_int(store_db(st), "SELECT count(*) FROM pragma_foreign_key_check"), 0);
        char *ok = fx_text(store_db(st), "PRAGMA integrity_check");
        assert_string_equal(ok, "ok");
        free(ok);
        store_close(st);

        char *got = schema_dump(path);
        assert_string_equal(got, want);
        free(got);
    }
    free(want);
}

static void test_empty_file_is_a_new_store(void **state)
{
    struct ctx *c = *state;
    char path[512];
    th_write_file(c->dir, "empty.db", "", path, sizeof(path));
    struct store *st = fx_open(path);
    assert_int_equal(store_schema_version(st), store_schema_latest());
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_settings_are_in_force, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_id_is_made_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_file_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_files_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_from_every_older_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_file_is_a_new_store, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
