/*
 * ui — the widget toolkit: immediate-mode widgets with stable ids, laid
 * out top to bottom in a scrolling content area, under a header bar and
 * above the on-screen keyboard.
 *
 * The one idea: a screen is one function that declares its widgets every
 * time the UI is built, and reacts in the same place:
 *
 *     if (ui_button(ui, "home.guest", _("Buku tamu"), UI_PRIMARY))
 *         ui_go(ui, &ui_screen_guest_consent);
 *
 * A tap is found in the widgets of the last build, then the UI is built
 * once with the tap pending (the widget with that id returns true) and
 * once more to draw the result. The ids are what the replay taps and what
 * docs/ui-ids.md lists; the texts are what expect-text finds.
 */
#ifndef SERAMBI_UI_UI_H
#define SERAMBI_UI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "kiosk/config.h"
#include "kiosk/intake.h"
#include "kiosk/pin.h"
#include "store/store.h"
#include "ui/doc.h"
#include "ui/font.h"
#include "ui/geom.h"
#include "ui/image.h"
#include "ui/keyboard.h"
#include "ui/pinlock.h"
#include "ui/session.h"
#include "ui/textcache.h"
#include "ui/textlayout.h"
#include "ui/theme.h"

#define UI_ID_MAX      48
#define UI_TEXT_MAX    512
#define UI_WIDGETS_MAX 320

/* Flags of widgets. */
#define UI_PRIMARY  0x01u /* the main action: filled */
#define UI_CHECKED  0x02u
#define UI_FOCUSED  0x04u
#define UI_ERROR    0x08u
#define UI_CENTER   0x10u
#define UI_MUTED    0x20u
#define UI_CONTENT  0x40u /* scrolls with the content area */
#define UI_MODAL    0x80u /* part of the open dialog */
#define UI_SELECTED 0x100u
#define UI_WRAP     0x200u /* a text field whose text wraps in a taller box */

enum ui_kind {
    UI_W_TEXT,
    UI_W_BUTTON,
    UI_W_FIELD,
    UI_W_CHECK,
    UI_W_RADIO,
    UI_W_KEY,
    UI_W_QR,
    UI_W_PROGRESS,
    UI_W_PANEL, /* a dialog's card */
    UI_W_SCRIM, /* darkens what is behind a dialog */
    UI_W_IMAGE  /* a picture from pixels (a page preview) */
};

struct ui_widget {
    char id[UI_ID_MAX]; /* "" for what cannot be tapped */
    enum ui_kind kind;
    struct ui_rect rect; /* picture coordinates, scroll applied */
    char text[UI_TEXT_MAX];
    enum ui_font_role font;
    unsigned flags;
    int value; /* progress: 0..1000 */
    char *buf; /* text field: the buffer it edits (borrowed) */
    size_t cap;
    bool phone;
    uint64_t image_key; /* image: its picture in ui->images */
};

/* A wrapped field's lines, kept while its text and width stay the same. */
#define UI_WRAP_LINES 512
struct ui_wrap {
    char text[REC_BUF(REC_TEXT_CHARS)]; /* what was laid out: typed, so wiped with the visit */
    uint64_t hash;
    size_t len;
    int width, px;
    bool bold;
    bool has_text; /* text holds what the lines are of */
    int n;         /* lines laid out: at most UI_WRAP_LINES */
    struct ui_line lines[UI_WRAP_LINES];
};

/* The staff screens' state (screens/staff.c): outside the visitor's
 * session, so that a PIN lockout outlives the visit. */
struct ui_staff {
    struct ui_pinlock lock;
    char pin[PIN_MAX_DIGITS + 1];    /* the digits typed; never in a widget */
    char masked[PIN_MAX_DIGITS + 1]; /* what the PIN field shows and the pad edits: '*' each */
    bool checking;                   /* a check runs on its thread (ui/pincheck.h) */
    char message[160];               /* the last answer for staff, or "" */
};

/* Holding the top-left corner of Home this long opens the staff PIN screen. */
#define UI_STAFF_HOLD_MS 3000

struct ui;

struct ui_screen {
    const char *id; /* "home", "guest.form": docs/ui-ids.md */
    void (*build)(struct ui *ui);
    bool holds_visitor_data; /* the idle timeout applies */
};

/* What a device is doing, for the visitor's screens and the staff's. */
enum ui_dev_state {
    UI_DEV_UNKNOWN, /* not asked yet, or the kiosk has no such part */
    UI_DEV_READY,
    UI_DEV_ABSENT, /* not plugged in, not configured */
    UI_DEV_TROUBLE /* there, but cannot work now (paper out, jammed, offline) */
};

/* What became of a ticket's paper, for the done screens. */
enum ui_ticket_paper {
    UI_PAPER_NONE,     /* no printer hook: nothing is said */
    UI_PAPER_PRINTING, /* on its way */
    UI_PAPER_PRINTED,  /* out: take it */
    UI_PAPER_TROUBLE   /* the printer cannot print: see the officer */
};

/*
 * The devices around the UI, filled in by the kiosk; ctx and any member
 * may be NULL (tests, a kiosk without that part). Called on the UI
 * thread during a build, so each answers from what its worker last saw
 * and never blocks; a worker that sees a change calls ui_app_wake().
 */
struct ui_devices {
    void *ctx;
    /* The scanner's state, and a line for staff (device, last problem)
     * into detail[cap]. */
    enum ui_dev_state (*scanner)(void *ctx, char *detail, size_t cap);
    /* The ticket printer's state, and a line for staff into detail[cap]. */
    enum ui_dev_state (*printer)(void *ctx, char *detail, size_t cap);
    /* Queues the last ticket again (staff's reprint); 0 or a negative errno. */
    int (*reprint_last)(void *ctx);
    /* Prints a ticket just committed (borrowed for the call); 0 or a
     * negative errno. Only hands it to the printing worker. */
    int (*print_ticket)(void *ctx, const struct rec_ticket *ticket);
    /* What became of the paper of the ticket with ticket_id. */
    enum ui_ticket_paper (*ticket_paper)(void *ctx, const char *ticket_id);
};

struct scan_worker;

/* What the screens act through; all borrowed. */
struct ui_services {
    const struct kiosk_config *cfg;
    struct intake *intake;
    struct store *store;
    struct ui_devices dev;
    /* Scans the visitor's letter (scan/worker.h), or NULL: the letter
     * step then offers handing the paper at the desk only. */
    struct scan_worker *letter;
};

/* The clock the UI runs on: monotonic milliseconds and UTC wall time. The
 * replay drives a virtual one. */
struct ui_clock {
    int64_t (*mono_ms)(void *ctx);
    int64_t (*wall_ms)(void *ctx);
    void *ctx;
};

struct ui {
    struct ui_services svc;
    struct ui_session *session; /* borrowed; the visitor's data */
    struct ui_clock clock;

    /* display */
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *picture; /* what the visitor sees, before rotation */
    int panel_w, panel_h, rotation_deg;
    int w, h; /* picture size */
    double px_per_mm;
    struct ui_theme theme;
    struct ui_fonts fonts;
    struct ui_textcache texts;
    struct ui_images images; /* page previews: visitor data, cleared with the visit */

    /* office texts: the service standard, Indonesian and English */
    struct ui_doc info_id, info_en;

    /* screens */
    const struct ui_screen *screen;
    const struct ui_screen *next_screen; /* set by ui_go() during a build */
    int scroll_px;
    int content_h;          /* height of the content of the last build */
    struct ui_rect content; /* the scrolling area */

    /* the build */
    struct ui_widget widgets[UI_WIDGETS_MAX];
    int count;
    int overflow; /* widgets that did not fit: a programming error */
    int cursor_y; /* next free line of the content, unscrolled */
    int row_cols, row_col, row_y, row_h;
    struct ui_rect col;        /* the content's column */
    struct ui_rect dialog_col; /* the open dialog's column */
    int dialog_first;          /* index of the dialog's scrim */
    int saved_cursor_y;
    const struct ui_screen *home;
    char tapped[UI_ID_MAX];

    /* editing */
    char focus[UI_ID_MAX]; /* the field being edited, or "" */
    struct ui_kb kb;
    size_t caret;        /* byte offset in the edited field's text */
    struct ui_wrap wrap; /* the lines of the last wrapped field laid out */
    int wrap_first;      /* the first line of the edited wrapped field in view */

    struct ui_staff staff;

    /* idle */
    int64_t last_input_ms;
    int64_t idle_deadline_ms; /* 0: no "still there?" dialog */
    int64_t redraw_at_ms;     /* a countdown on screen wants a build then; 0: none */

    /* flags, together so the struct packs */
    bool replay;          /* driven by a script: no screen needed */
    bool building_dialog; /* the build is inside ui_dialog_begin()/end() */
    bool scroll_to_focus; /* the next build scrolls the edited field into view */
    bool dirty;           /* something changed: draw again */
};

/* --- for screens ------------------------------------------------------- */

/* Goes to screen after this build. */
void ui_go(struct ui *ui, const struct ui_screen *screen);
/* Ends the visitor's sitting: wipes the session and goes Home. */
void ui_finish_visit(struct ui *ui);

/* A wrapping paragraph in font role, flags UI_CENTER / UI_MUTED / UI_ERROR. */
void ui_text(struct ui *ui, const char *text, enum ui_font_role font, unsigned flags);
/* One line of a review screen: a small muted label and its value ("-"
 * when empty) close under it. */
void ui_review_line(struct ui *ui, const char *label, const char *value);
/* printf-style ui_text(). */
void ui_textf(struct ui *ui, enum ui_font_role font, unsigned flags, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Empty space of px pixels. */
void ui_space(struct ui *ui, int px);
/* The next n widgets share one row in equal columns. */
void ui_row(struct ui *ui, int n);

/* A button; true in the build where it was tapped. */
bool ui_button(struct ui *ui, const char *id, const char *label, unsigned flags);
/* A big button for a main choice (Home's services), in rows of tiles. */
bool ui_tile(struct ui *ui, const char *id, const char *label, unsigned flags);
/* A check box bound to *value; true when tapped (after *value toggled). */
bool ui_check(struct ui *ui, const char *id, const char *label, bool *value);
/* A radio button of a group bound to *group; selects mine when tapped. */
bool ui_radio(struct ui *ui, const char *id, const char *label, int *group, int mine);
/* A labelled text field editing buf (cap bytes, borrowed until the next
 * build); the phone pad instead of letters when phone. error, when not
 * NULL or "", is shown under the field. */
void ui_field(struct ui *ui, const char *id, const char *label, char *buf, size_t cap, bool phone,
              const char *error);
/* A text field for a paragraph: the text wraps in a box of a few lines
 * (the end, where typing goes on, stays in view), with a counter
 * "123/2000" of max_chars under it. Otherwise as ui_field(). */
void ui_textarea(struct ui *ui, const char *id, const char *label, char *buf, size_t cap,
                 int max_chars, const char *error);
/* A QR code of text, size_px square, centred. */
void ui_qr(struct ui *ui, const char *id, const char *text, int size_px);
/* A picture of px (see image.h) fitted into a box box_h_px high, centred,
 * framed; key names the picture (equal keys, equal pictures; px may be
 * NULL when the key was declared before). true when tapped. */
bool ui_image(struct ui *ui, const char *id, uint64_t key, const struct ui_pixels *px,
              int box_h_px);
/* A progress bar, permille 0..1000. */
void ui_progress(struct ui *ui, const char *id, int permille);

/* The ticket of a done screen (ticket_card.c): number and tracking code
 * large, the QR code of the public status page (id "PREFIX.qr"), the due
 * time the service standard promises, and what the printer is doing. */
void ui_ticket_card(struct ui *ui, const char *id_prefix, const struct rec_ticket *ticket);

/* A modal dialog: what is declared between begin and end sits on a card
 * in the middle of the screen, and only it can be tapped. */
void ui_dialog_begin(struct ui *ui);
void ui_dialog_end(struct ui *ui);

/* --- for the shell and the replay --------------------------------------- */

/* Builds the current screen, the header, the keyboard and any dialog. */
void ui_build(struct ui *ui);
/* Reacts to a tap at p (picture coordinates). */
void ui_tap(struct ui *ui, struct ui_point p);
/* A finger lifted at p after held_ms without dragging: a tap, except a
 * hold of UI_STAFF_HOLD_MS or more in the top-left corner of Home, which
 * asks for the staff PIN screen and is no tap. */
void ui_press(struct ui *ui, struct ui_point p, int64_t held_ms);
/* For screens with a countdown: build again at monotonic time at_ms. */
void ui_redraw_at(struct ui *ui, int64_t at_ms);
/* Scrolls the content by dy pixels (a drag). */
void ui_scroll(struct ui *ui, int dy);
/* Builds again because something outside changed (a worker's answer):
 * follows a screen change the build asked for and marks the picture for
 * drawing. */
void ui_refresh(struct ui *ui);
/* Runs timers: the idle dialog and its countdown. */
void ui_tick(struct ui *ui);
/* Milliseconds until ui_tick() has something to do, or -1 for never. */
int64_t ui_next_timer_ms(struct ui *ui);
/* The widget a tap at p would reach, or NULL. Borrowed. */
const struct ui_widget *ui_hit(const struct ui *ui, struct ui_point p);
/* The widget of the last build with id, or NULL. Borrowed. */
const struct ui_widget *ui_find(const struct ui *ui, const char *id);
/* Remakes the theme (after a mode change or at start). */
void ui_restyle(struct ui *ui);

/* Internal to the toolkit (widgets.c, frame.c). */
void ui_add_key(struct ui *ui, const struct ui_kb_key *key, struct ui_rect r, unsigned flags);
int ui_add_raw(struct ui *ui, enum ui_kind kind, const char *id, struct ui_rect r, const char *text,
               enum ui_font_role font, unsigned flags);
bool ui_was_tapped(struct ui *ui, const char *id);

/* The edited field (edit.c): where its text sits, how it is laid out and
 * scrolled so the caret shows, and where a tap puts the caret. */
struct ui_field_view {
    struct ui_rect box;         /* where the text goes */
    TTF_Font *font;             /* NULL when no font could be opened */
    int line_h;                 /* wrapped: pixels per line */
    const struct ui_wrap *wrap; /* wrapped: the lines (borrowed from ui) */
    int first, visible;         /* wrapped: the first line shown, how many fit */
    int shift;                  /* one line: pixels scrolled left so the caret shows */
    size_t caret;               /* the caret, when the field is being edited */
};
void ui_field_view(struct ui *ui, const struct ui_widget *w, struct ui_field_view *v);
/* The width of len bytes at s in font. */
int ui_measure(void *font, const char *s, size_t len);
/* Moves the caret of the edited field w to where p was tapped. */
void ui_field_tap(struct ui *ui, const struct ui_widget *w, struct ui_point p);

/* Draws the last build into the picture and shows it. 0 or -EIO. */
int ui_draw(struct ui *ui);

#endif
