/*
 * errlog — the last problems the kiosk met, for the staff screen: each
 * line goes to stderr (journald keeps it) and into a small ring of the
 * last ERRLOG_LINES lines that the staff screen shows.
 *
 * The one idea: one call where a part already logs a failure, so the
 * technician at the kiosk reads what the journal says. The lines are for
 * technicians: what failed and why, never a visitor's data (no names,
 * phone numbers, letters or complaint text). Safe from any thread.
 */
#ifndef SERAMBI_KIOSK_ERRLOG_H
#define SERAMBI_KIOSK_ERRLOG_H

#include <stddef.h>
#include <stdint.h>

#define ERRLOG_LINES    10
#define ERRLOG_LINE_MAX 160 /* bytes of one line, NUL included; longer ones are cut */

struct errlog_line {
    int64_t utc_ms; /* when it was added, wall clock */
    char module[16];
    char text[ERRLOG_LINE_MAX];
};

/* Writes "serambi: MODULE: TEXT" to stderr and keeps it in the ring,
 * pushing out the oldest line when the ring is full. */
void errlog_add(const char *module, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Copies the kept lines, newest first, into out (max entries); returns
 * how many. */
size_t errlog_copy(struct errlog_line *out, size_t max);

/* Forgets every kept line (tests). */
void errlog_clear(void);

#endif
