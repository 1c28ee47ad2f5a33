/*
 * options — setting a SANE device up for one scan; see options.h.
 *
 * Backends name their options alike (SANE_NAME_SCAN_SOURCE, _MODE,
 * _RESOLUTION) but fill the lists with their own words ("ADF Front",
 * "Automatic Document Feeder", "Lineart", "Binary"), so an entry is
 * picked by the words it contains, in the order of preference.
 */
#include "scan/options.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sane/saneopts.h>

/* Where a failure is written: the problem and the technician's detail. */
struct failure {
    enum scan_problem *problem;
    char *detail;
    size_t cap;
};

__attribute__((format(printf, 3, 4))) static int fail(struct failure *f, enum scan_problem problem,
                                                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(f->detail, f->cap, fmt, ap);
    va_end(ap);
    if (n < 0)
        f->detail[0] = '\0';
    *f->problem = problem;
    return scan_problem_errno(problem);
}

static SANE_Int find_option(SANE_Handle h, const char *name, const SANE_Option_Descriptor **desc)
{
    for (SANE_Int i = 1;; i++) {
        const SANE_Option_Descriptor *d = sane_get_option_descriptor(h, i);
        if (!d)
            return -1;
        if (d->name && strcmp(d->name, name) == 0 && SANE_OPTION_IS_ACTIVE(d->cap) &&
            SANE_OPTION_IS_SETTABLE(d->cap)) {
            *desc = d;
            return i;
        }
    }
}

/* The first entry of a string list constraint that contains one of the
 * words (case-insensitive), or NULL. */
static const char *pick_string(const SANE_Option_Descriptor *d, const char *const *words)
{
    if (d->constraint_type != SANE_CONSTRAINT_STRING_LIST)
        return NULL;
    for (size_t w = 0; words[w]; w++)
        for (size_t i = 0; d->constraint.string_list[i]; i++)
            if (strcasestr(d->constraint.string_list[i], words[w]))
                return d->constraint.string_list[i];
    return NULL;
}

static SANE_Status set_string(SANE_Handle h, SANE_Int opt, const SANE_Option_Descriptor *d,
                              const char *value)
{
    /* The backend reads d->size bytes, whatever the string's length. */
    if (d->type != SANE_TYPE_STRING || d->size < 1 || strlen(value) >= (size_t)d->size)
        return SANE_STATUS_INVAL;
    char *buf = calloc(1, (size_t)d->size);
    if (!buf)
        return SANE_STATUS_NO_MEM;
    snprintf(buf, (size_t)d->size, "%s", value);
    SANE_Status st = sane_control_option(h, opt, SANE_ACTION_SET_VALUE, buf, NULL);
    free(buf);
    return st;
}

static SANE_Status set_number(SANE_Handle h, SANE_Int opt, const SANE_Option_Descriptor *d,
                              int value)
{
    SANE_Word word;
    if (d->type == SANE_TYPE_INT)
        word = value;
    else if (d->type == SANE_TYPE_FIXED)
        word = SANE_FIX(value);
    else
        return SANE_STATUS_INVAL;
    return sane_control_option(h, opt, SANE_ACTION_SET_VALUE, &word, NULL);
}

static int set_source(struct failure *f, SANE_Handle h, enum scan_source source)
{
    static const char *const feeder[] = {"adf", "feeder", "automatic", NULL};
    static const char *const flatbed[] = {"flatbed", NULL};
    const SANE_Option_Descriptor *d = NULL;
    SANE_Int opt = find_option(h, SANE_NAME_SCAN_SOURCE, &d);
    if (opt < 0) {
        /* A scanner without the option has only one way to take paper. */
        return 0;
    }
    const char *value = pick_string(d, source == SCAN_SOURCE_ADF ? feeder : flatbed);
    if (!value)
        return fail(f, SCAN_PROBLEM_UNSUPPORTED, "the scanner has no %s",
                    source == SCAN_SOURCE_ADF ? "document feeder" : "flatbed");
    SANE_Status st = set_string(h, opt, d, value);
    if (st != SANE_STATUS_GOOD)
        return fail(f, SCAN_PROBLEM_UNSUPPORTED, "cannot select source '%s': %s", value,
                    sane_strstatus(st));
    return 0;
}

static int set_mode(struct failure *f, SANE_Handle h, enum scan_mode mode)
{
    static const char *const lineart[] = {"lineart", "binary", "black", NULL};
    static const char *const gray[] = {"gray", "grey", NULL};
    static const char *const color[] = {"color", "colour", NULL};
    const SANE_Option_Descriptor *d = NULL;
    SANE_Int opt = find_option(h, SANE_NAME_SCAN_MODE, &d);
    int depth = mode == SCAN_MODE_LINEART ? 1 : 8;
    if (opt >= 0) {
        const char *const *words = mode == SCAN_MODE_COLOR ? color : gray;
        const char *value = NULL;
        if (mode == SCAN_MODE_LINEART)
            value = pick_string(d, lineart);
        /* No line-art mode: grey at one bit per sample is the same thing. */
        if (value)
            depth = 0;
        else
            value = pick_string(d, words);
        if (!value)
            return fail(f, SCAN_PROBLEM_UNSUPPORTED, "the scanner has no suitable mode");
        SANE_Status st = set_string(h, opt, d, value);
        if (st != SANE_STATUS_GOOD)
            return fail(f, SCAN_PROBLEM_UNSUPPORTED, "cannot select mode '%s': %s", value,
                        sane_strstatus(st));
    }
    if (depth == 0)
        return 0;
    opt = find_option(h, SANE_NAME_BIT_DEPTH, &d);
    if (opt >= 0) {
        SANE_Status st = set_number(h, opt, d, depth);
        if (st != SANE_STATUS_GOOD)
            return fail(f, SCAN_PROBLEM_UNSUPPORTED, "cannot set depth %d: %s", depth,
                        sane_strstatus(st));
    }
    return 0;
}

int scan_options_apply(SANE_Handle h, const struct scan_options *o, enum scan_problem *problem,
                       char *detail, size_t cap)
{
    struct failure failure = {problem, detail, cap};
    struct failure *f = &failure;
    /* Source first: some backends change the other options' lists with it. */
    int rc = set_source(f, h, o->source);
    if (rc < 0)
        return rc;
    rc = set_mode(f, h, o->mode);
    if (rc < 0)
        return rc;
    const SANE_Option_Descriptor *d = NULL;
    SANE_Int opt = find_option(h, SANE_NAME_SCAN_RESOLUTION, &d);
    if (opt >= 0) {
        SANE_Status st = set_number(h, opt, d, o->resolution_dpi);
        if (st != SANE_STATUS_GOOD)
            return fail(f, SCAN_PROBLEM_UNSUPPORTED, "cannot set %d dpi: %s", o->resolution_dpi,
                        sane_strstatus(st));
    }
    return 0;
}
