/*
 * problem — what can go wrong with a scan, as the visitor must hear it.
 *
 * The one idea: the scanner's many status codes fold into a few problems
 * a person can act on, each with one plain polite sentence and a way
 * forward, Indonesian first and English second. The kiosk screen and the
 * technician's `serambi scan` show the same words; neither ever shows a
 * raw code.
 */
#ifndef SERAMBI_SCAN_PROBLEM_H
#define SERAMBI_SCAN_PROBLEM_H

enum scan_problem {
    SCAN_OK,
    SCAN_PROBLEM_NO_SCANNER,  /* none found, or the configured one is absent */
    SCAN_PROBLEM_UNPLUGGED,   /* it went away during the scan */
    SCAN_PROBLEM_BUSY,        /* in use by another program */
    SCAN_PROBLEM_JAM,         /* paper jam */
    SCAN_PROBLEM_NO_PAPER,    /* the feeder is empty */
    SCAN_PROBLEM_COVER_OPEN,  /* cover or feeder lid open */
    SCAN_PROBLEM_IO,          /* the connection failed */
    SCAN_PROBLEM_CANCELLED,   /* the visitor or the program stopped it */
    SCAN_PROBLEM_BLANK,       /* every page was empty */
    SCAN_PROBLEM_TOO_MANY,    /* more pages than allowed */
    SCAN_PROBLEM_UNSUPPORTED, /* the scanner cannot scan as asked */
    SCAN_PROBLEM_DENIED,      /* no permission to use the device */
    SCAN_PROBLEM_FAILED,      /* anything else */
    SCAN_PROBLEM_COUNT
};

/* What the visitor reads: what happened and what to do. Static strings. */
struct scan_problem_text {
    const char *id; /* Indonesian */
    const char *en; /* English */
};

/* The visitor's text of a problem; SCAN_PROBLEM_FAILED's for an
 * out-of-range value. Static. */
const struct scan_problem_text *scan_problem_text(enum scan_problem problem);

/* A stable short name for logs and the technician ("jam", "no_paper").
 * Static. */
const char *scan_problem_name(enum scan_problem problem);

/* The negative errno a function reports for a problem (-EIO, -ENODEV…). */
int scan_problem_errno(enum scan_problem problem);

#endif
