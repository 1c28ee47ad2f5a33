/*
 * letter — the letter step that the meeting request and the complaint
 * share: the scanner's state, "Pindai surat", the progress of a scan
 * with its cancel, the previews of the pages with rescan and remove,
 * and, when there is no scanner or it fails, going on without the letter
 * and handing the paper at the desk.
 *
 * The one idea: a journey describes itself in one struct ui_letter_flow
 * (its id prefix, its screens before and after), and its two screens
 * ("PREFIX.letter", "PREFIX.pages") are built here from it, so both
 * journeys behave alike and say the same words. The pages live in the
 * scan worker (ui->svc.letter) until the record is committed with them.
 */
#ifndef SERAMBI_UI_LETTER_H
#define SERAMBI_UI_LETTER_H

#include <stdbool.h>

#include "store/store.h"
#include "ui/ui.h"

struct ui_letter_flow {
    const char *prefix; /* "meeting": ids "meeting.scan", "meeting.page.1", … */
    const struct ui_screen *letter, *pages; /* the two screens built here */
    const struct ui_screen *back, *next;    /* before and after the step */
    bool optional;     /* the complaint's attachment: skipping needs no paper */
    const char *title; /* the step's heading, already translated */
    const char *intro; /* what the letter is for, already translated */
};

/* Builds the step's first screen: the scanner, "scan", "go on without". */
void ui_letter_step(struct ui *ui, const struct ui_letter_flow *flow);
/* Builds the pages screen: previews, rescan / remove / add, "next". */
void ui_letter_pages(struct ui *ui, const struct ui_letter_flow *flow);

/* Pages of the scanned letter the record will carry (0: none). */
int ui_letter_page_count(const struct ui *ui);

/*
 * Commits rec through ui_submit() with the scanned pages, when there are
 * some, as one PDF (titled title, ASCII) in the same transaction. On
 * success the pages are dropped (they are in the store). When the PDF
 * cannot be made, puts failed_text in the notice and stays. Returns 0 or
 * a negative errno.
 */
int ui_letter_submit(struct ui *ui, struct store_record rec, const char *title,
                     const char *failed_text, const struct ui_screen *done);

#endif
