/*
 * test_store_printing — which tickets still need paper: committed
 * unprinted with their visit's language, oldest first; a submitted
 * ticket keeps waiting until its job is seen completed; a lost job makes
 * it wait to be submitted again; a reprint makes a printed ticket wait
 * again with its attempts counted afresh; unknown ids change nothing.
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
#include "store/printing.h"

FX_STORE_SUITE

/* A guest in Indonesian at t, then a meeting in English at t + 1 s. */
static void two_tickets(struct store *st, int64_t t, struct rec_ticket out[2])
{
    struct rec_guest g;
    struct rec_meeting m;
    struct rec_visit visit;
    struct store_ticket_request rq;
    fx_guest(&g, "Budi");
    assert_int_equal(fx_submit_guest(st, t, FX_DAY, &g, &out[0]), 0);
    store_visit_begin(st, t + 1000, "en", &visit);
    fx_meeting(&m, "Siti");
    fx_ticket_req(&rq, REC_SERVICE_MEETING, FX_DAY);
    struct store_submission sub = fx_sub(&visit, REC_MEETING_REQUEST, &m, &rq);
    assert_int_equal(store_submit(st, &sub, 1, t + 1000, &out[1]), 0);
}

static void test_the_life_of_a_ticket(void **state)
{
    struct ctx *c = *state;
    struct rec_ticket t[2];
    struct store_print_item items[4];
    size_t n = 99;
    int64_t waiting = -1;
    two_tickets(c->st, FX_NOW_MS, t);

    assert_int_equal(store_print_pending(c->st, items, 4, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].ticket.meta.id, t[0].meta.id);
    assert_string_equal(items[0].ticket.number, t[0].number);
    assert_string_equal(items[0].lang, "id");
    assert_int_equal(items[0].job_id, 0);
    assert_string_equal(items[1].lang, "en");
    assert_string_equal(items[1].ticket.tracking_code, t[1].tracking_code);
    assert_int_equal(items[1].ticket.due_ms, t[1].due_ms);
    assert_int_equal(store_print_pending(c->st, items, 1, &n), 0);
    assert_int_equal(n, 1);

    /* submitted: still waiting, with its job */
    assert_int_equal(store_print_submitted(c->st, t[0].meta.id, 17), 0);
    assert_int_equal(store_print_pending(c->st, items, 4, &n), 0);
    assert_int_equal(items[0].job_id, 17);
    assert_int_equal(items[0].attempts, 1);
    assert_int_equal(store_print_backlog(c->st, &waiting), 0);
    assert_int_equal(waiting, 2);

    /* the job was lost: waiting to be submitted again */
    assert_int_equal(store_print_lost(c->st, t[0].meta.id), 0);
    assert_int_equal(store_print_pending(c->st, items, 4, &n), 0);
    assert_int_equal(items[0].job_id, 0);
    assert_int_equal(items[0].attempts, 1);

    /* printed: no longer waiting, and nothing more can happen to it */
    assert_int_equal(store_print_submitted(c->st, t[0].meta.id, 18), 0);
    assert_int_equal(store_print_done(c->st, t[0].meta.id, FX_NOW_MS + 5000), 0);
    assert_int_equal(store_print_done(c->st, t[0].meta.id, FX_NOW_MS + 6000), -ENOENT);
    assert_int_equal(store_print_submitted(c->st, t[0].meta.id, 19), -ENOENT);
    assert_int_equal(store_print_pending(c->st, items, 4, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].ticket.meta.id, t[1].meta.id);

    /* reprint: waiting again, attempts afresh */
    assert_int_equal(store_print_again(c->st, t[0].meta.id), 0);
    assert_int_equal(store_print_pending(c->st, items, 4, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].ticket.meta.id, t[0].meta.id);
    assert_int_equal(items[0].attempts, 0);

    assert_int_equal(store_print_submitted(c->st, t[0].meta.id, 0), -EINVAL);
    assert_int_equal(store_print_done(c->st, "01943a2b-0000-7000-8000-00000000dead", 1), -ENOENT);
    assert_int_equal(store_print_again(c->st, "01943a2b-0000-7000-8000-00000000dead"), -ENOENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_the_life_of_a_ticket, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
