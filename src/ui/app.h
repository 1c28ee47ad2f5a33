/*
 * app — the kiosk's shell: opens the display through SDL (KMSDRM on the
 * kiosk, a window on a desktop, offscreen in tests) as the configuration
 * says, and runs the event loop that turns touches into taps and drags.
 *
 * The one idea: the loop sleeps in SDL_WaitEventTimeout() until a touch or
 * the next timer, and draws only when a build changed something, so an
 * idle kiosk costs almost no CPU.
 */
#ifndef SERAMBI_UI_APP_H
#define SERAMBI_UI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/ui.h"

/*
 * Opens the display, fonts and translations for ui, whose svc and session
 * the caller has set (borrowed until ui_app_close()). clock may be NULL
 * for the real clocks; replay passes its own. 0, or a negative errno with
 * err saying what failed and what the technician can do (no display, no
 * font).
 */
int ui_app_open(struct ui *ui, const struct ui_clock *clock, char *err, size_t errcap);
/* Releases everything ui_app_open() made; safe after a failed open. Stop
 * the workers that call ui_app_wake() first. */
void ui_app_close(struct ui *ui);

/* Shows Home and runs until the window is closed (or Escape in a
 * window). Returns 0, or -EIO when drawing failed. */
int ui_app_run(struct ui *ui);

/* Tells the loop that a worker has news: the UI builds again and draws.
 * Safe from any thread, cheap when called often (one pending wake at a
 * time); does nothing before ui_app_open(). */
void ui_app_wake(void);

/* For a loop of its own (the replay): takes a pending wake out of SDL's
 * queue; true when there was one. */
bool ui_app_take_wake(void);

/* Writes the picture as a PNG file. 0 or -EIO. */
int ui_app_screenshot(struct ui *ui, const char *path);

#endif
