/*
 * config — reads kiosk.conf over the built-in defaults.
 *
 * The one idea: a table of keys (config_keys.c), each with a setter and a
 * sentence saying what it expects, so that every error reads the same way
 * for a technician: "FILE:LINE: KEY: what is wrong; expected …". Parsing
 * works on a copy of the configuration, and the caller's is replaced only
 * when the whole file was understood. Here: the defaults, the parse with
 * its "did you mean", the file, and what is derived from the keys.
 */
#include "kiosk/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/ini.h"
#include "core/text.h"
#include "kiosk/config_keys.h"

void config_defaults(struct kiosk_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    snprintf(cfg->kiosk_name, sizeof(cfg->kiosk_name), "Kiosk");
    snprintf(cfg->office_name, sizeof(cfg->office_name),
             "Dinas Koperasi dan UKM Provinsi Kalimantan Barat");
    snprintf(cfg->data_dir, sizeof(cfg->data_dir), "/var/lib/serambi");
    snprintf(cfg->assets_dir, sizeof(cfg->assets_dir), "%s", CONFIG_DEFAULT_ASSETS_DIR);
    snprintf(cfg->timezone, sizeof(cfg->timezone), "Asia/Pontianak");
    cfg->utc_offset_min = 7 * 60;
    for (int d = 0; d < 4; d++)
        cfg->hours[d] = (struct config_hours){7 * 60 + 30, 16 * 60};
    cfg->hours[4] = (struct config_hours){7 * 60 + 30, 16 * 60 + 30};
    cfg->hours[5] = (struct config_hours){0, 0};
    cfg->hours[6] = (struct config_hours){0, 0};
    snprintf(cfg->ticket_prefix[REC_SERVICE_GUEST], sizeof(cfg->ticket_prefix[0]), "T");
    snprintf(cfg->ticket_prefix[REC_SERVICE_MEETING], sizeof(cfg->ticket_prefix[0]), "R");
    snprintf(cfg->ticket_prefix[REC_SERVICE_COMPLAINT], sizeof(cfg->ticket_prefix[0]), "P");
    cfg->complaint_default_class = REC_CLASS_NORMATIVE;
    cfg->retention_days = 30;
    snprintf(cfg->language, sizeof(cfg->language), "id");
    /* The Raspberry Pi 7" touch display: 800x480 on 155 x 86 mm. */
    cfg->display = (struct config_display){.fullscreen = true,
                                           .width_mm = 155,
                                           .height_mm = 86,
                                           .idle_timeout_s = 90,
                                           .idle_countdown_s = 20};
    snprintf(cfg->display.locale_dir, sizeof(cfg->display.locale_dir), "%s",
             CONFIG_DEFAULT_LOCALE_DIR);
    snprintf(cfg->printer_queue, sizeof(cfg->printer_queue), "ticket");
    cfg->scan_jpeg_quality = 75;
    cfg->scan_max_pages = 20;
    cfg->scanner_recheck_s = 5;
    cfg->sync_chunk_kib = 256;
    snprintf(cfg->scan_source, sizeof(cfg->scan_source), "adf");
}

/* --- the parse ------------------------------------------------------------ */

struct parse_ctx {
    struct kiosk_config *cfg;
    int seen_line[KEY_COUNT]; /* 0 = not in the file */
    char detail[512];         /* longer than ini_error.message allows */
};

static int fail(struct parse_ctx *ctx, struct ini_error *err, int line, const char *key,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int fail(struct parse_ctx *ctx, struct ini_error *err, int line, const char *key,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->detail, sizeof(ctx->detail), fmt, ap);
    va_end(ap);
    return ini_fail(err, line, key, "%s", ctx->detail);
}

/* Edit distance, ignoring case, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[64];
    if (la >= 64 || lb >= 64)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            char ca = a[i - 1], cb = b[j - 1];
            if (ca >= 'A' && ca <= 'Z')
                ca = (char)(ca - 'A' + 'a');
            size_t best = diag + (ca == cb ? 0 : 1);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = row[j];
            row[j] = best;
        }
    }
    return row[lb];
}

static const char *closest_key(const char *typed)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1, len = strlen(typed);
    size_t limit = len / 3 > 2 ? len / 3 : 2;
    for (size_t i = 0; i < KEY_COUNT; i++) {
        size_t d = distance(typed, config_keys[i].name);
        /* A cut-short key ("retention") is a likely slip too. */
        if (len >= 5 && strncmp(config_keys[i].name, typed, len) == 0 && d > limit)
            d = limit;
        if (d <= limit && d < best_d) {
            best = config_keys[i].name;
            best_d = d;
        }
    }
    return best;
}

static void unquote(const char *value, char *buf, size_t cap)
{
    size_t len = strlen(value);
    if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
        snprintf(buf, cap, "%.*s", (int)(len - 2), value + 1);
    else
        snprintf(buf, cap, "%s", value);
}

static int on_pair(void *opaque, const char *section, const char *key, const char *raw, int line,
                   struct ini_error *err)
{
    struct parse_ctx *ctx = opaque;
    size_t k = 0;
    while (k < KEY_COUNT && strcmp(config_keys[k].name, key) != 0)
        k++;
    if (k == KEY_COUNT) {
        const char *guess = closest_key(key);
        if (guess)
            return fail(ctx, err, line, key,
                        "unknown key (did you mean %s?); expected a key listed in docs/config.md",
                        guess);
        return fail(ctx, err, line, key, "unknown key; expected a key listed in docs/config.md");
    }
    if (section[0])
        return fail(ctx, err, line, key,
                    "is inside section [%s]; expected kiosk.conf without section headers", section);
    if (ctx->seen_line[k])
        return fail(ctx, err, line, key, "is set again (first on line %d); expected each key once",
                    ctx->seen_line[k]);
    ctx->seen_line[k] = line;

    char value[INI_LINE_MAX + 1];
    unquote(raw, value, sizeof(value));
    const struct key_def *def = &config_keys[k];
    if (value[0] == '\0')
        return fail(ctx, err, line, key, "has no value; expected %s, or no line for the default",
                    def->expected);
    int rc = text_check(value, 0, NULL);
    if (rc == -EILSEQ)
        return fail(ctx, err, line, key, "is not valid UTF-8 text; expected %s", def->expected);
    if (rc < 0)
        return fail(ctx, err, line, key, "contains a control character; expected %s",
                    def->expected);
    char msg[256];
    if (def->set(ctx->cfg, def, value, msg, sizeof(msg)) < 0)
        return fail(ctx, err, line, key, "%s; expected %s", msg, def->expected);
    return 0;
}

/* What no single line shows: a week with no open day, and two services
 * sharing a ticket prefix. */
static int check_whole(struct parse_ctx *ctx, struct ini_error *err)
{
    const struct kiosk_config *cfg = ctx->cfg;
    bool open_day = false;
    int last_hours = -1;
    for (int d = 0; d < 7; d++) {
        if (cfg->hours[d].open_min < cfg->hours[d].close_min)
            open_day = true;
        if (ctx->seen_line[KEY_HOURS + d] &&
            (last_hours < 0 ||
             ctx->seen_line[KEY_HOURS + d] > ctx->seen_line[KEY_HOURS + last_hours]))
            last_hours = d;
    }
    if (!open_day) {
        int k = KEY_HOURS + (last_hours < 0 ? 0 : last_hours);
        return fail(ctx, err, ctx->seen_line[k], config_keys[k].name,
                    "closes the last open day, so the office is never open; expected "
                    "opening hours on at least one day");
    }
    for (int a = 0; a < REC_SERVICE_COUNT; a++) {
        for (int b = a + 1; b < REC_SERVICE_COUNT; b++) {
            if (strcmp(cfg->ticket_prefix[a], cfg->ticket_prefix[b]) != 0)
                continue;
            int ka = KEY_PREFIX + a, kb = KEY_PREFIX + b;
            int later = ctx->seen_line[kb] >= ctx->seen_line[ka] ? kb : ka;
            int other = later == kb ? ka : kb;
            return fail(ctx, err, ctx->seen_line[later], config_keys[later].name,
                        "'%s' is already the prefix of %s tickets; expected a different "
                        "prefix for each service",
                        cfg->ticket_prefix[a], rec_service_name(other - KEY_PREFIX));
        }
    }
    return 0;
}

static void format_error(char *errbuf, size_t errcap, const char *filename,
                         const struct ini_error *err, const char *detail)
{
    const char *what = detail[0] ? detail : err->message;
    if (!errbuf || errcap == 0)
        return;
    if (err->line > 0 && err->key[0])
        snprintf(errbuf, errcap, "%s:%d: %s: %s", filename, err->line, err->key, what);
    else if (err->line > 0)
        snprintf(errbuf, errcap, "%s:%d: %s", filename, err->line, what);
    else if (err->key[0])
        snprintf(errbuf, errcap, "%s: %s: %s", filename, err->key, what);
    else
        snprintf(errbuf, errcap, "%s: %s", filename, what);
}

int config_parse(struct kiosk_config *cfg, const char *filename, const char *text, size_t len,
                 char *errbuf, size_t errcap)
{
    struct kiosk_config work = *cfg;
    struct parse_ctx ctx;
    struct ini_error err;
    memset(&ctx, 0, sizeof(ctx));
    ctx.cfg = &work;
    if (!filename)
        filename = "(config)";

    int rc = ini_parse(text, len, on_pair, &ctx, &err);
    if (rc == 0)
        rc = check_whole(&ctx, &err);
    if (rc < 0) {
        format_error(errbuf, errcap, filename, &err, ctx.detail);
        return rc;
    }
    *cfg = work;
    return 0;
}

/* --- files ---------------------------------------------------------------- */

/* Reads a whole file of at most CONFIG_FILE_MAX_BYTES. 0 and a new buffer
 * (the caller frees it), or a negative errno. */
static int read_whole(const char *path, char **text, size_t *len)
{
    int rc = 0;
    char *buf = NULL;
    size_t n = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        rc = -errno;
        goto out;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        rc = -errno;
        goto out;
    }
    if (S_ISDIR(st.st_mode)) {
        rc = -EISDIR;
        goto out;
    }
    buf = malloc(CONFIG_FILE_MAX_BYTES + 1);
    if (!buf) {
        rc = -ENOMEM;
        goto out;
    }
    for (;;) {
        ssize_t got = read(fd, buf + n, CONFIG_FILE_MAX_BYTES + 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = -errno;
            goto out;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > CONFIG_FILE_MAX_BYTES) {
            rc = -EFBIG;
            goto out;
        }
    }
    *text = buf;
    *len = n;
    buf = NULL;
out:
    if (fd >= 0)
        close(fd);
    free(buf);
    return rc;
}

int config_load(struct kiosk_config *cfg, const char *path, char *errbuf, size_t errcap)
{
    struct kiosk_config work;
    char *text = NULL;
    size_t len = 0;
    const char *file = path ? path : CONFIG_DEFAULT_PATH;
    config_defaults(&work);

    int rc = read_whole(file, &text, &len);
    if (rc == -ENOENT && !path) {
        /* No config file: the built-in defaults are the configuration. */
        *cfg = work;
        return 0;
    }
    if (rc == -EFBIG) {
        if (errbuf && errcap)
            snprintf(errbuf, errcap, "%s: is larger than %d bytes; expected a kiosk configuration",
                     file, CONFIG_FILE_MAX_BYTES);
        goto out;
    }
    if (rc < 0) {
        if (errbuf && errcap)
            snprintf(errbuf, errcap, "%s: cannot read the configuration: %s", file, strerror(-rc));
        goto out;
    }
    rc = config_parse(&work, file, text, len, errbuf, errcap);
    if (rc < 0)
        goto out;
    snprintf(work.source, sizeof(work.source), "%s", file);
    *cfg = work;
out:
    free(text);
    return rc;
}

int config_db_path(const struct kiosk_config *cfg, char *buf, size_t cap)
{
    static const char name[] = "kiosk.db";
    size_t len = strlen(cfg->data_dir);
    const char *sep = (len > 0 && cfg->data_dir[len - 1] == '/') ? "" : "/";
    /* Measured first, so that buf is written only when the path fits. */
    if (len + strlen(sep) + sizeof(name) > cap)
        return -ENAMETOOLONG;
    snprintf(buf, cap, "%s%s%s", cfg->data_dir, sep, name);
    return 0;
}

int config_status_url(const struct kiosk_config *cfg, const char *code, char *buf, size_t cap)
{
    const char *base = cfg->public_url[0] ? cfg->public_url : cfg->hub_url;
    size_t len = strlen(base);
    while (len > 0 && base[len - 1] == '/')
        len--;
    if (cap > 0)
        buf[0] = '\0';
    if (len == 0 || !code[0])
        return -ENOENT;
    int n = snprintf(buf, cap, "%.*s/status/%s", (int)len, base, code);
    if (n < 0 || (size_t)n >= cap) {
        if (cap > 0)
            buf[0] = '\0';
        return -ENAMETOOLONG;
    }
    return 0;
}
