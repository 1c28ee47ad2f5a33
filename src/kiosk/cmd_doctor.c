/*
 * cmd_doctor — `serambi doctor`: what a technician runs on a kiosk that
 * misbehaves. Each check prints one row (ok, warn or FAIL) with what was
 * found and what to do; the exit status is non-zero when anything FAILs.
 * Warnings (a missing holiday calendar, a backlog) leave the kiosk usable.
 *
 * Checks today: configuration, office data and holiday calendars, the
 * store (opens, schema, integrity, outbox backlog), the hub (configured,
 * answering, kiosk enrolled), the ticket printer (queue state in plain
 * words, paper width, tickets waiting), the scanner (found by SANE, and
 * how plugging it in is noticed), free disk space and the clock. Display
 * and fonts join with their parts.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "core/civil.h"
#include "kiosk/commands.h"
#include "kiosk/office.h"
#include "kiosk/tickets.h"
#include "print/job.h"
#include "print/queue.h"
#include "scan/hotplug.h"
#include "scan/session.h"
#include "store/printing.h"
#include "store/store.h"
#include "sync/client.h"
#include "sync/worker.h"

#define MIB             (1024LL * 1024)
#define DISK_WARN_BYTES (500 * MIB)
#define DISK_FAIL_BYTES (50 * MIB)
#define HUB_TIMEOUT_MS  3000L
/* From October on, due times reach into the next year. */
#define NEXT_YEAR_WARN_MONTH 10

enum verdict { OK, WARN, FAIL };

struct report {
    int fails;
    int warns;
};

static void row(struct report *r, enum verdict v, const char *check, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void row(struct report *r, enum verdict v, const char *check, const char *fmt, ...)
{
    static const char *const names[] = {"ok", "warn", "FAIL"};
    char detail[640];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    printf("%-10s %-5s %s\n", check, names[v], detail);
    if (v == FAIL)
        r->fails++;
    else if (v == WARN)
        r->warns++;
}

static void check_calendar(struct report *r, const struct office *o, int year, int month)
{
    if (!cal_year_known(o->cal, year)) {
        row(r, WARN, "calendar",
            "no holiday calendar for %d: due times count only weekends as closed; "
            "publish calendar/%d.txt on the hub (serambi-hub publish, docs/service-rules.md)",
            year, year);
    } else if (month >= NEXT_YEAR_WARN_MONTH && !cal_year_known(o->cal, year + 1)) {
        row(r, WARN, "calendar",
            "%d is known, %d is not yet: due times that reach %d count only weekends as "
            "closed; publish calendar/%d.txt on the hub when the decree is out",
            year, year + 1, year + 1, year + 1);
    } else {
        row(r, OK, "calendar", "holidays of %d known (%zu holiday files loaded)", year,
            cal_year_count(o->cal));
    }
}

static void check_store(struct report *r, const struct kiosk_config *cfg, int64_t now_ms)
{
    char db[4096], err[512] = "";
    struct store *st = NULL;
    if (config_db_path(cfg, db, sizeof(db)) < 0) {
        row(r, FAIL, "store", "data_dir is too long for a database path");
        return;
    }
    if (access(db, F_OK) != 0) {
        row(r, WARN, "store", "%s does not exist yet; the kiosk creates it on first start", db);
        return;
    }
    if (store_open(db, &st, err, sizeof(err)) < 0) {
        row(r, FAIL, "store", "%s", err);
        return;
    }
    if (store_integrity_check(st) < 0) {
        row(r, FAIL, "store",
            "%s is damaged (%s); keep a copy of the file and restore from the hub", db,
            store_last_error(st));
    } else {
        row(r, OK, "store", "%s, schema %d, integrity ok, kiosk %s", db, store_schema_version(st),
            store_kiosk_id(st));
    }
    int64_t rows = 0, oldest = 0, letters = 0, letter_bytes = 0;
    if (store_outbox_backlog(st, &rows, &oldest) < 0 ||
        store_attachment_backlog(st, &letters, &letter_bytes) < 0) {
        row(r, FAIL, "backlog", "cannot read the outbox: %s", store_last_error(st));
    } else if (rows == 0 && letters == 0) {
        row(r, OK, "backlog", "nothing waits for the hub");
    } else {
        long long hours = rows ? (long long)((now_ms - oldest) / 3600000) : 0;
        row(r, hours >= 24 ? WARN : OK, "backlog",
            "%lld rows wait for the hub, the oldest for %lld h; %lld attachments (%lld KiB) "
            "wait to upload%s",
            (long long)rows, hours, (long long)letters, (long long)(letter_bytes / 1024),
            hours >= 24 ? ": check the network and the hub" : "");
    }
    store_close(st);
}

/* A kiosk without a hub still serves visitors, so only an unreachable or
 * failing hub that is configured is a FAIL. */
static void check_hub(struct report *r, const struct kiosk_config *cfg)
{
    struct sync_worker_config wc;
    struct sync_client *c = NULL;
    struct sync_error err = {0};
    char token[SYNC_TOKEN_SIZE];
    if (!cfg->hub_url[0]) {
        row(r, WARN, "hub",
            "hub_url is not set: the kiosk works offline; records wait in the outbox "
            "(docs/config.md, hub_url)");
        return;
    }
    if (cmd_sync_worker_config(cfg, cfg->enrollment_code, &wc) < 0) {
        row(r, FAIL, "hub", "data_dir is too long for the token file");
        return;
    }
    int rc = sync_client_new(wc.hub_url, "", &c);
    if (rc == 0)
        rc = sync_health(c, HUB_TIMEOUT_MS, &err);
    sync_client_free(c);
    if (rc < 0)
        row(r, FAIL, "hub",
            "%s: %s; check the network and that serambi-hub runs there (records wait "
            "meanwhile)",
            wc.hub_url, err.message[0] ? err.message : strerror(-rc));
    else
        row(r, OK, "hub", "%s answers", wc.hub_url);

    if (sync_token_load(wc.token_path, token) == 0)
        row(r, OK, "enrolled", "token in %s", wc.token_path);
    else if (wc.enrollment_code[0])
        row(r, WARN, "enrolled",
            "not yet: the kiosk enrolls with enrollment_code when it runs, or run "
            "`serambi enroll CODE`");
    else
        row(r, WARN, "enrolled",
            "no: records wait; get a code with `serambi-hub enroll --name NAME` and run "
            "`serambi enroll CODE`");
}

/* Tickets waiting for paper, or -1 when the store cannot say (it is
 * checked in its own row). */
static int64_t tickets_waiting(const struct kiosk_config *cfg)
{
    char db[4096];
    struct store *st = NULL;
    int64_t n = -1;
    if (config_db_path(cfg, db, sizeof(db)) < 0 || access(db, F_OK) != 0 ||
        store_open(db, &st, NULL, 0) < 0)
        return -1;
    if (store_print_backlog(st, &n) < 0)
        n = -1;
    store_close(st);
    return n;
}

/* How long the oldest ticket still out in a CUPS job has waited, in
 * seconds; 0 when none is out or the store cannot say. */
static int64_t oldest_job_s(const struct kiosk_config *cfg)
{
    char db[4096];
    struct store *st = NULL;
    struct store_print_item items[16];
    size_t n = 0;
    int64_t oldest = 0;
    if (config_db_path(cfg, db, sizeof(db)) < 0 || access(db, F_OK) != 0 ||
        store_open(db, &st, NULL, 0) < 0)
        return 0;
    if (store_print_pending(st, items, sizeof(items) / sizeof(items[0]), &n) < 0)
        n = 0;
    store_close(st);
    for (size_t i = 0; i < n; i++) {
        struct print_job_info ji;
        if (items[i].job_id <= 0 || print_job_query(NULL, items[i].job_id, &ji) < 0 ||
            ji.state >= PRINT_JOB_CANCELED || ji.created_s <= 0)
            continue;
        int64_t waited = (int64_t)time(NULL) - ji.created_s;
        if (waited > oldest)
            oldest = waited;
    }
    return oldest;
}

/* The ticket printer: the queue (or ticket_dir), its state and reasons
 * in plain words, the paper's width, and tickets still waiting. A
 * printer not set up is a warning (visitors keep their number on screen
 * and are sent to the officer); one that is there but cannot print
 * fails. */
static void check_printer(struct report *r, const struct kiosk_config *cfg)
{
    struct print_queue_info info;
    char what[256], note[160] = "";
    int64_t waiting = tickets_waiting(cfg);
    long long w = waiting > 0 ? (long long)waiting : 0;
    if (cfg->ticket_dir[0]) {
        row(r, OK, "printer", "no printer: tickets are written to %s as PNG files",
            cfg->ticket_dir);
        return;
    }
    int rc = print_queue_query(NULL, cfg->printer_queue, &info);
    if (rc == -ENOENT) {
        row(r, WARN, "printer",
            "there is no CUPS queue '%s' (%lld tickets waiting): make it with lpadmin -p %s -E "
            "-v URI -m serambi/serambi80.ppd (docs/printing.md), or set printer_queue",
            cfg->printer_queue, w, cfg->printer_queue);
        return;
    }
    if (rc < 0) {
        row(r, WARN, "printer",
            "the CUPS scheduler does not answer (%lld tickets waiting): start it with "
            "systemctl start cups",
            w);
        return;
    }
    if (!print_queue_format(&info)) {
        /* A queue without a driver: only its printer can say what it takes. */
        struct print_queue_info printer;
        if (!info.formats) {
            row(r, FAIL, "printer",
                "queue '%s' takes neither CUPS nor PWG raster (%lld tickets waiting): make it "
                "with -m serambi/serambi80.ppd or -m everywhere (docs/printing.md)",
                cfg->printer_queue, w);
            return;
        }
        if (print_queue_ask_printer(&info, &printer) < 0 || !print_queue_format(&printer)) {
            row(r, FAIL, "printer",
                "queue '%s' has no driver and its printer does not answer, so the ticket's "
                "format is unknown (%lld tickets waiting): make it again with lpadmin -p %s -E "
                "-v URI -m everywhere while the printer is on",
                cfg->printer_queue, w, cfg->printer_queue);
            return;
        }
        snprintf(note, sizeof(note),
                 " (no driver: tickets go as the printer's %s raster; better make the queue "
                 "again with lpadmin -m everywhere)",
                 print_queue_format(&printer) == PRINT_FORMAT_BIT_PWG_RASTER ? "PWG" : "CUPS");
        info.formats = printer.formats;
        info.dpi = printer.dpi;
        info.dot_width = printer.dot_width;
    }
    print_queue_describe(&info, what, sizeof(what));
    int64_t oldest = print_queue_ready(&info) ? oldest_job_s(cfg) : 0;
    if (oldest * 1000 >= TICKETS_STALL_MS) {
        row(r, WARN, "printer",
            "queue '%s': a ticket has waited %lld s in the printer: is the printer switched on "
            "and connected? (%lld tickets waiting; lpstat -l -o %s)",
            cfg->printer_queue, (long long)oldest, w, cfg->printer_queue);
        return;
    }
    enum verdict v = !print_queue_ready(&info)                                           ? FAIL
                     : (info.reasons & PRINT_REASON_MEDIA_LOW) || waiting > 0 || note[0] ? WARN
                                                                                         : OK;
    if (info.dot_width)
        row(r, v, "printer", "queue '%s'%s: %s; %u dots at %u dpi; %lld tickets waiting",
            cfg->printer_queue, note, what, info.dot_width, info.dpi, w);
    else
        row(r, v, "printer",
            "queue '%s': %s; width not given by the queue (384 dots are used); %lld tickets "
            "waiting",
            cfg->printer_queue, what, w);
}

/* A kiosk without a scanner still serves visitors (letters are handed in
 * at the desk), so a missing scanner is a warning. */
static void check_scanner(struct report *r, const struct kiosk_config *cfg)
{
    const char *wanted = cfg->scanner_device;
    struct scan_session *s = NULL;
    char name[256];
    char how[96];
    if (scan_hotplug_usb_events())
        snprintf(how, sizeof(how), "plugging in and out is noticed at once (USB events)");
    else
        snprintf(how, sizeof(how), "no USB events here: checked every %d s",
                 cfg->scanner_recheck_s);
    if (scan_session_new(&s) < 0) {
        row(r, WARN, "scanner",
            "SANE cannot start: reinstall libsane1 and check /etc/sane.d/dll.conf; letters are "
            "handed in at the desk meanwhile");
        return;
    }
    int rc = scan_session_find(s, wanted, name, sizeof(name));
    scan_session_free(s);
    if (rc == 0)
        row(r, OK, "scanner", "%s found; %s", name, how);
    else if (wanted[0])
        row(r, WARN, "scanner",
            "%s (scanner_device) is not attached: plug the scanner in and switch it on; if it "
            "is on, compare scanner_device with what `scanimage -L` lists; letters are handed "
            "in at the desk meanwhile",
            wanted);
    else
        row(r, WARN, "scanner",
            "no scanner found: plug the scanner in and switch it on; if it is on, check that "
            "`scanimage -L` lists it (a scanner SANE does not support is never found); letters "
            "are handed in at the desk meanwhile");
}

static void check_disk(struct report *r, const char *dir)
{
    struct statvfs vfs;
    if (statvfs(dir, &vfs) != 0) {
        row(r, FAIL, "disk", "%s: %s", dir, strerror(errno));
        return;
    }
    long long free_bytes = (long long)vfs.f_bavail * (long long)vfs.f_frsize;
    enum verdict v = free_bytes < DISK_FAIL_BYTES ? FAIL : free_bytes < DISK_WARN_BYTES ? WARN : OK;
    row(r, v, "disk", "%lld MB free in %s%s", free_bytes / MIB, dir,
        v == OK ? "" : ": free space or records cannot be kept");
}

int cmd_doctor(const struct kiosk_config *cfg, int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        fputs("usage: serambi doctor\n", stderr);
        return EXIT_USAGE;
    }
    struct report r = {0};
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    struct civil_date today = civil_date_from_days(civil_office_day(now_ms, cfg->utc_offset_min));

    printf("%-10s %-5s %s\n", "CHECK", "STATE", "DETAIL");
    row(&r, OK, "config", "%s", cfg->source[0] ? cfg->source : "built-in defaults (no file)");

    if (today.year < 2025 || today.year > 2100) {
        row(&r, FAIL, "clock",
            "the clock says %04d-%02d-%02d: set the time (network time or the real-time "
            "clock) before visitors are served",
            today.year, today.month, today.day);
    } else {
        char local[32];
        civil_format_local(civil_local_minutes(now_ms, cfg->utc_offset_min), local, sizeof(local));
        row(&r, OK, "clock", "%s %s", local, config_zone_abbrev(cfg));
    }

    struct office office = {0};
    char err[512];
    if (office_load(cfg, &office, err, sizeof(err)) < 0) {
        row(&r, FAIL, "office", "%s", err);
    } else {
        if (office.warning[0])
            row(&r, WARN, "office", "%s", office.warning);
        else
            row(&r, OK, "office",
                "service rules and calendars in %s, and those published "
                "through the hub in %s/published",
                cfg->assets_dir, cfg->data_dir);
        check_calendar(&r, &office, today.year, today.month);
    }
    office_fini(&office);

    check_store(&r, cfg, now_ms);
    check_hub(&r, cfg);
    check_printer(&r, cfg);
    check_scanner(&r, cfg);
    check_disk(&r, cfg->data_dir);

    printf("\n%d failed, %d warnings\n", r.fails, r.warns);
    return r.fails ? 1 : 0;
}
