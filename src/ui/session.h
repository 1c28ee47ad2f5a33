/*
 * session — what one visitor has chosen and typed, from Home until they
 * finish or walk away: language, display modes, the forms as typed, the
 * cleaned records and the ticket.
 *
 * The one idea: everything personal lives in this one struct of fixed
 * buffers, so ui_session_wipe() can clear it with a single memset when
 * the visit ends or the idle timeout fires.
 */
#ifndef SERAMBI_UI_SESSION_H
#define SERAMBI_UI_SESSION_H

#include <stdbool.h>

#include "core/records.h"
#include "core/tracking.h"
#include "core/validate.h"
#include "store/store.h"

enum ui_guest_field {
    UI_GUEST_NAME,
    UI_GUEST_ORG,
    UI_GUEST_PHONE,
    UI_GUEST_PURPOSE,
    UI_GUEST_MEET,
    UI_GUEST_PARTY,
    UI_GUEST_FIELDS
};

enum ui_meeting_field {
    UI_MEETING_NAME,
    UI_MEETING_ORG,
    UI_MEETING_PHONE,
    UI_MEETING_SUBJECT,
    UI_MEETING_DATES,
    UI_MEETING_FIELDS
};

struct ui_session {
    char lang[3]; /* "id" or "en" */
    bool large_text;
    bool high_contrast;

    bool visit_open; /* visit was begun in the store for this visitor */
    struct rec_visit visit;

    bool guest_consent;
    char guest_typed[UI_GUEST_FIELDS][REC_BUF(REC_SHORT_CHARS)];
    struct val_outcome guest_error[UI_GUEST_FIELDS];
    bool guest_checked; /* errors are shown after the first "next" */
    struct rec_guest guest;
    struct rec_ticket ticket;
    char notice[256]; /* a message for the visitor on the current screen, or "" */

    /* complaint: privacy is 0 until chosen, else enum rec_privacy + 1, so a
     * wiped session has no choice made for the visitor */
    int complaint_privacy;
    char complaint_name[REC_BUF(REC_NAME_CHARS)];
    char complaint_phone[REC_BUF(REC_PHONE_CHARS)];
    char complaint_body[REC_BUF(REC_TEXT_CHARS)];
    struct val_outcome complaint_error[3]; /* name, phone, body */
    bool complaint_checked;
    struct rec_complaint complaint;

    /* meeting request */
    struct rec_meeting meeting;
    struct val_outcome meeting_error[UI_MEETING_FIELDS];
    char meeting_typed[UI_MEETING_FIELDS][REC_BUF(REC_SHORT_CHARS)];
    bool meeting_checked;
    /* the letter step (meeting letter, complaint attachment); the pages
     * themselves are in the scan worker, discarded with the visit */
    bool letter_waiting; /* a scan was started from the letter screens */
    bool letter_at_desk; /* no scan: the visitor hands the paper at the desk */

    /* survey: 0 until answered, else 1..4 */
    int survey_score[REC_SKM_ELEMENTS];
    char survey_comment[REC_BUF(REC_COMMENT_CHARS)];
    bool survey_checked;
    struct rec_survey survey;

    char status_typed[32];
    char status_message[256]; /* why a code was not accepted, or "" */
    bool status_found;
    struct store_status status;
};

/* Clears everything, then starts the next visitor in default_lang. */
void ui_session_wipe(struct ui_session *s, const char *default_lang);

#endif
