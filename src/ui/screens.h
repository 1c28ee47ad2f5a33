/*
 * screens — every screen of the kiosk, one file each under screens/. A
 * screen's id is what `expect-screen` names and docs/ui-ids.md lists.
 */
#ifndef SERAMBI_UI_SCREENS_H
#define SERAMBI_UI_SCREENS_H

#include "ui/ui.h"

extern const struct ui_screen ui_screen_home;          /* "home" */
extern const struct ui_screen ui_screen_guest_consent; /* "guest.consent" */
extern const struct ui_screen ui_screen_guest_form;    /* "guest.form" */
extern const struct ui_screen ui_screen_guest_review;  /* "guest.review" */
extern const struct ui_screen ui_screen_guest_done;    /* "guest.done" */
extern const struct ui_screen ui_screen_info;          /* "info" */
extern const struct ui_screen ui_screen_status;        /* "status" */

extern const struct ui_screen ui_screen_complaint_privacy; /* "complaint.privacy" */
extern const struct ui_screen ui_screen_complaint_form;    /* "complaint.form" */
extern const struct ui_screen ui_screen_complaint_review;  /* "complaint.review" */
extern const struct ui_screen ui_screen_complaint_done;    /* "complaint.done" */
extern const struct ui_screen ui_screen_complaint_letter;  /* "complaint.letter" */
extern const struct ui_screen ui_screen_complaint_pages;   /* "complaint.pages" */
extern const struct ui_screen ui_screen_survey;            /* "survey" */
extern const struct ui_screen ui_screen_survey_done;       /* "survey.done" */

extern const struct ui_screen ui_screen_staff_pin; /* "staff.pin" */
extern const struct ui_screen ui_screen_staff;     /* "staff" */
/* The staff gesture on Home: the PIN screen, or only a log line for the
 * technician when no staff_pin_hash is configured. */
void ui_staff_begin(struct ui *ui);

extern const struct ui_screen ui_screen_meeting_form;   /* "meeting.form" */
extern const struct ui_screen ui_screen_meeting_letter; /* "meeting.letter" */
extern const struct ui_screen ui_screen_meeting_pages;  /* "meeting.pages" */
extern const struct ui_screen ui_screen_meeting_review; /* "meeting.review" */
extern const struct ui_screen ui_screen_meeting_done;   /* "meeting.done" */

#endif
