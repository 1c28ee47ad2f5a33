/*
 * office — reads the calendar year files and the service rules from the
 * published documents and the assets folder; see office.h. Files are
 * read whole (they are small) and handed to the core parsers, and every
 * message names the file it is about, so a technician can go straight to
 * the line.
 */
#include "kiosk/office.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CALENDAR_SUBDIR "calendar"
#define RULES_FILE      "office/service-rules.conf"
#define PUBLISHED_DIR   "published" /* inside data_dir */

static atomic_uint published_generation;

void office_published_changed(void)
{
    atomic_fetch_add(&published_generation, 1);
}

unsigned office_published_generation(void)
{
    return atomic_load(&published_generation);
}

int office_published_dir(const struct kiosk_config *cfg, char *buf, size_t cap)
{
    const char *dir = cfg->data_dir;
    const char *sep = dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/";
    int n = snprintf(buf, cap, "%s%s%s", dir, sep, PUBLISHED_DIR);
    return (n < 0 || (size_t)n >= cap) ? -ENAMETOOLONG : 0;
}

static const char *const weekday_keys[7] = {
    "hours_monday", "hours_tuesday",  "hours_wednesday", "hours_thursday",
    "hours_friday", "hours_saturday", "hours_sunday",
};

static void say(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (buf && cap > 0)
        vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
}

static int join(char *buf, size_t cap, const char *dir, const char *name)
{
    int n = snprintf(buf, cap, "%s/%s", dir, name);
    return (n < 0 || (size_t)n >= cap) ? -ENAMETOOLONG : 0;
}

/* Reads a whole file of at most OFFICE_FILE_MAX bytes. *text (NUL-ended,
 * the caller frees it) and *len are written on success. */
static int read_whole(const char *path, char **text, size_t *len, char *err, size_t errcap)
{
    int rc = 0;
    char *buf = NULL;
    size_t n = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        rc = -errno;
        say(err, errcap, "%s: cannot read: %s", path, strerror(errno));
        goto out;
    }
    buf = malloc(OFFICE_FILE_MAX + 1);
    if (!buf) {
        rc = -ENOMEM;
        say(err, errcap, "%s: out of memory", path);
        goto out;
    }
    n = fread(buf, 1, OFFICE_FILE_MAX + 1, f);
    if (ferror(f)) {
        rc = -EIO;
        say(err, errcap, "%s: cannot read: input/output error", path);
        goto out;
    }
    if (n > OFFICE_FILE_MAX) {
        rc = -EFBIG;
        say(err, errcap, "%s: the file is larger than %d bytes", path, OFFICE_FILE_MAX);
        goto out;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    buf = NULL;
out:
    free(buf);
    if (f)
        fclose(f);
    return rc;
}

/* Year files end in ".txt"; hidden files are editor leftovers. */
static int is_year_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0;
}

/* 2026 for "2026.txt"; 0 for any other name, whose year only its content says. */
static int year_of_name(const char *name)
{
    int year = 0;
    for (int i = 0; i < 4; i++) {
        if (name[i] < '0' || name[i] > '9')
            return 0;
        year = year * 10 + (name[i] - '0');
    }
    return strcmp(name + 4, ".txt") == 0 ? year : 0;
}

static int load_year_file(struct calendar *cal, const char *path, int expect_year, char *err,
                          size_t errcap)
{
    char *text = NULL;
    size_t len = 0;
    struct cal_error cerr;
    int rc = read_whole(path, &text, &len, err, errcap);
    if (rc < 0)
        goto out;
    rc = cal_load_year(cal, text, len, expect_year, &cerr);
    if (rc == -ENOMEM)
        say(err, errcap, "%s: out of memory", path);
    else if (rc < 0 && cerr.line > 0)
        say(err, errcap, "%s:%d: %s", path, cerr.line, cerr.message);
    else if (rc < 0)
        say(err, errcap, "%s: %s", path, cerr.message);
out:
    free(text);
    return rc;
}

/* The year files of one folder, sorted; *count is 0 when it does not
 * exist. The caller frees the list. */
static int list_years(const char *dir, struct dirent ***names, int *count, char *err, size_t errcap)
{
    *names = NULL;
    *count = scandir(dir, names, is_year_file, alphasort);
    if (*count >= 0)
        return 0;
    int rc = -errno;
    *count = 0;
    if (rc == -ENOENT)
        return 0;
    say(err, errcap, "%s: cannot list: %s", dir, strerror(-rc));
    return rc;
}

static void free_list(struct dirent **names, int count)
{
    for (int i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

static int load_folder(struct office *o, const char *dir, struct dirent **names, int count,
                       char *err, size_t errcap)
{
    char path[4096];
    for (int i = 0; i < count; i++) {
        int year = year_of_name(names[i]->d_name);
        /* A published year replaces the asset file of that year. */
        if (year > 0 && cal_year_known(o->cal, year))
            continue;
        int rc = join(path, sizeof(path), dir, names[i]->d_name);
        if (rc < 0) {
            say(err, errcap, "%s: path too long", dir);
            return rc;
        }
        rc = load_year_file(o->cal, path, year, err, errcap);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Published years first, then the asset years not published. */
static int load_calendar(struct office *o, const char *published_dir, const char *assets_dir,
                         char *err, size_t errcap)
{
    char pub[4096], dir[4096];
    struct dirent **pub_names = NULL, **names = NULL;
    int pub_count = 0, count = 0;
    int rc = join(pub, sizeof(pub), published_dir, CALENDAR_SUBDIR);
    if (rc == 0)
        rc = join(dir, sizeof(dir), assets_dir, CALENDAR_SUBDIR);
    if (rc < 0) {
        say(err, errcap, "%s: path too long", assets_dir);
        goto out;
    }
    rc = list_years(pub, &pub_names, &pub_count, err, errcap);
    if (rc == 0)
        rc = list_years(dir, &names, &count, err, errcap);
    if (rc == 0)
        rc = load_folder(o, pub, pub_names, pub_count, err, errcap);
    if (rc == 0)
        rc = load_folder(o, dir, names, count, err, errcap);
    if (rc == 0 && cal_year_count(o->cal) == 0 && access(dir, F_OK) < 0 && access(pub, F_OK) < 0)
        say(o->warning, sizeof(o->warning),
            "no calendar folder %s: no year has its holidays, so only the weekly closed days "
            "count as closed; add one file per year (docs/service-rules.md)",
            dir);
out:
    free_list(pub_names, pub_count);
    free_list(names, count);
    return rc;
}

/* The published rules file when there is one, else the assets'. */
static int load_rules(struct office *o, const char *published_dir, const char *assets_dir,
                      char *err, size_t errcap)
{
    char path[4096];
    char *text = NULL;
    size_t len = 0;
    struct ini_error ierr;
    int rc = join(path, sizeof(path), published_dir, RULES_FILE);
    if (rc == 0 && access(path, F_OK) < 0)
        rc = join(path, sizeof(path), assets_dir, RULES_FILE);
    if (rc < 0) {
        say(err, errcap, "%s: path too long", assets_dir);
        goto out;
    }
    rc = read_whole(path, &text, &len, err, errcap);
    if (rc < 0)
        goto out;
    rc = rule_table_parse(text, len, &o->rules, &ierr);
    if (rc < 0) {
        char where[32] = "";
        if (ierr.line > 0)
            snprintf(where, sizeof(where), ":%d", ierr.line);
        say(err, errcap, "%s%s: %s%s%s", path, where, ierr.key, ierr.key[0] ? ": " : "",
            ierr.message);
    }
out:
    free(text);
    return rc;
}

int office_load(const struct kiosk_config *cfg, struct office *out, char *err, size_t errcap)
{
    struct office o;
    memset(&o, 0, sizeof(o));
    char published[4096];
    int rc;
    if (!cfg->assets_dir[0]) {
        rc = -EINVAL;
        say(err, errcap, "assets_dir is not set in the configuration");
        goto out;
    }
    rc = office_published_dir(cfg, published, sizeof(published));
    if (rc < 0) {
        say(err, errcap, "data_dir is too long");
        goto out;
    }
    rc = cal_new(&o.cal);
    if (rc < 0) {
        say(err, errcap, "out of memory");
        goto out;
    }
    for (int wd = 0; wd < 7; wd++) {
        rc = cal_set_hours(o.cal, wd, cfg->hours[wd].open_min, cfg->hours[wd].close_min);
        if (rc < 0) {
            say(err, errcap, "%s: opening must not be after closing, within 00:00-24:00",
                weekday_keys[wd]);
            goto out;
        }
    }
    rc = cal_set_utc_offset(o.cal, cfg->utc_offset_min);
    if (rc < 0) {
        say(err, errcap, "timezone: offset %d minutes is out of range", cfg->utc_offset_min);
        goto out;
    }
    rc = load_calendar(&o, published, cfg->assets_dir, err, errcap);
    if (rc < 0)
        goto out;
    rc = load_rules(&o, published, cfg->assets_dir, err, errcap);
    if (rc < 0)
        goto out;
    *out = o;
    o.cal = NULL;
out:
    cal_free(o.cal);
    return rc;
}

void office_fini(struct office *o)
{
    if (!o)
        return;
    cal_free(o->cal);
    o->cal = NULL;
}

int office_due(const struct office *o, enum rule_kind kind, int64_t from_ms, struct due_result *out)
{
    const struct rule *rule = rule_table_get(&o->rules, kind);
    if (!rule || !o->cal)
        return -EINVAL;
    return due_compute(o->cal, rule, from_ms, out);
}
