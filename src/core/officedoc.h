/*
 * officedoc — the office documents a kiosk takes from its hub: the holiday
 * calendar of a year, the service rules table and the visitor texts, named
 * exactly as the files under the assets folder:
 *
 *     calendar/YYYY.txt              (YYYY from 2000 to 2100)
 *     office/service-rules.conf
 *     office/service-info.id.txt
 *     office/service-info.en.txt
 *
 * The one idea: the hub and the kiosk check a document with the same code
 * and the same parsers the kiosk loads it with, so an office cannot
 * publish what a kiosk would refuse, and a kiosk never writes a file it
 * could not load. Any other name (a folder climb, an absolute path, a name
 * of tomorrow's program) is refused.
 */
#ifndef SERAMBI_CORE_OFFICEDOC_H
#define SERAMBI_CORE_OFFICEDOC_H

#include <stddef.h>

#define OFFICEDOC_NAME_SIZE      32      /* bytes of the longest name, with the NUL */
#define OFFICEDOC_MAX_BYTES      1048576 /* a calendar or rules file; a year is about 2 KiB */
#define OFFICEDOC_INFO_MAX_BYTES 65536   /* a visitor text: what the touch UI lays out */
#define OFFICEDOC_YEAR_MIN       2000
#define OFFICEDOC_YEAR_MAX       2100

enum officedoc_kind {
    OFFICEDOC_CALENDAR, /* calendar/YYYY.txt */
    OFFICEDOC_RULES,    /* office/service-rules.conf */
    OFFICEDOC_INFO,     /* office/service-info.LANG.txt */
};

/* Which document name is: 0 with *kind and *year (the calendar's year, 0
 * for the others; either pointer may be NULL), or -EINVAL for any other
 * name. */
int officedoc_name(const char *name, enum officedoc_kind *kind, int *year);

/*
 * Checks the document name with content text[0..len) fully: its name,
 * then UTF-8 text without NUL bytes within the size limit, then its parser
 * (cal_load_year() with the year of the name, rule_table_parse(), or the
 * visitor text's line rules). Returns 0, or -EINVAL (bad name or
 * content), -EFBIG (too large), -EILSEQ (not UTF-8 text), -ENOMEM, with
 * err saying what is wrong and where ("calendar/2027.txt:12: …").
 */
int officedoc_check(const char *name, const char *text, size_t len, char *err, size_t errcap);

#endif
