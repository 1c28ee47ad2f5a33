/*
 * test_print_tickets — the kiosk's ticket printer end to end against a
 * real CUPS scheduler (the private cupsd of print_cupsd.h, queues made
 * from our 58 and 80 mm PPDs, the capture backend): records committed
 * through intake into a real store, tickets rendered and submitted by the
 * ticket service's worker, the ESC/POS that reached the "printer" decoded
 * and compared bit for bit with the raster the service rendered. A
 * stopped queue keeps the ticket waiting (in the store, and across a
 * restart) and the visitor is told to see the officer; it prints once the
 * queue is enabled. `serambi doctor` reads the same queue, and a replayed
 * UI journey shows the printing line. An IPP Everywhere office printer
 * (ippeveprinter) takes the ticket as PWG raster, and is switched off and
 * runs out of paper: the ticket waits and prints once it is back; a job
 * out too long counts as trouble. A queue left without a driver (the
 * printer was off when CUPS asked it) gets nothing until its printer
 * says what it takes, and a job CUPS ends with errors is not a printed
 * ticket. Nothing is faked: only the USB printer, which cannot exist
 * here, is the capture backend.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../helpers.h"
#include "../print_cupsd.h"
#include "../print_fixture.h"
#include "kiosk/devices.h"
#include "kiosk/errlog.h"
#include "kiosk/intake.h"
#include "kiosk/office.h"
#include "kiosk/tickets.h"
#include "print/job.h"
#include "store/printing.h"
#include "ui/ui.h"

struct env {
    struct pcd cupsd;
    char data[512];
    struct kiosk_config cfg;
    struct office office;
    struct store *st;
    /* what the service rendered last */
    pthread_mutex_t lock;
    struct pf_bitmap rendered;
    char rendered_id[REC_ID_SIZE];
    bool long_text; /* tickets with the longest words and office name */
    int jobs;       /* jobs the service submitted */
    int last_job;   /* the last one's id */
    /* the IPP Everywhere printer and the message bus it needs */
    pid_t bus, ippeve;
    char bus_addr[600];
};

/* Starts argv (argv[0] a path) in the background with its output to
 * log, and DBUS_SYSTEM_BUS_ADDRESS set to bus (may be NULL). */
static pid_t spawn(char *const argv[], const char *log, const char *bus)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
            _exit(127);
        if (bus)
            setenv("DBUS_SYSTEM_BUS_ADDRESS", bus, 1);
        execv(argv[0], argv);
        _exit(127);
    }
    return pid;
}

static void reap(pid_t *pid)
{
    int status;
    if (*pid <= 0)
        return;
    kill(*pid, SIGTERM);
    waitpid(*pid, &status, 0);
    *pid = 0;
}

static int setup(void **state)
{
    static struct env e;
    char filter[512], ppd58[512], ppd80[512], err[512], db[1024];
    const char *build = getenv("SERAMBI_BUILD");
    const char *source = getenv("SERAMBI_SOURCE");
    if (!build)
        build = "build/release";
    if (!source)
        source = ".";
    snprintf(filter, sizeof(filter), "%s/bin/rastertoescpos", build);
    snprintf(ppd58, sizeof(ppd58), "%s/ppd/serambi58.ppd", build);
    snprintf(ppd80, sizeof(ppd80), "%s/ppd/serambi80.ppd", build);
    *state = &e;
    pthread_mutex_init(&e.lock, NULL);
    pcd_start(&e.cupsd, filter, source);
    pcd_add_queue(&e.cupsd, "ticket58", ppd58, NULL);
    pcd_add_queue(&e.cupsd, "ticket80", ppd80, NULL);

    /* The kiosk runs its letter scanner too; here it finds no SANE
     * backend, so no scanner work mixes into the printing journeys. */
    char sane[600];
    pcd_mkdir(&e.cupsd, "sane.d", 0755);
    pcd_path(sane, sizeof(sane), &e.cupsd, "sane.d");
    setenv("SANE_CONFIG_DIR", sane, 1);
    pcd_path(e.data, sizeof(e.data), &e.cupsd, "data");
    config_defaults(&e.cfg);
    snprintf(e.cfg.data_dir, sizeof(e.cfg.data_dir), "%s", e.data);
    snprintf(e.cfg.assets_dir, sizeof(e.cfg.assets_dir), "%s", th_assets_dir());
    snprintf(e.cfg.public_url, sizeof(e.cfg.public_url), "https://layanan.example.go.id");
    assert_int_equal(mkdir(e.data, 0700), 0);
    if (office_load(&e.cfg, &e.office, err, sizeof(err)) < 0)
        fail_msg("%s", err);
    assert_int_equal(config_db_path(&e.cfg, db, sizeof(db)), 0);
    if (store_open(db, &e.st, err, sizeof(err)) < 0)
        fail_msg("%s", err);
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    reap(&e->ippeve);
    reap(&e->bus);
    store_close(e->st);
    office_fini(&e->office);
    pf_bitmap_fini(&e->rendered);
    pcd_stop(&e->cupsd);
    pthread_mutex_destroy(&e->lock);
    return 0;
}

static void on_rendered(void *ctx, const struct rec_ticket *t, const struct ticket_bitmap *bm)
{
    struct env *e = ctx;
    pthread_mutex_lock(&e->lock);
    pf_bitmap_fini(&e->rendered);
    e->rendered.width = bm->width;
    e->rendered.height = bm->height;
    e->rendered.bits = malloc(bm->stride * bm->height);
    if (e->rendered.bits)
        memcpy(e->rendered.bits, bm->bits, bm->stride * bm->height);
    snprintf(e->rendered_id, sizeof(e->rendered_id), "%s", t->meta.id);
    pthread_mutex_unlock(&e->lock);
}

static void on_submitted(void *ctx, const struct rec_ticket *t, int job_id, size_t bytes)
{
    struct env *e = ctx;
    (void)t;
    (void)bytes;
    pthread_mutex_lock(&e->lock);
    e->jobs++;
    e->last_job = job_id;
    pthread_mutex_unlock(&e->lock);
}

static int jobs_submitted(struct env *e, int *last_job)
{
    pthread_mutex_lock(&e->lock);
    int n = e->jobs;
    if (last_job)
        *last_job = e->last_job;
    pthread_mutex_unlock(&e->lock);
    return n;
}

static void words(struct tickets_options *o)
{
    for (int l = 0; l < 2; l++) {
        struct ticket_words *w = &o->words[l];
        memset(w, 0, sizeof(*w));
        snprintf(w->service[REC_SERVICE_COMPLAINT], sizeof(w->service[0]),
                 l ? "Complaint" : "Pengaduan");
        snprintf(w->number_label, sizeof(w->number_label), l ? "Your number" : "Nomor antrean");
        snprintf(w->code_label, sizeof(w->code_label), l ? "Tracking code" : "Kode pelacakan");
        snprintf(w->due_label[REC_SERVICE_COMPLAINT], sizeof(w->due_label[0]),
                 l ? "Answer due by:" : "Jawaban paling lambat:");
        snprintf(w->next_step[REC_SERVICE_COMPLAINT], sizeof(w->next_step[0]),
                 l ? "Keep this code." : "Simpan kode ini.");
    }
}

/* The service on queue; a job out stall_ms counts as trouble (0: the
 * service's 20 s). */
static struct tickets *start_stall(struct env *e, const char *queue, int stall_ms)
{
    static struct tickets_options o;
    struct tickets *t = NULL;
    char err[512];
    snprintf(e->cfg.printer_queue, sizeof(e->cfg.printer_queue), "%s", queue);
    o = (struct tickets_options){.cfg = &e->cfg,
                                 .server = e->cupsd.server,
                                 .poll_ms = 100,
                                 .stall_ms = stall_ms,
                                 .rendered = on_rendered,
                                 .submitted = on_submitted,
                                 .rendered_ctx = e};
    words(&o);
    for (int l = 0; e->long_text && l < 2; l++) {
        struct ticket_words *w = &o.words[l];
        snprintf(w->number_label, sizeof(w->number_label), "%s",
                 "Nomor antrean Anda untuk layanan pengaduan hari ini");
        snprintf(w->code_label, sizeof(w->code_label), "%s",
                 "Kode pelacakan untuk memantau jawaban pengaduan");
        snprintf(w->due_label[REC_SERVICE_COMPLAINT], sizeof(w->due_label[0]), "%s",
                 "Jawaban atas pengaduan Anda akan diberikan paling lambat pada:");
        snprintf(w->scan_hint, sizeof(w->scan_hint), "%s",
                 "Pindai kode QR ini dengan kamera telepon Anda untuk melihat status permohonan "
                 "Anda kapan saja, tanpa perlu datang ke kantor.");
        snprintf(w->next_step[REC_SERVICE_COMPLAINT], sizeof(w->next_step[0]), "%s",
                 "Simpan tiket ini baik-baik. Petugas akan memeriksa pengaduan Anda dan "
                 "menjawabnya paling lambat pada waktu yang tertulis di atas. Pantau jawabannya "
                 "di menu Cek status atau dengan kode QR, dan tunjukkan tiket ini kepada "
                 "petugas.");
    }
    if (tickets_start(&o, &t, err, sizeof(err)) < 0)
        fail_msg("%s", err);
    return t;
}

static struct tickets *start(struct env *e, const char *queue)
{
    return start_stall(e, queue, 0);
}

/* A complaint committed the way the UI commits it. */
static struct rec_ticket commit(struct env *e, const char *lang)
{
    struct intake in = {.cfg = &e->cfg, .office = &e->office, .store = e->st};
    struct rec_visit visit;
    static struct rec_complaint c;
    struct rec_ticket t;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t now = (int64_t)ts.tv_sec * 1000;
    store_visit_begin(e->st, now, lang, &visit);
    memset(&c, 0, sizeof(c));
    c.privacy = REC_PRIVACY_ANONYMOUS;
    snprintf(c.body, sizeof(c.body), "Antrean terlalu lama.");
    struct store_record rec = {.kind = REC_COMPLAINT, .u.complaint = &c};
    assert_int_equal(intake_submit(&in, &visit, rec, now, &t, NULL), 0);
    return t;
}

static enum tickets_paper wait_paper(struct tickets *t, const char *id, enum tickets_paper want)
{
    enum tickets_paper p = TICKETS_UNKNOWN;
    for (int i = 0; i < 1500; i++) {
        p = tickets_paper(t, id);
        if (p == want)
            break;
        usleep(20 * 1000);
    }
    return p;
}

static void capture_path(const struct env *e, const char *queue, char *buf, size_t cap)
{
    char name[128];
    snprintf(name, sizeof(name), "out/%s.bin", queue);
    pcd_path(buf, cap, &e->cupsd, name);
}

/* The captured job for queue matches what the service rendered for id. */
static void assert_printed_as_rendered(struct env *e, const char *queue, const char *id,
                                       unsigned dots)
{
    char out[512];
    size_t len;
    struct pf_decoded d;
    capture_path(e, queue, out, sizeof(out));
    uint8_t *got = (uint8_t *)th_read_file(out, &len);
    if (!got)
        pcd_dump_errors(&e->cupsd);
    assert_non_null(got);
    assert_int_equal(pf_decode(got, len, &d), 0);
    assert_int_equal(d.npages, 1);
    assert_int_equal(d.pages[0].cut, 'P');
    pthread_mutex_lock(&e->lock);
    assert_string_equal(e->rendered_id, id);
    assert_int_equal(e->rendered.width, dots);
    pf_assert_page(&d.pages[0], &e->rendered, dots, 24); /* the PPD's 3 mm feed */
    pthread_mutex_unlock(&e->lock);
    pf_decoded_fini(&d);
    free(got);
    unlink(out);
}

static void print_on(struct env *e, const char *queue, unsigned dots, const char *lang)
{
    struct tickets *t = start(e, queue);
    struct rec_ticket ticket = commit(e, lang);
    assert_int_equal(tickets_print(t, &ticket), 0);
    assert_int_equal(wait_paper(t, ticket.meta.id, TICKETS_PRINTED), TICKETS_PRINTED);
    struct tickets_status s;
    tickets_status(t, &s);
    assert_true(s.ready);
    assert_int_equal(s.info.dot_width, dots);
    assert_int_equal(s.info.formats, PRINT_FORMAT_BIT_CUPS_RASTER); /* our PPDs */
    assert_int_equal(s.pending, 0);
    tickets_stop(t);
    assert_printed_as_rendered(e, queue, ticket.meta.id, dots);
}

static void test_58mm_bit_for_bit(void **state)
{
    print_on(*state, "ticket58", 384, "id");
}

static void test_80mm_bit_for_bit(void **state)
{
    print_on(*state, "ticket80", 576, "en");
}

static void tool(const struct env *e, const char *name, const char *queue)
{
    struct th_run r;
    char *argv[] = {(char *)name, "-h", (char *)e->cupsd.server, (char *)queue, NULL};
    th_run(argv, &r);
    if (r.exit_code != 0)
        fail_msg("%s: %s", name, r.err);
    th_run_fini(&r);
}

/* A stopped queue: the ticket waits in the store (across a restart of
 * the service), the visitor is sent to the officer, nothing reaches the
 * printer; enabled again, the ticket prints as rendered. */
static void test_stopped_queue_keeps_the_ticket(void **state)
{
    struct env *e = *state;
    char out[512];
    size_t len;
    int64_t pending = -1;
    capture_path(e, "ticket58", out, sizeof(out));
    tool(e, "/usr/sbin/cupsdisable", "ticket58");
    struct tickets *t = start(e, "ticket58");
    struct rec_ticket ticket = commit(e, "id");
    assert_int_equal(tickets_print(t, &ticket), 0);
    assert_int_equal(wait_paper(t, ticket.meta.id, TICKETS_TROUBLE), TICKETS_TROUBLE);
    struct tickets_status s;
    for (int i = 0; i < 500; i++) {
        tickets_status(t, &s);
        if (s.pending == 1)
            break;
        usleep(20 * 1000);
    }
    assert_false(s.ready);
    assert_true(s.info.reasons & PRINT_REASON_PAUSED);
    char line[256];
    tickets_describe(&s, "ticket58", line, sizeof(line));
    assert_non_null(strstr(line, "queue stopped"));
    assert_non_null(strstr(line, "1 waiting"));
    tickets_stop(t);
    assert_int_equal(store_print_backlog(e->st, &pending), 0);
    assert_int_equal(pending, 1);
    assert_null(th_read_file(out, &len));

    /* The kiosk restarts while the printer is still stopped, then staff
     * start the queue: the waiting ticket comes out. */
    t = start(e, "ticket58");
    usleep(300 * 1000);
    assert_null(th_read_file(out, &len));
    tool(e, "/usr/sbin/cupsenable", "ticket58");
    for (int i = 0; i < 1500 && pending > 0; i++) {
        usleep(20 * 1000);
        assert_int_equal(store_print_backlog(e->st, &pending), 0);
    }
    assert_int_equal(pending, 0);
    tickets_stop(t);
    assert_printed_as_rendered(e, "ticket58", ticket.meta.id, 384);
}

/* The printer runs out of paper during the ticket: the backend says
 * media-empty and stops the queue with the job kept. The visitor is sent
 * to the officer and the ticket waits; paper in and the queue started
 * again, the same job prints it. */
static void test_paper_out_during_the_job(void **state)
{
    struct env *e = *state;
    char out[512], flag[600];
    size_t len;
    int64_t pending = -1;
    capture_path(e, "ticket80", out, sizeof(out));
    snprintf(flag, sizeof(flag), "%s.paper-out", out);
    th_write_file(e->cupsd.dir, "out/ticket80.bin.paper-out", "", flag, sizeof(flag));
    struct tickets *t = start(e, "ticket80");
    struct rec_ticket ticket = commit(e, "en");
    assert_int_equal(tickets_print(t, &ticket), 0);
    struct tickets_status s = {0};
    /* CUPS takes the backend's STATE: line before its exit status stops
     * the queue: wait for both. */
    for (int i = 0; i < 1500 && !((s.info.reasons & PRINT_REASON_MEDIA_EMPTY) &&
                                  s.info.state == PRINT_STATE_STOPPED);
         i++) {
        usleep(20 * 1000);
        tickets_status(t, &s);
    }
    assert_true(s.info.reasons & PRINT_REASON_MEDIA_EMPTY);
    assert_int_equal(s.info.state, PRINT_STATE_STOPPED);
    assert_int_equal(tickets_paper(t, ticket.meta.id), TICKETS_TROUBLE);
    char line[256];
    tickets_describe(&s, "ticket80", line, sizeof(line));
    assert_non_null(strstr(line, "paper out"));
    assert_null(th_read_file(out, &len));
    assert_int_equal(store_print_backlog(e->st, &pending), 0);
    assert_int_equal(pending, 1);

    assert_int_equal(unlink(flag), 0); /* paper in */
    tool(e, "/usr/sbin/cupsenable", "ticket80");
    assert_int_equal(wait_paper(t, ticket.meta.id, TICKETS_PRINTED), TICKETS_PRINTED);
    /* the job's backend said the paper is back; the next look sees it */
    for (int i = 0; i < 500; i++) {
        tickets_status(t, &s);
        if (!(s.info.reasons & PRINT_REASON_MEDIA_EMPTY))
            break;
        usleep(20 * 1000);
    }
    assert_false(s.info.reasons & PRINT_REASON_MEDIA_EMPTY);
    tickets_stop(t);
    assert_printed_as_rendered(e, "ticket80", ticket.meta.id, 576);
}

/* Staff's reprint: the last ticket once more, as it was. */
static void test_reprint_last(void **state)
{
    struct env *e = *state;
    int64_t pending = -1;
    struct tickets *t = start(e, "ticket80");
    struct rec_ticket ticket = commit(e, "id");
    assert_int_equal(tickets_print(t, &ticket), 0);
    assert_int_equal(wait_paper(t, ticket.meta.id, TICKETS_PRINTED), TICKETS_PRINTED);
    assert_printed_as_rendered(e, "ticket80", ticket.meta.id, 576);
    assert_int_equal(tickets_reprint_last(t), 0);
    char out[512];
    size_t len;
    uint8_t *got = NULL;
    capture_path(e, "ticket80", out, sizeof(out));
    for (int i = 0; i < 1500 && !got; i++) {
        usleep(20 * 1000);
        got = (uint8_t *)th_read_file(out, &len);
    }
    assert_non_null(got);
    free(got);
    for (int i = 0; i < 500; i++) {
        assert_int_equal(store_print_backlog(e->st, &pending), 0);
        if (pending == 0)
            break;
        usleep(20 * 1000);
    }
    assert_int_equal(pending, 0);
    tickets_stop(t);
    assert_printed_as_rendered(e, "ticket80", ticket.meta.id, 576);
}

/* A queue that does not exist: the visitor is sent to the officer and
 * the ticket waits. */
static void test_missing_queue(void **state)
{
    struct env *e = *state;
    struct tickets *t = start(e, "no-such-queue");
    struct rec_ticket ticket = commit(e, "id");
    assert_int_equal(tickets_print(t, &ticket), 0);
    assert_int_equal(wait_paper(t, ticket.meta.id, TICKETS_TROUBLE), TICKETS_TROUBLE);
    struct tickets_status s;
    tickets_status(t, &s);
    assert_int_equal(s.rc, -ENOENT);
    tickets_stop(t);
    /* for the next tests: this one is handed out by staff */
    assert_int_equal(store_print_done(e->st, ticket.meta.id, 1), 0);
}

/* No printer at all (ticket_dir): each ticket becomes a PNG file. */
static void test_ticket_dir_without_printer(void **state)
{
    struct env *e = *state;
    char path[PATH_MAX + 64];
    size_t len;
    pcd_path(e->cfg.ticket_dir, sizeof(e->cfg.ticket_dir), &e->cupsd, "tickets");
    struct tickets *t = start(e, "no-such-queue");
    struct rec_ticket ticket = commit(e, "id");
    assert_int_equal(tickets_print(t, &ticket), 0);
    assert_int_equal(wait_paper(t, ticket.meta.id, TICKETS_PRINTED), TICKETS_PRINTED);
    struct tickets_status s;
    tickets_status(t, &s);
    assert_true(s.to_file && s.ready);
    tickets_stop(t);
    snprintf(path, sizeof(path), "%s/ticket-%s-%s.png", e->cfg.ticket_dir, ticket.office_day,
             ticket.number);
    char *png = th_read_file(path, &len);
    assert_non_null(png);
    assert_memory_equal(png, "\x89PNG", 4);
    free(png);
    e->cfg.ticket_dir[0] = '\0';
}

static void write_conf(const struct env *e, const char *queue, const char *extra, char *conf,
                       size_t cap)
{
    char text[2048];
    const char *build = getenv("SERAMBI_BUILD");
    snprintf(text, sizeof(text),
             "data_dir = %s\nassets_dir = %s\nlocale_dir = %s/locale\nprinter_queue = %s\n"
             "video_driver = offscreen\ndisplay_width = 800\ndisplay_height = 480\n%s",
             e->data, th_assets_dir(), build ? build : "build/release", queue, extra);
    th_write_file(e->cupsd.dir, "kiosk.conf", text, conf, cap);
}

static const char *doctor_row(const char *out, const char *check)
{
    const char *p = out;
    size_t len = strlen(check);
    while ((p = strstr(p, check)) != NULL) {
        if ((p == out || p[-1] == '\n') && p[len] == ' ')
            return p;
        p += len;
    }
    return NULL;
}

static void test_doctor_row(void **state)
{
    struct env *e = *state;
    char conf[512];
    struct th_run r;
    write_conf(e, "ticket58", "", conf, sizeof(conf));
    char *argv[] = {(char *)th_serambi_bin(), "--config", conf, "doctor", NULL};
    th_run(argv, &r);
    const char *row = doctor_row(r.out, "printer");
    if (!row)
        fail_msg("no printer row in:\n%s", r.out);
    assert_non_null(strstr(row, "ok"));
    assert_non_null(strstr(row, "384 dots"));
    th_run_fini(&r);

    tool(e, "/usr/sbin/cupsdisable", "ticket58");
    th_run(argv, &r);
    row = doctor_row(r.out, "printer");
    assert_non_null(row);
    assert_non_null(strstr(row, "FAIL"));
    assert_non_null(strstr(row, "queue stopped"));
    assert_int_equal(r.exit_code, 1);
    th_run_fini(&r);
    tool(e, "/usr/sbin/cupsenable", "ticket58");

    /* not set up: a warning that says what to do */
    write_conf(e, "no-such-queue", "", conf, sizeof(conf));
    th_run(argv, &r);
    row = doctor_row(r.out, "printer");
    assert_non_null(row);
    assert_non_null(strstr(row, "warn"));
    assert_non_null(strstr(row, "no CUPS queue 'no-such-queue'"));
    assert_non_null(strstr(row, "lpadmin"));
    th_run_fini(&r);
}

/* The UI: a complaint through the replayed touch screen; the done screen
 * says the ticket is printing, then to take it; with the queue stopped,
 * to see the officer. */
static void replay(struct env *e, const char *queue, const char *await, bool english)
{
    char conf[512], script[512], text[2048];
    struct th_run r;
    write_conf(e, queue, "", conf, sizeof(conf));
    snprintf(text, sizeof(text),
             "%s"
             "tap home.complaint\ntap complaint.anonymous\ntap complaint.next\n"
             "tap complaint.body\ntype Antrean di loket perizinan lama sekali.\ntap kb.done\n"
             "tap complaint.next\ntap complaint.without\nexpect-screen complaint.review\n"
             "tap complaint.submit\n"
             "expect-screen complaint.done\nawait-text %s\nexpect-text P-0\n"
             "tap complaint.finish\nexpect-screen home\n",
             english ? "tap lang\n" : "", await);
    th_write_file(e->cupsd.dir, "print.replay", text, script, sizeof(script));
    char *argv[] = {(char *)th_serambi_bin(), "--config", conf, "--replay", script, NULL};
    th_run(argv, &r);
    if (r.exit_code != 0) {
        fprintf(stderr, "%s", r.err);
        pcd_dump_errors(&e->cupsd);
    }
    assert_int_equal(r.exit_code, 0);
    th_run_fini(&r);
}

static void test_ui_printing_line(void **state)
{
    struct env *e = *state;
    char out[512];
    size_t len;
    int64_t pending = -1;
    capture_path(e, "ticket80", out, sizeof(out));
    unlink(out);
    replay(e, "ticket80", "Silakan ambil tiket Anda.", false);
    char *got = th_read_file(out, &len);
    assert_non_null(got);
    free(got);
    unlink(out);
    replay(e, "ticket80", "Please take your ticket.", true);

    tool(e, "/usr/sbin/cupsdisable", "ticket80");
    replay(e, "ticket80",
           "Printer sedang tidak dapat mencetak. Silakan tunjukkan nomor ini kepada petugas.",
           false);
    assert_int_equal(store_print_backlog(e->st, &pending), 0);
    assert_int_equal(pending, 1);
    tool(e, "/usr/sbin/cupsenable", "ticket80");
    /* the next start of the kiosk prints it */
    struct tickets *t = start(e, "ticket80");
    for (int i = 0; i < 1500 && pending > 0; i++) {
        usleep(20 * 1000);
        assert_int_equal(store_print_backlog(e->st, &pending), 0);
    }
    tickets_stop(t);
    assert_int_equal(pending, 0);
}

/*
 * An office printer instead of a thermal one: ippeveprinter (CUPS's IPP
 * Everywhere reference printer, Letter paper at 600 dpi) behind a CUPS
 * queue made with `lpadmin -m everywhere`.
 *
 * ippeveprinter refuses to start without DNS-SD even with advertising off
 * (-r off): it needs to reach a D-Bus system bus for Avahi's client, not
 * the Avahi daemon itself. A private dbus-daemon on a socket in the test's
 * folder is that bus; nothing is advertised. It listens on localhost so
 * that both its IPv4 and IPv6 listeners can be made.
 */
static void bus_up(struct env *e)
{
    char arg[600], path[512], log[512];
    char *argv[] = {"/usr/bin/dbus-daemon", "--session", arg, "--nofork", "--nopidfile", NULL};
    pcd_path(path, sizeof(path), &e->cupsd, "bus");
    snprintf(arg, sizeof(arg), "--address=unix:path=%s", path);
    snprintf(e->bus_addr, sizeof(e->bus_addr), "unix:path=%s", path);
    pcd_path(log, sizeof(log), &e->cupsd, "log/dbus.log");
    e->bus = spawn(argv, log, NULL);
    for (int i = 0; i < 250 && access(path, F_OK) != 0; i++)
        usleep(20 * 1000);
    assert_int_equal(access(path, F_OK), 0);
}

/* ippeveprinter on port, keeping the jobs it receives in spool; command
 * (may be NULL) is the program it runs on each job (-c). */
static void ippeve_up(struct env *e, int port, const char *spool, const char *command)
{
    char log[512], port_s[16];
    char *argv[] = {"/usr/sbin/ippeveprinter",
                    "-r",
                    "off",
                    "-n",
                    "localhost",
                    "-p",
                    port_s,
                    "-d",
                    (char *)spool,
                    "-k",
                    "-f",
                    "image/pwg-raster",
                    command ? "-c" : "Serambi Office",
                    (char *)command,
                    command ? "Serambi Office" : NULL,
                    NULL};
    pcd_path(log, sizeof(log), &e->cupsd, "log/ippeveprinter.log");
    snprintf(port_s, sizeof(port_s), "%d", port);
    e->ippeve = spawn(argv, log, e->bus_addr);
    for (int i = 0; i < 500 && !pcd_listening(port); i++)
        usleep(20 * 1000);
    if (!pcd_listening(port)) {
        size_t len;
        char *text = th_read_file(log, &len);
        fail_msg("ippeveprinter did not start: %s", text ? text : "(no log)");
    }
}

static void office_queue(const struct env *e, const char *queue, int port)
{
    char uri[128];
    struct th_run r;
    snprintf(uri, sizeof(uri), "ipp://localhost:%d/ipp/print", port);
    char *argv[] = {"/usr/sbin/lpadmin",
                    "-h",
                    (char *)e->cupsd.server,
                    "-p",
                    (char *)queue,
                    "-E",
                    "-v",
                    uri,
                    "-m",
                    "everywhere",
                    NULL};
    th_run(argv, &r);
    if (r.exit_code != 0)
        fail_msg("lpadmin -m everywhere: %s", r.err);
    th_run_fini(&r);
}

/* cupsd makes an everywhere queue's PPD from the printer's answer after
 * lpadmin has returned: waits until the queue describes its paper. */
static void wait_driver(const struct env *e, const char *queue)
{
    struct print_queue_info info = {0};
    for (int i = 0; i < 500; i++) {
        if (print_queue_query(e->cupsd.server, queue, &info) == 0 && info.media_given)
            break;
        usleep(20 * 1000);
    }
    assert_true(info.media_given);
}

/* The job file ippeveprinter kept in spool (-k), if any. */
static bool kept_job(const char *spool, char *found, size_t cap)
{
    struct dirent *de;
    DIR *d = opendir(spool);
    assert_non_null(d);
    found[0] = '\0';
    while ((de = readdir(d)) != NULL)
        if (strstr(de->d_name, ".pwg"))
            snprintf(found, cap, "%s/%s", spool, de->d_name);
    closedir(d);
    return found[0] != '\0';
}

/* The ticket is rendered at the width and resolution the everywhere queue
 * gives, sent as PWG raster, and the file the printer received is the
 * rendered raster, dot for dot. */
static void test_ipp_everywhere_pwg_raster(void **state)
{
    struct env *e = *state;
    char spool[512];
    int port = pcd_free_port();
    bus_up(e);
    pcd_mkdir(&e->cupsd, "ippeve", 0700);
    pcd_path(spool, sizeof(spool), &e->cupsd, "ippeve");
    ippeve_up(e, port, spool, NULL);
    office_queue(e, "office", port);

    struct tickets *t = start(e, "office");
    struct rec_ticket ticket = commit(e, "id");
    assert_int_equal(tickets_print(t, &ticket), 0);
    assert_int_equal(wait_paper(t, ticket.meta.id, TICKETS_PRINTED), TICKETS_PRINTED);
    struct tickets_status s;
    tickets_status(t, &s);
    tickets_stop(t);
    /* CUPS offers the everywhere queue PWG raster only: that is what went */
    assert_int_equal(s.info.formats, PRINT_FORMAT_BIT_PWG_RASTER);
    assert_int_equal(s.info.dpi, 600);
    /* Letter, 8.5 in less 2 x 1/4 in margins, at 600 dpi */
    assert_int_equal(s.info.dot_width, 4800);

    /* The job file ippeveprinter kept: PWG raster, one page, as rendered. */
    char found[1024];
    if (!kept_job(spool, found, sizeof(found)))
        fail_msg("ippeveprinter kept no .pwg job in %s", spool);
    int fd = open(found, O_RDONLY);
    assert_true(fd >= 0);
    cups_raster_t *ras = cupsRasterOpen(fd, CUPS_RASTER_READ);
    cups_page_header2_t h;
    assert_non_null(ras);
    assert_true(cupsRasterReadHeader2(ras, &h));
    pthread_mutex_lock(&e->lock);
    assert_int_equal(h.cupsWidth, e->rendered.width);
    assert_int_equal(h.cupsHeight, e->rendered.height);
    assert_int_equal(h.cupsBitsPerPixel, 1);
    assert_int_equal(h.HWResolution[0], 600);
    size_t stride = pf_stride(e->rendered.width);
    uint8_t *row = malloc(stride);
    assert_non_null(row);
    for (unsigned y = 0; y < e->rendered.height; y++) {
        assert_int_equal(cupsRasterReadPixels(ras, row, (unsigned)stride), stride);
        if (memcmp(row, e->rendered.bits + y * stride, stride) != 0)
            fail_msg("row %u differs from the rendered ticket", y);
    }
    pthread_mutex_unlock(&e->lock);
    free(row);
    cupsRasterClose(ras);
    close(fd);
    reap(&e->ippeve);
    reap(&e->bus);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits (up to a minute: CUPS's ipp backend asks the printer at growing
 * intervals) until the service's view of the queue has all of the
 * reasons bits (want_set) or none of them. */
static struct tickets_status wait_reasons(struct tickets *t, unsigned bits, bool want_set)
{
    struct tickets_status s = {0};
    int64_t deadline = now_ms() + 60000;
    do {
        tickets_status(t, &s);
        unsigned got = s.info.reasons & bits;
        if (s.asked && s.rc == 0 && (want_set ? got == bits : got == 0))
            break;
        usleep(50 * 1000);
    } while (now_ms() < deadline);
    return s;
}

static enum tickets_paper wait_paper_long(struct tickets *t, const char *id,
                                          enum tickets_paper want)
{
    enum tickets_paper p = TICKETS_UNKNOWN;
    int64_t deadline = now_ms() + 90000;
    do {
        p = tickets_paper(t, id);
        if (p == want)
            break;
        usleep(50 * 1000);
    } while (now_ms() < deadline);
    return p;
}

static int64_t wait_backlog(struct env *e, int64_t want)
{
    int64_t pending = -1;
    int64_t deadline = now_ms() + 30000;
    do {
        assert_int_equal(store_print_backlog(e->st, &pending), 0);
        if (pending == want)
            break;
        usleep(50 * 1000);
    } while (now_ms() < deadline);
    return pending;
}

/* The program ippeveprinter runs on each job: while the file "<itself>.empty"
 * exists the printer is out of paper (it says media-empty, as a printer's
 * own firmware would, and waits); paper in, the job completes. */
static void paper_program(const struct env *e, char *path, size_t cap)
{
    th_write_file(e->cupsd.dir, "ippeve-paper.sh",
                  "#!/bin/sh\n"
                  "if [ -e \"$0.empty\" ]; then\n"
                  "  echo 'STATE: +media-empty' >&2\n"
                  "  while [ -e \"$0.empty\" ]; do sleep 0.1; done\n"
                  "  echo 'STATE: -media-empty' >&2\n"
                  "fi\n"
                  "exit 0\n",
                  path, cap);
    assert_int_equal(chmod(path, 0700), 0);
}

/* How many of the kept problem lines contain needle. */
static int errlog_count(const char *needle)
{
    struct errlog_line lines[ERRLOG_LINES];
    size_t n = errlog_copy(lines, ERRLOG_LINES);
    int count = 0;
    for (size_t i = 0; i < n; i++)
        if (strstr(lines[i].text, needle))
            count++;
    return count;
}

/* Waits up to a minute until the service's snapshot says stalled (or
 * not). */
static struct tickets_status wait_stalled(struct tickets *t, bool stalled)
{
    struct tickets_status s = {0};
    int64_t deadline = now_ms() + 60000;
    do {
        tickets_status(t, &s);
        if (s.asked && s.stalled == stalled && (stalled || s.ready))
            break;
        usleep(50 * 1000);
    } while (now_ms() < deadline);
    return s;
}

/* The office printer is switched off (its process killed) after the
 * service has seen it and before the ticket: the ticket waits in the store and nothing reaches the
 * printer while CUPS's ipp backend retries the connection (the queue stays processing, with no
 * printer-state-reason). Nothing but time says so: once the job has been out longer than a ticket
 * takes (2 s here, 20 s on a kiosk) the visitor is sent to the officer, staff see it, and it is
 * logged once. Switched on again at the same address, the same CUPS job prints it and the trouble
 * clears. */
static void test_ipp_everywhere_offline(void **state)
{
    struct env *e = *state;
    char spool[512], program[512], found[1024], line[256];
    int status;
    int port = pcd_free_port();
    bus_up(e);
    paper_program(e, program, sizeof(program));
    pcd_mkdir(&e->cupsd, "ippeve-offline", 0700);
    pcd_path(spool, sizeof(spool), &e->cupsd, "ippeve-offline");
    ippeve_up(e, port, spool, program);
    office_queue(e, "office-offline", port);
    wait_driver(e, "office-offline");
    errlog_clear();
    struct tickets *t = start_stall(e, "office-offline", 2000);
    struct tickets_status s = {0};
    for (int64_t deadline = now_ms() + 30000; !s.asked && now_ms() < deadline;) {
        usleep(50 * 1000);
        tickets_status(t, &s);
    }
    assert_true(s.ready);
    kill(e->ippeve, SIGKILL);
    waitpid(e->ippeve, &status, 0);
    e->ippeve = 0;

    struct rec_ticket ticket = commit(e, "id");
    assert_int_equal(tickets_print(t, &ticket), 0);
    /* the job is out: CUPS's backend is trying to reach the printer */
    for (int64_t deadline = now_ms() + 30000;
         s.info.state != PRINT_STATE_PROCESSING && now_ms() < deadline;) {
        usleep(50 * 1000);
        tickets_status(t, &s);
    }
    assert_int_equal(s.info.state, PRINT_STATE_PROCESSING);
    assert_int_equal(wait_backlog(e, 1), 1);
    assert_int_not_equal(tickets_paper(t, ticket.meta.id), TICKETS_PRINTED);
    assert_false(kept_job(spool, found, sizeof(found)));

    s = wait_stalled(t, true);
    assert_true(s.stalled);
    assert_true(s.stalled_s >= 2);
    assert_false(s.ready);
    assert_int_equal(s.rc, 0);
    assert_int_equal(tickets_paper(t, ticket.meta.id), TICKETS_TROUBLE);
    tickets_describe(&s, "office-offline", line, sizeof(line));
    assert_non_null(strstr(line, "a ticket has waited"));
    struct kiosk_devices kd = {.tickets = t};
    struct ui_devices dev = {.ctx = &kd};
    tickets_ui_hooks(&dev);
    assert_int_equal(dev.printer(dev.ctx, line, sizeof(line)), UI_DEV_TROUBLE);
    assert_non_null(strstr(line, "off or unreachable"));
    assert_int_equal(dev.ticket_paper(dev.ctx, ticket.meta.id), UI_PAPER_TROUBLE);
    usleep(600 * 1000); /* more rounds, the wait growing: still one line */
    assert_int_equal(errlog_count("a ticket has waited"), 1);
    assert_int_not_equal(tickets_paper(t, ticket.meta.id), TICKETS_PRINTED);

    ippeve_up(e, port, spool, program);
    assert_int_equal(wait_paper_long(t, ticket.meta.id, TICKETS_PRINTED), TICKETS_PRINTED);
    assert_int_equal(wait_backlog(e, 0), 0);
    s = wait_stalled(t, false);
    assert_false(s.stalled);
    assert_true(s.ready);
    assert_int_equal(dev.printer(dev.ctx, line, sizeof(line)), UI_DEV_READY);
    assert_int_equal(errlog_count("a ticket has waited"), 1);
    tickets_stop(t);
    if (!kept_job(spool, found, sizeof(found))) {
        pcd_dump_errors(&e->cupsd);
        fail_msg("ippeveprinter kept no .pwg job in %s", spool);
    }
    reap(&e->ippeve);
    reap(&e->bus);
}

/* The office printer runs out of paper during the ticket (it reports
 * media-empty over IPP, CUPS's ipp backend passes it on): the visitor is
 * sent to the officer and the ticket waits; paper in, the job completes. */
static void test_ipp_everywhere_media_empty(void **state)
{
    struct env *e = *state;
    char spool[512], program[512], empty[600], found[1024], line[256];
    int port = pcd_free_port();
    bus_up(e);
    paper_program(e, program, sizeof(program));
    snprintf(empty, sizeof(empty), "%s.empty", program);
    th_write_file(e->cupsd.dir, "ippeve-paper.sh.empty", "", empty, sizeof(empty));
    pcd_mkdir(&e->cupsd, "ippeve-paper", 0700);
    pcd_path(spool, sizeof(spool), &e->cupsd, "ippeve-paper");
    ippeve_up(e, port, spool, program);
    office_queue(e, "office-paper", port);

    struct tickets *t = start(e, "office-paper");
    struct rec_ticket ticket = commit(e, "en");
    assert_int_equal(tickets_print(t, &ticket), 0);
    struct tickets_status s = wait_reasons(t, PRINT_REASON_MEDIA_EMPTY, true);
    assert_true(s.info.reasons & PRINT_REASON_MEDIA_EMPTY);
    assert_false(s.ready);
    assert_int_equal(tickets_paper(t, ticket.meta.id), TICKETS_TROUBLE);
    tickets_describe(&s, "office-paper", line, sizeof(line));
    assert_non_null(strstr(line, "paper out"));
    assert_int_equal(wait_backlog(e, 1), 1);

    assert_int_equal(unlink(empty), 0); /* paper in */
    assert_int_equal(wait_paper_long(t, ticket.meta.id, TICKETS_PRINTED), TICKETS_PRINTED);
    assert_int_equal(wait_backlog(e, 0), 0);
    s = wait_reasons(t, PRINT_REASON_MEDIA_EMPTY, false);
    assert_false(s.info.reasons & PRINT_REASON_MEDIA_EMPTY);
    tickets_stop(t);
    if (!kept_job(spool, found, sizeof(found)))
        fail_msg("ippeveprinter kept no .pwg job in %s", spool);
    reap(&e->ippeve);
    reap(&e->bus);
}

/* The office printer was switched off before CUPS asked it for its
 * driver. `lpadmin -m everywhere` returns at once and cupsd makes the PPD
 * from the printer's answer afterwards; a printer gone by then ("Unable
 * to connect", or "PPD creation failed: No IPP attributes" in cupsd's
 * log) leaves a queue without a driver, for good: CUPS's raw queue, which
 * lists every format it passes through (CUPS and PWG raster among them)
 * and no paper. The kiosk used to send CUPS raster there; the printer
 * refused it ("Unsupported document-format"), the ipp backend still
 * ended the job completed, and the ticket counted as printed. The test
 * makes the queue while nothing answers at the printer's address (the
 * same queue as losing that race, without the race), then starts the
 * service: the ticket waits unsent, the visitor is sent to the officer,
 * `serambi doctor` fails the printer row; once the printer answers, the
 * service asks it through the queue's device URI, renders at its width
 * and resolution, sends PWG raster, and the printer keeps the job. */
static void test_ipp_everywhere_off_at_start(void **state)
{
    struct env *e = *state;
    char spool[512], found[1024], line[256], conf[512], program[512];
    struct th_run r;
    int port = pcd_free_port();
    bus_up(e);
    paper_program(e, program, sizeof(program)); /* prints at once (ippeveprinter alone takes 5 s) */
    pcd_mkdir(&e->cupsd, "ippeve-start", 0700);
    pcd_path(spool, sizeof(spool), &e->cupsd, "ippeve-start");
    office_queue(e, "office-start", port);
    struct print_queue_info info;
    assert_int_equal(print_queue_query(e->cupsd.server, "office-start", &info), 0);
    assert_int_equal(info.formats, PRINT_FORMAT_BIT_CUPS_RASTER | PRINT_FORMAT_BIT_PWG_RASTER);
    assert_false(info.media_given);
    assert_int_equal(info.dot_width, 0);
    assert_int_equal(print_queue_format(&info), 0);

    int jobs_before = jobs_submitted(e, NULL);
    struct tickets *t = start(e, "office-start");
    struct rec_ticket ticket = commit(e, "id");
    assert_int_equal(tickets_print(t, &ticket), 0);
    assert_int_equal(wait_paper(t, ticket.meta.id, TICKETS_TROUBLE), TICKETS_TROUBLE);
    struct tickets_status s;
    tickets_status(t, &s);
    assert_true(s.no_format);
    assert_false(s.ready);
    tickets_describe(&s, "office-start", line, sizeof(line));
    assert_non_null(strstr(line, "no format known"));
    usleep(300 * 1000);
    assert_int_equal(jobs_submitted(e, NULL), jobs_before); /* nothing was sent */
    assert_int_equal(wait_backlog(e, 1), 1);
    assert_int_equal(tickets_paper(t, ticket.meta.id), TICKETS_TROUBLE);

    write_conf(e, "office-start", "", conf, sizeof(conf));
    char *argv[] = {(char *)th_serambi_bin(), "--config", conf, "doctor", NULL};
    th_run(argv, &r);
    const char *row = doctor_row(r.out, "printer");
    if (!row)
        fail_msg("no printer row in:\n%s", r.out);
    assert_non_null(strstr(row, "FAIL"));
    assert_non_null(strstr(row, "has no driver"));
    assert_non_null(strstr(row, "-m everywhere"));
    th_run_fini(&r);

    ippeve_up(e, port, spool, program);
    assert_int_equal(wait_paper_long(t, ticket.meta.id, TICKETS_PRINTED), TICKETS_PRINTED);
    assert_int_equal(wait_backlog(e, 0), 0);
    tickets_status(t, &s);
    tickets_stop(t);
    assert_false(s.no_format);
    assert_int_equal(s.info.formats, PRINT_FORMAT_BIT_PWG_RASTER); /* the printer's own */
    assert_int_equal(s.info.dot_width, 4800);
    assert_int_equal(s.info.dpi, 600);
    assert_int_equal(jobs_submitted(e, NULL), jobs_before + 1);
    pthread_mutex_lock(&e->lock);
    assert_int_equal(e->rendered.width, 4800);
    pthread_mutex_unlock(&e->lock);
    if (!kept_job(spool, found, sizeof(found))) {
        pcd_dump_errors(&e->cupsd);
        fail_msg("ippeveprinter kept no .pwg job in %s", spool);
    }

    /* doctor: the queue works through its printer, but should be made again */
    th_run(argv, &r);
    row = doctor_row(r.out, "printer");
    assert_non_null(row);
    assert_non_null(strstr(row, "warn"));
    assert_non_null(strstr(row, "no driver"));
    assert_non_null(strstr(row, "4800 dots"));
    th_run_fini(&r);
    reap(&e->ippeve);
    reap(&e->bus);
}

/* A job CUPS ends with errors is not a printed ticket. The mechanism is
 * real: while FILE.no-take exists, the capture backend says it printed
 * (exit 0) but closes its input unread. The ticket here has the longest
 * office name, status address and words, more ESC/POS than a pipe holds
 * (64 KiB), so our filter cannot write it all, fails, and CUPS stops the
 * job "due to filter errors" with job-state-reasons
 * job-completed-with-errors. The service cancels such a job (it must not
 * print later beside its resubmission), submits the ticket again, counts
 * the attempts and after 3 leaves it to staff's reprint; nothing reached
 * the printer. Then the printer works and the reprint comes out. */
static void test_job_ended_with_errors(void **state)
{
    struct env *e = *state;
    char out[512], flag[600], ppd80[512];
    size_t len;
    const char *build = getenv("SERAMBI_BUILD");
    snprintf(ppd80, sizeof(ppd80), "%s/ppd/serambi80.ppd", build ? build : "build/release");
    pcd_add_queue(&e->cupsd, "ticket80-notake", ppd80, NULL);
    capture_path(e, "ticket80-notake", out, sizeof(out));
    th_write_file(e->cupsd.dir, "out/ticket80-notake.bin.no-take", "", flag, sizeof(flag));
    errlog_clear();
    char office_was[256], url_was[256];
    snprintf(office_was, sizeof(office_was), "%s", e->cfg.office_name);
    snprintf(url_was, sizeof(url_was), "%s", e->cfg.public_url);
    snprintf(e->cfg.office_name, sizeof(e->cfg.office_name), "%s",
             "Dinas Koperasi, Usaha Kecil dan Menengah Provinsi Kalimantan Barat, Bidang "
             "Kelembagaan dan Pengawasan Koperasi, Seksi Penyuluhan dan Pendampingan Usaha, "
             "Unit Layanan Terpadu Satu Pintu Kantor Gubernur Jalan Ahmad Yani Pontianak");
    memset(e->cfg.public_url, 'x', 250);
    memcpy(e->cfg.public_url, "https://", 8);
    e->cfg.public_url[250] = '\0';
    e->long_text = true;
    int jobs_before = jobs_submitted(e, NULL);
    struct tickets *t = start(e, "ticket80-notake");
    struct rec_ticket ticket = commit(e, "id");
    assert_int_equal(tickets_print(t, &ticket), 0);
    /* three jobs, each ended with errors: then the ticket waits for staff */
    for (int64_t deadline = now_ms() + 30000;
         jobs_submitted(e, NULL) < jobs_before + 3 && now_ms() < deadline;)
        usleep(20 * 1000);
    if (wait_paper(t, ticket.meta.id, TICKETS_TROUBLE) != TICKETS_TROUBLE) {
        pcd_dump_errors(&e->cupsd);
        fail_msg("the ticket of jobs that ended with errors is not waiting for staff");
    }
    usleep(300 * 1000);
    int last = 0;
    assert_int_equal(jobs_submitted(e, &last), jobs_before + 3);
    assert_int_equal(errlog_count("ended with job-completed-with-errors"), 3);
    struct print_job_info ji;
    assert_int_equal(print_job_query(e->cupsd.server, last, &ji), 0);
    assert_int_equal(ji.state, PRINT_JOB_CANCELED); /* stopped by CUPS, cancelled by the service */
    struct store_print_item item;
    size_t n = 0;
    assert_int_equal(store_print_pending(e->st, &item, 1, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(item.ticket.meta.id, ticket.meta.id);
    assert_int_equal(item.attempts, 3);
    assert_null(th_read_file(out, &len));

    assert_int_equal(unlink(flag), 0);
    tool(e, "/usr/sbin/cupsenable", "ticket80-notake"); /* in case the errors stopped the queue */
    assert_int_equal(tickets_reprint_last(t), 0);
    if (wait_paper(t, ticket.meta.id, TICKETS_PRINTED) != TICKETS_PRINTED) {
        pcd_dump_errors(&e->cupsd);
        fail_msg("the reprint did not print");
    }
    assert_int_equal(wait_backlog(e, 0), 0);
    tickets_stop(t);
    e->long_text = false;
    snprintf(e->cfg.office_name, sizeof(e->cfg.office_name), "%s", office_was);
    snprintf(e->cfg.public_url, sizeof(e->cfg.public_url), "%s", url_was);
    char *got = th_read_file(out, &len);
    assert_non_null(got);
    free(got);
    assert_true(len > 65536); /* more than a pipe holds: what no-take relies on */
    assert_printed_as_rendered(e, "ticket80-notake", ticket.meta.id, 576);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_58mm_bit_for_bit),
        cmocka_unit_test(test_80mm_bit_for_bit),
        cmocka_unit_test(test_stopped_queue_keeps_the_ticket),
        cmocka_unit_test(test_paper_out_during_the_job),
        cmocka_unit_test(test_reprint_last),
        cmocka_unit_test(test_missing_queue),
        cmocka_unit_test(test_ticket_dir_without_printer),
        cmocka_unit_test(test_doctor_row),
        cmocka_unit_test(test_ui_printing_line),
        cmocka_unit_test(test_ipp_everywhere_pwg_raster),
        cmocka_unit_test(test_ipp_everywhere_offline),
        cmocka_unit_test(test_ipp_everywhere_media_empty),
        cmocka_unit_test(test_ipp_everywhere_off_at_start),
        cmocka_unit_test(test_job_ended_with_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
