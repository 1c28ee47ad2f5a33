/*
 * submit — the one way a screen stores what the visitor confirmed: the
 * sitting's visit is opened on its first record, the record goes through
 * intake (due time, then one commit), and only a committed record moves
 * the visitor on. This is also the one place to move onto a worker
 * thread when submissions leave the UI thread.
 */
#ifndef SERAMBI_UI_SUBMIT_H
#define SERAMBI_UI_SUBMIT_H

#include "store/store.h"
#include "ui/ui.h"

/*
 * Commits rec (borrowed from the session) at the UI clock's now. On
 * success copies the ticket into the session (when the record gets one),
 * clears its notice and goes to done. On failure logs for the technician
 * what kind of record failed and why (never the visitor's data), puts
 * failed_text in the session's notice and stays on the screen. Returns 0
 * or the negative errno of intake_submit().
 */
int ui_submit(struct ui *ui, struct store_record rec, const char *failed_text,
              const struct ui_screen *done);

#endif
