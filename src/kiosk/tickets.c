/*
 * tickets — see tickets.h. One worker thread with its own store
 * connection and renderer; the UI thread and the worker share only the
 * flags and the snapshot under the mutex.
 */
#include "kiosk/tickets.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kiosk/devices.h"
#include "kiosk/errlog.h"
#include "print/job.h"
#include "print/submit.h"
#include "store/printing.h"
#include "store/store.h"
#include "ui/i18n.h"
#include "ui/ui.h"

#define RECENT       16   /* tickets whose paper the done screens may ask about */
#define BATCH        16   /* waiting tickets looked at per round */
#define FAST_POLL_MS 200  /* while a job is out: how soon "take your ticket" shows */
#define POLL_MS      3000 /* the queue's state otherwise */
/* Jobs of one ticket that ended unprinted (a backend that fails, staff
 * cancelling) before the ticket waits for staff's reprint instead. */
#define MAX_ATTEMPTS 3
/* A ticket file when no printer is used: an 80 mm thermal ticket. */
#define FILE_DOTS 576
#define FILE_DPI  203

struct recent {
    char id[REC_ID_SIZE];
    bool printed;
    bool gave_up; /* MAX_ATTEMPTS jobs failed */
    uint64_t seq; /* when it was remembered */
};

struct tickets {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    /* under lock */
    bool stopping, kick, reprint;
    struct recent recent[RECENT];
    int recent_next;
    uint64_t seq;
    struct tickets_status status;

    /* the worker's own */
    struct tickets_options opt;
    char server[256];
    struct store *st;
    struct ticket_renderer *renderer;
    bool outstanding;       /* a job of ours is out and the printer looks ready */
    int64_t ready_since_ms; /* since when the queue looks ready without a break; 0: it does not */
    bool stalled;           /* the last round saw a stalled job (tickets_status's) */
    int64_t stalled_s;
    struct store_print_item items[BATCH];
    bool logged; /* the last state was logged */
    struct tickets_status logged_status;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *server_of(const struct tickets *t)
{
    return t->server[0] ? t->server : NULL;
}

/* --- words -------------------------------------------------------------- */

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
}

void tickets_words(const char *lang, const char *restore_lang, struct ticket_words *w)
{
    memset(w, 0, sizeof(*w));
    ui_i18n_set(lang);
    copy(w->service[REC_SERVICE_GUEST], sizeof(w->service[0]), _("Buku tamu"));
    copy(w->service[REC_SERVICE_MEETING], sizeof(w->service[0]), _("Permohonan rapat/audiensi"));
    copy(w->service[REC_SERVICE_COMPLAINT], sizeof(w->service[0]), _("Pengaduan"));
    copy(w->number_label, sizeof(w->number_label), _("Nomor antrean Anda"));
    copy(w->code_label, sizeof(w->code_label), _("Kode pelacakan"));
    copy(w->scan_hint, sizeof(w->scan_hint), _("Pindai untuk melihat status permohonan Anda."));
    copy(w->due_label[REC_SERVICE_MEETING], sizeof(w->due_label[0]),
         _("Surat balasan paling lambat:"));
    copy(w->due_label[REC_SERVICE_COMPLAINT], sizeof(w->due_label[0]), _("Jawaban paling lambat:"));
    copy(w->next_step[REC_SERVICE_GUEST], sizeof(w->next_step[0]),
         _("Mohon tunggu, petugas akan memanggil nomor Anda."));
    copy(w->next_step[REC_SERVICE_MEETING], sizeof(w->next_step[0]),
         _("Surat balasan akan dikirim kepada Anda; pantau statusnya dengan kode pelacakan."));
    copy(w->next_step[REC_SERVICE_COMPLAINT], sizeof(w->next_step[0]),
         _("Simpan kode ini untuk memantau jawaban di menu Cek status."));
    ui_i18n_set(restore_lang);
}

/* --- the snapshot the UI reads ---------------------------------------------- */

static bool same_status(const struct tickets_status *a, const struct tickets_status *b)
{
    return a->asked == b->asked && a->rc == b->rc && a->ready == b->ready &&
           a->pending == b->pending && a->stalled == b->stalled && a->no_format == b->no_format &&
           a->info.reasons == b->info.reasons && a->info.state == b->info.state &&
           a->info.accepting == b->info.accepting && a->info.dot_width == b->info.dot_width;
}

static void wake(struct tickets *t)
{
    if (t->opt.wake)
        t->opt.wake();
}

static void publish(struct tickets *t, const struct tickets_status *s)
{
    pthread_mutex_lock(&t->lock);
    bool changed = !same_status(&t->status, s);
    t->status = *s;
    pthread_mutex_unlock(&t->lock);
    if (changed)
        wake(t);
}

static void gave_up(struct tickets *t, const char *id)
{
    pthread_mutex_lock(&t->lock);
    for (int i = 0; i < RECENT; i++)
        if (strcmp(t->recent[i].id, id) == 0)
            t->recent[i].gave_up = true;
    pthread_mutex_unlock(&t->lock);
}

static void remember(struct tickets *t, const char *id, bool printed)
{
    pthread_mutex_lock(&t->lock);
    int i = 0;
    while (i < RECENT && strcmp(t->recent[i].id, id) != 0)
        i++;
    if (i == RECENT) {
        i = t->recent_next;
        t->recent_next = (t->recent_next + 1) % RECENT;
        snprintf(t->recent[i].id, sizeof(t->recent[i].id), "%s", id);
    }
    t->recent[i].printed = printed;
    t->recent[i].gave_up = false;
    t->recent[i].seq = ++t->seq;
    pthread_mutex_unlock(&t->lock);
}

/* For the technician: what changed about the printer, once per change. */
static void log_state(struct tickets *t, const struct tickets_status *s)
{
    if (s->to_file)
        return;
    if (t->logged && t->logged_status.rc == s->rc && t->logged_status.ready == s->ready &&
        t->logged_status.stalled == s->stalled && t->logged_status.no_format == s->no_format &&
        t->logged_status.info.reasons == s->info.reasons)
        return;
    const char *queue = t->opt.cfg->printer_queue;
    char what[256];
    if (s->rc == -ENOENT)
        errlog_add("printer",
                   "no CUPS queue '%s'; tickets wait (lpadmin, docs/printing.md; or ticket_dir)",
                   queue);
    else if (s->rc < 0)
        errlog_add("printer", "CUPS does not answer (%s); tickets wait (systemctl status cups)",
                   strerror(-s->rc));
    else if (s->no_format && s->info.formats)
        errlog_add("printer",
                   "queue '%s' has no driver and its printer does not answer: ticket format "
                   "unknown, tickets wait (lpadmin -m everywhere again, printer on)",
                   queue);
    else if (s->no_format)
        errlog_add("printer",
                   "queue '%s' takes neither CUPS nor PWG raster; tickets wait (lpadmin -m "
                   "serambi/serambi80.ppd or -m everywhere)",
                   queue);
    else if (s->stalled)
        errlog_add("printer",
                   "queue '%s': a ticket has waited %lld s in the printer; is it switched on "
                   "and connected? It prints once the printer answers",
                   queue, (long long)s->stalled_s);
    else if (!s->ready || t->logged) {
        print_queue_describe(&s->info, what, sizeof(what));
        errlog_add("printer", "queue '%s': %s%s", queue, what,
                   s->ready ? "" : "; tickets wait and print when it is back");
    }
    t->logged = true;
    t->logged_status = *s;
}

/* --- printing one ticket --------------------------------------------------- */

static int render(struct tickets *t, const struct store_print_item *it, unsigned width,
                  unsigned dpi, struct ticket_bitmap *bm)
{
    const struct kiosk_config *cfg = t->opt.cfg;
    struct ticket_doc doc;
    char url[320];
    const struct ticket_words *w = &t->opt.words[strcmp(it->lang, "en") == 0 ? 1 : 0];
    config_status_url(cfg, it->ticket.tracking_code, url, sizeof(url));
    ticket_compose(w, it->lang, &it->ticket, cfg->office_name, url, cfg->utc_offset_min,
                   config_zone_abbrev(cfg), &doc);
    int rc = ticket_render(t->renderer, &doc, width, dpi, bm);
    if (rc == 0 && t->opt.rendered)
        t->opt.rendered(t->opt.rendered_ctx, &it->ticket, bm);
    return rc;
}

static int to_file(struct tickets *t, const struct store_print_item *it)
{
    const struct kiosk_config *cfg = t->opt.cfg;
    struct ticket_bitmap bm;
    char path[PATH_MAX + 64];
    if (mkdir(cfg->ticket_dir, 0700) < 0 && errno != EEXIST) {
        int err = errno;
        errlog_add("printer", "cannot create ticket_dir %s: %s", cfg->ticket_dir, strerror(err));
        return -err;
    }
    int rc = render(t, it, FILE_DOTS, FILE_DPI, &bm);
    if (rc < 0)
        return rc;
    snprintf(path, sizeof(path), "%s/ticket-%s-%s.png", cfg->ticket_dir, it->ticket.office_day,
             it->ticket.number);
    rc = ticket_write_png(&bm, path);
    ticket_bitmap_fini(&bm);
    if (rc < 0) {
        errlog_add("printer", "cannot write %s", path);
        return rc;
    }
    rc = store_print_done(t->st, it->ticket.meta.id, now_ms());
    if (rc == 0)
        remember(t, it->ticket.meta.id, true);
    return rc;
}

static int submit(struct tickets *t, const struct tickets_status *s, unsigned format_bit,
                  const struct store_print_item *it)
{
    struct ticket_bitmap bm;
    /* A queue that does not say its width gets the narrow paper's: it
     * fits every receipt printer. */
    unsigned width = s->info.dot_width ? s->info.dot_width : 384;
    const char *format = format_bit == PRINT_FORMAT_BIT_PWG_RASTER ? PRINT_FORMAT_PWG_RASTER
                                                                   : PRINT_FORMAT_CUPS_RASTER;
    uint8_t *data = NULL;
    size_t len = 0;
    char title[48];
    int job = 0;
    int rc = render(t, it, width, s->info.dpi ? s->info.dpi : FILE_DPI, &bm);
    if (rc < 0)
        return rc;
    rc = ticket_encode(&bm, format, &data, &len);
    ticket_bitmap_fini(&bm);
    if (rc < 0)
        return rc;
    snprintf(title, sizeof(title), "ticket %s", it->ticket.number);
    rc =
        print_submit(server_of(t), t->opt.cfg->printer_queue, title, format, data, len, NULL, &job);
    free(data);
    if (rc < 0)
        return rc;
    if (t->opt.submitted)
        t->opt.submitted(t->opt.rendered_ctx, &it->ticket, job, len);
    rc = store_print_submitted(t->st, it->ticket.meta.id, job);
    if (rc < 0)
        errlog_add("printer", "job %d is out but not recorded: %s", job, store_last_error(t->st));
    t->outstanding = true;
    return 0;
}

/* Looks at a submitted ticket's job: printed, lost (submit again), or
 * still out. A job whose reasons say it failed is lost whatever its
 * state; one CUPS only stopped is cancelled, so that it cannot print
 * later beside its resubmission. A job out for stall_ms while the queue
 * looked ready (counted from its creation or from when the queue became
 * ready, whichever is later) sets *stalled_s. */
static void follow(struct tickets *t, struct store_print_item *it, int64_t *stalled_s)
{
    struct print_job_info ji;
    int rc = print_job_query(server_of(t), it->job_id, &ji);
    if (rc == 0 && print_job_printed(&ji)) {
        if (store_print_done(t->st, it->ticket.meta.id, now_ms()) == 0)
            remember(t, it->ticket.meta.id, true);
        it->job_id = -1; /* done: neither out nor to submit */
    } else if (rc == -ENOENT || (rc == 0 && (ji.state >= PRINT_JOB_CANCELED || ji.failed))) {
        if (rc == 0 && ji.failed) {
            errlog_add("printer",
                       "ticket %s: job %d ended with %s, not printed; it goes again "
                       "when the printer looks ready",
                       it->ticket.number, it->job_id, ji.failed_reason);
            if (ji.state < PRINT_JOB_CANCELED)
                (void)print_job_cancel(server_of(t), it->job_id);
        }
        if (store_print_lost(t->st, it->ticket.meta.id) == 0)
            it->job_id = 0;
    } else {
        t->outstanding = true;
        if (rc == 0 && t->ready_since_ms > 0) {
            int64_t since =
                ji.created_s * 1000 > t->ready_since_ms ? ji.created_s * 1000 : t->ready_since_ms;
            int64_t waited_ms = now_ms() - since;
            if (waited_ms >= t->opt.stall_ms && waited_ms / 1000 > *stalled_s)
                *stalled_s = waited_ms / 1000;
        }
    }
}

/* The format of this round's tickets, as a PRINT_FORMAT_BIT_*. A queue
 * that cannot say (no driver) is asked through to its printer, whose
 * formats, resolution and width then stand in the snapshot; when that
 * printer does not answer either, s->no_format and 0: nothing is sent
 * rather than a guess the printer may refuse. */
static unsigned choose_format(struct tickets_status *s)
{
    struct print_queue_info printer;
    unsigned format = print_queue_format(&s->info);
    if (format)
        return format;
    if (s->info.device_uri[0] && print_queue_ask_printer(&s->info, &printer) == 0) {
        format = print_queue_format(&printer);
        if (format) {
            s->info.formats = printer.formats;
            s->info.dpi = printer.dpi;
            s->info.dot_width = printer.dot_width;
            return format;
        }
    }
    s->no_format = true;
    return 0;
}

/* A recent ticket no longer waiting in the store is printed, whoever saw
 * it print (the store is the truth; a list cut at BATCH says nothing). */
static void settle_recent(struct tickets *t, const struct store_print_item *items, size_t n,
                          uint64_t before)
{
    bool changed = false;
    if (n >= BATCH)
        return;
    pthread_mutex_lock(&t->lock);
    for (int r = 0; r < RECENT; r++) {
        struct recent *rc = &t->recent[r];
        /* only tickets committed before the store was read */
        if (!rc->id[0] || rc->printed || rc->seq > before)
            continue;
        size_t i = 0;
        while (i < n && strcmp(items[i].ticket.meta.id, rc->id) != 0)
            i++;
        if (i == n) {
            rc->printed = true;
            changed = true;
        }
    }
    pthread_mutex_unlock(&t->lock);
    if (changed)
        wake(t);
}

static void round_once(struct tickets *t, bool reprint)
{
    const struct kiosk_config *cfg = t->opt.cfg;
    struct tickets_status s = {.to_file = cfg->ticket_dir[0] != '\0', .asked = true};
    struct store_print_item *items = t->items;
    size_t n = 0;

    if (reprint) {
        struct rec_ticket last;
        if (store_last_ticket(t->st, &last) == 0 && store_print_again(t->st, last.meta.id) == 0)
            remember(t, last.meta.id, false);
    }
    bool queue_ready = true;
    unsigned format = 0;
    if (s.to_file) {
        s.ready = true;
    } else {
        s.rc = print_queue_query(server_of(t), cfg->printer_queue, &s.info);
        if (s.rc == 0)
            format = choose_format(&s);
        queue_ready = s.rc == 0 && print_queue_ready(&s.info);
        if (!queue_ready)
            t->ready_since_ms = 0;
        else if (t->ready_since_ms == 0)
            t->ready_since_ms = now_ms();
        /* until this round's jobs are looked at, the last round's stall */
        s.stalled = queue_ready && t->stalled;
        s.stalled_s = t->stalled_s;
        s.ready = queue_ready && !s.no_format && !s.stalled;
    }
    if (store_print_backlog(t->st, &s.pending) < 0)
        s.pending = 0;
    publish(t, &s);

    t->outstanding = false;
    if (store_print_pending(t->st, items, BATCH, &n) < 0) {
        errlog_add("printer", "cannot read the tickets to print: %s", store_last_error(t->st));
        return;
    }
    /* A new ticket goes to CUPS whenever the queue takes jobs: CUPS holds
     * it while the paper is out or the queue is stopped, and the job
     * itself lets the filter see the paper back. A ticket whose job
     * already ended unprinted waits for a queue that looks ready. */
    bool accepting = s.to_file || (s.rc == 0 && s.info.accepting && format);
    bool failed = false;
    int64_t stalled_s = 0;
    for (size_t i = 0; i < n; i++) {
        struct store_print_item *it = &items[i];
        if (it->job_id > 0 && s.rc == 0 && !s.to_file)
            follow(t, it, &stalled_s);
        else if (it->job_id > 0 && s.to_file)
            it->job_id = 0; /* the file replaces a job of a printer no longer used */
        if (it->job_id != 0 || !accepting || failed || (it->attempts > 0 && !s.ready))
            continue;
        if (it->attempts >= MAX_ATTEMPTS && !s.to_file) {
            gave_up(t, it->ticket.meta.id);
            continue;
        }
        int rc = s.to_file ? to_file(t, it) : submit(t, &s, format, it);
        if (rc < 0) {
            if (!s.to_file)
                errlog_add("printer", "ticket %s not submitted: %s; it waits", it->ticket.number,
                           strerror(-rc));
            failed = true;
        }
    }
    if (!s.to_file) {
        t->stalled = queue_ready && stalled_s > 0;
        t->stalled_s = t->stalled ? stalled_s : 0;
        s.stalled = t->stalled;
        s.stalled_s = t->stalled_s;
        s.ready = queue_ready && !s.no_format && !s.stalled;
    }
    /* Quick polls only while a job should come out soon, not for hours
     * of a stopped or unreachable printer. */
    t->outstanding = t->outstanding && s.ready;
    if (store_print_backlog(t->st, &s.pending) < 0)
        s.pending = 0;
    publish(t, &s);
    log_state(t, &s);
    pthread_mutex_lock(&t->lock);
    uint64_t before = t->seq;
    pthread_mutex_unlock(&t->lock);
    if (store_print_pending(t->st, items, BATCH, &n) == 0)
        settle_recent(t, items, n, before);
}

static void *loop(void *arg)
{
    struct tickets *t = arg;
    pthread_mutex_lock(&t->lock);
    while (!t->stopping) {
        if (!t->kick) {
            struct timespec until;
            clock_gettime(CLOCK_MONOTONIC, &until);
            long ms = t->outstanding ? FAST_POLL_MS : t->opt.poll_ms;
            until.tv_sec += ms / 1000;
            until.tv_nsec += (ms % 1000) * 1000000L;
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
            }
            while (!t->kick && !t->stopping &&
                   pthread_cond_timedwait(&t->cond, &t->lock, &until) == 0)
                ;
        }
        if (t->stopping)
            break;
        bool reprint = t->reprint;
        t->kick = t->reprint = false;
        pthread_mutex_unlock(&t->lock);
        round_once(t, reprint);
        pthread_mutex_lock(&t->lock);
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

/* --- the UI's side --------------------------------------------------------- */

static void kick(struct tickets *t, bool reprint)
{
    pthread_mutex_lock(&t->lock);
    t->kick = true;
    t->reprint |= reprint;
    pthread_cond_signal(&t->cond);
    pthread_mutex_unlock(&t->lock);
}

int tickets_print(struct tickets *t, const struct rec_ticket *ticket)
{
    if (!t || !ticket || !ticket->meta.id[0])
        return -EINVAL;
    remember(t, ticket->meta.id, false);
    kick(t, false);
    return 0;
}

int tickets_reprint_last(struct tickets *t)
{
    if (!t)
        return -EINVAL;
    kick(t, true);
    return 0;
}

void tickets_poke(struct tickets *t)
{
    if (t)
        kick(t, false);
}

enum tickets_paper tickets_paper(struct tickets *t, const char *ticket_id)
{
    enum tickets_paper p = TICKETS_UNKNOWN;
    if (!t || !ticket_id)
        return p;
    pthread_mutex_lock(&t->lock);
    for (int i = 0; i < RECENT; i++) {
        if (strcmp(t->recent[i].id, ticket_id) != 0)
            continue;
        if (t->recent[i].printed)
            p = TICKETS_PRINTED;
        else if ((t->status.asked && !t->status.ready) || t->recent[i].gave_up)
            p = TICKETS_TROUBLE;
        else
            p = TICKETS_PRINTING;
        break;
    }
    pthread_mutex_unlock(&t->lock);
    return p;
}

void tickets_status(struct tickets *t, struct tickets_status *out)
{
    pthread_mutex_lock(&t->lock);
    *out = t->status;
    pthread_mutex_unlock(&t->lock);
}

void tickets_describe(const struct tickets_status *s, const char *queue, char *buf, size_t cap)
{
    char what[200];
    if (s->to_file) {
        snprintf(buf, cap, "no printer: tickets are written as files (ticket_dir)");
        return;
    }
    if (!s->asked) {
        snprintf(buf, cap, "%s: not asked yet", queue);
        return;
    }
    if (s->rc == -ENOENT)
        snprintf(what, sizeof(what), "no such CUPS queue");
    else if (s->rc < 0)
        snprintf(what, sizeof(what), "the CUPS scheduler does not answer");
    else if (s->no_format)
        snprintf(what, sizeof(what), "no format known for its printer (queue without a driver)");
    else if (s->stalled)
        snprintf(what, sizeof(what),
                 "a ticket has waited %lld s in the printer (off or unreachable?)",
                 (long long)s->stalled_s);
    else
        print_queue_describe(&s->info, what, sizeof(what));
    if (s->rc == 0 && s->info.dot_width)
        snprintf(buf, cap, "%s: %s, %u dots, %lld waiting", queue, what, s->info.dot_width,
                 (long long)s->pending);
    else
        snprintf(buf, cap, "%s: %s, %lld waiting", queue, what, (long long)s->pending);
}

/* --- the UI's hooks ---------------------------------------------------------- */

static struct tickets *of(void *ctx)
{
    return ctx ? ((struct kiosk_devices *)ctx)->tickets : NULL;
}

static enum ui_dev_state hook_printer(void *ctx, char *detail, size_t cap)
{
    struct tickets *t = of(ctx);
    struct tickets_status s;
    if (!t) {
        snprintf(detail, cap, "no ticket printer");
        return UI_DEV_ABSENT;
    }
    tickets_status(t, &s);
    tickets_describe(&s, t->opt.cfg->printer_queue, detail, cap);
    if (!s.asked)
        return UI_DEV_UNKNOWN;
    if (s.ready)
        return UI_DEV_READY;
    return s.rc < 0 ? UI_DEV_ABSENT : UI_DEV_TROUBLE;
}

static int hook_reprint(void *ctx)
{
    return tickets_reprint_last(of(ctx));
}

static int hook_print(void *ctx, const struct rec_ticket *ticket)
{
    return tickets_print(of(ctx), ticket);
}

static enum ui_ticket_paper hook_paper(void *ctx, const char *ticket_id)
{
    if (!of(ctx))
        return UI_PAPER_TROUBLE; /* no printing at all: the officer helps */
    switch (tickets_paper(of(ctx), ticket_id)) {
    case TICKETS_PRINTING:
        return UI_PAPER_PRINTING;
    case TICKETS_PRINTED:
        return UI_PAPER_PRINTED;
    case TICKETS_TROUBLE:
        return UI_PAPER_TROUBLE;
    case TICKETS_UNKNOWN:
        break;
    }
    return UI_PAPER_NONE;
}

void tickets_ui_hooks(struct ui_devices *dev)
{
    dev->printer = hook_printer;
    dev->reprint_last = hook_reprint;
    dev->print_ticket = hook_print;
    dev->ticket_paper = hook_paper;
}

/* --- start and stop ------------------------------------------------------ */

/* Renders one ticket at the thermal printers' sizes, so the fonts are
 * open before the first visitor's ticket needs them. */
static void warm_up(struct tickets *t)
{
    struct store_print_item it;
    struct ticket_bitmap bm;
    memset(&it, 0, sizeof(it));
    snprintf(it.lang, sizeof(it.lang), "id");
    it.ticket.service = REC_SERVICE_COMPLAINT;
    snprintf(it.ticket.number, sizeof(it.ticket.number), "P-001");
    snprintf(it.ticket.tracking_code, sizeof(it.ticket.tracking_code), "ABC-DEFG");
    it.ticket.meta.created_ms = it.ticket.due_ms = 1;
    void (*rendered)(void *, const struct rec_ticket *, const struct ticket_bitmap *) =
        t->opt.rendered;
    t->opt.rendered = NULL;
    for (unsigned width = 384; width <= 576; width += 192)
        if (render(t, &it, width, FILE_DPI, &bm) == 0)
            ticket_bitmap_fini(&bm);
    t->opt.rendered = rendered;
}

int tickets_start(const struct tickets_options *opt, struct tickets **out, char *err, size_t errcap)
{
    const struct kiosk_config *cfg = opt->cfg;
    char db[PATH_MAX];
    struct tickets *t = calloc(1, sizeof(*t));
    if (!t) {
        snprintf(err, errcap, "out of memory for the ticket printer");
        return -ENOMEM;
    }
    t->opt = *opt;
    if (t->opt.poll_ms <= 0)
        t->opt.poll_ms = POLL_MS;
    if (t->opt.stall_ms <= 0)
        t->opt.stall_ms = TICKETS_STALL_MS;
    if (opt->server)
        snprintf(t->server, sizeof(t->server), "%s", opt->server);
    int rc = ticket_renderer_open(cfg->display.font_path, cfg->display.font_bold_path, &t->renderer,
                                  err, errcap);
    if (rc < 0)
        goto fail;
    rc = config_db_path(cfg, db, sizeof(db));
    if (rc == 0)
        rc = store_open(db, &t->st, err, errcap);
    else
        snprintf(err, errcap, "data_dir is too long for the database path");
    if (rc < 0)
        goto fail;
    warm_up(t);
    pthread_mutex_init(&t->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&t->cond, &ca);
    pthread_condattr_destroy(&ca);
    t->kick = true; /* the first round at once: what waits from before */
    if (pthread_create(&t->thread, NULL, loop, t) != 0) {
        pthread_cond_destroy(&t->cond);
        pthread_mutex_destroy(&t->lock);
        snprintf(err, errcap, "cannot start the printing thread");
        rc = -EAGAIN;
        goto fail;
    }
    *out = t;
    return 0;
fail:
    store_close(t->st);
    ticket_renderer_close(t->renderer);
    free(t);
    return rc;
}

void tickets_stop(struct tickets *t)
{
    if (!t)
        return;
    pthread_mutex_lock(&t->lock);
    t->stopping = true;
    pthread_cond_signal(&t->cond);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL);
    pthread_cond_destroy(&t->cond);
    pthread_mutex_destroy(&t->lock);
    store_close(t->st);
    ticket_renderer_close(t->renderer);
    free(t);
}
