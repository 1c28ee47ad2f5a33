/*
 * officedoc — names and checks of the office documents; see officedoc.h.
 * A calendar is checked by loading it into a calendar of its own, the
 * rules by parsing them, so nothing here can disagree with what the kiosk
 * does when it loads the file.
 */
#include "core/officedoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "core/rules.h"
#include "core/text.h"

static const struct {
    const char *name;
    enum officedoc_kind kind;
} fixed_names[] = {
    {"office/service-rules.conf", OFFICEDOC_RULES},
    {"office/service-info.id.txt", OFFICEDOC_INFO},
    {"office/service-info.en.txt", OFFICEDOC_INFO},
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

/* A name as it may be printed: at most 40 printable ASCII characters, any
 * other byte as '?', so a refused name cannot garble a log line. */
static void printable(const char *name, char out[48])
{
    size_t n = 0;
    for (; name[n] && n < 40; n++) {
        if (name[n] > ' ' && name[n] < 0x7f)
            out[n] = name[n];
        else
            out[n] = '?';
    }
    memcpy(out + n, name[n] ? "..." : "", name[n] ? 4 : 1);
}

static int calendar_year(const char *name)
{
    static const char prefix[] = "calendar/";
    const char *p = name + sizeof(prefix) - 1;
    if (strncmp(name, prefix, sizeof(prefix) - 1) != 0 || strcmp(p + 4, ".txt") != 0)
        return 0;
    int year = 0;
    for (int i = 0; i < 4; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        year = year * 10 + (p[i] - '0');
    }
    return year >= OFFICEDOC_YEAR_MIN && year <= OFFICEDOC_YEAR_MAX ? year : 0;
}

int officedoc_name(const char *name, enum officedoc_kind *kind, int *year)
{
    int y = calendar_year(name);
    enum officedoc_kind k = OFFICEDOC_CALENDAR;
    bool known = y > 0;
    for (size_t i = 0; !known && i < sizeof(fixed_names) / sizeof(fixed_names[0]); i++) {
        if (strcmp(name, fixed_names[i].name) == 0) {
            k = fixed_names[i].kind;
            known = true;
        }
    }
    if (!known)
        return -EINVAL;
    if (kind)
        *kind = k;
    if (year)
        *year = y;
    return 0;
}

/*
 * Well-formed UTF-8 without NUL; a visitor text (strict) also holds only
 * the characters a text field may (text_char_allowed()), with CR LF or LF
 * line ends. Names the first bad line.
 */
static int check_text(const char *name, const char *text, size_t len, bool strict, char *err,
                      size_t errcap)
{
    int line = 1;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t used = 0;
        if (text_utf8_decode(text + i, len - i, &cp, &used) < 0) {
            say(err, errcap, "%s:%d: not UTF-8 text; save the file as UTF-8", name, line);
            return -EILSEQ;
        }
        if (cp == 0) {
            say(err, errcap, "%s:%d: a NUL byte; this is not a text file", name, line);
            return -EILSEQ;
        }
        bool line_end = cp == '\n' || (cp == '\r' && i + 1 < len && text[i + 1] == '\n');
        if (strict && !line_end && !text_char_allowed(cp, 0)) {
            say(err, errcap,
                "%s:%d: character U+%04X is not allowed (a control or direction character); "
                "remove it",
                name, line, (unsigned)cp);
            return -EILSEQ;
        }
        if (cp == '\n')
            line++;
        i += used;
    }
    return 0;
}

static int check_calendar(const char *name, int year, const char *text, size_t len, char *err,
                          size_t errcap)
{
    struct calendar *cal = NULL;
    struct cal_error cerr = {0};
    int rc = cal_new(&cal);
    if (rc < 0) {
        say(err, errcap, "%s: out of memory", name);
        return rc;
    }
    rc = cal_load_year(cal, text, len, year, &cerr);
    if (rc == -ENOMEM)
        say(err, errcap, "%s: out of memory", name);
    else if (rc < 0 && cerr.line > 0)
        say(err, errcap, "%s:%d: %s", name, cerr.line, cerr.message);
    else if (rc < 0)
        say(err, errcap, "%s: %s", name, cerr.message);
    cal_free(cal);
    return rc == -ENOMEM ? rc : rc < 0 ? -EINVAL : 0;
}

static int check_rules(const char *name, const char *text, size_t len, char *err, size_t errcap)
{
    struct rule_table table;
    struct ini_error ierr;
    memset(&ierr, 0, sizeof(ierr));
    int rc = rule_table_parse(text, len, &table, &ierr);
    if (rc < 0) {
        char where[32] = "";
        if (ierr.line > 0)
            snprintf(where, sizeof(where), ":%d", ierr.line);
        say(err, errcap, "%s%s: %s%s%s", name, where, ierr.key, ierr.key[0] ? ": " : "",
            ierr.message);
        return -EINVAL;
    }
    return 0;
}

int officedoc_check(const char *name, const char *text, size_t len, char *err, size_t errcap)
{
    enum officedoc_kind kind;
    int year = 0;
    if (officedoc_name(name, &kind, &year) < 0) {
        char shown[48];
        printable(name, shown);
        say(err, errcap,
            "'%s': not a document a kiosk takes; the names are calendar/YYYY.txt (YYYY from "
            "%d to %d), office/service-rules.conf, office/service-info.id.txt and "
            "office/service-info.en.txt",
            shown, OFFICEDOC_YEAR_MIN, OFFICEDOC_YEAR_MAX);
        return -EINVAL;
    }
    size_t max = kind == OFFICEDOC_INFO ? OFFICEDOC_INFO_MAX_BYTES : OFFICEDOC_MAX_BYTES;
    if (len > max) {
        say(err, errcap, "%s: %zu bytes is larger than the %zu a kiosk takes; shorten it", name,
            len, max);
        return -EFBIG;
    }
    if (len == 0) {
        say(err, errcap, "%s: the file is empty", name);
        return -EINVAL;
    }
    int rc = check_text(name, text, len, kind == OFFICEDOC_INFO, err, errcap);
    if (rc < 0)
        return rc;
    switch (kind) {
    case OFFICEDOC_CALENDAR:
        return check_calendar(name, year, text, len, err, errcap);
    case OFFICEDOC_RULES:
        return check_rules(name, text, len, err, errcap);
    case OFFICEDOC_INFO:
        return 0;
    }
    return -EINVAL;
}
