/*
 * replay — `serambi --replay SCRIPT [--screenshots DIR]`: drives the real
 * UI from a script (ui/script.h) on a virtual clock and checks what the
 * visitor would see.
 *
 * The one idea: the replay presses what a finger would press. "tap ID"
 * taps the middle of the widget (scrolling it into view first, as a
 * visitor would), and "type" presses the on-screen keyboard's keys one by
 * one, switching layers as needed; nothing edits a field directly.
 */
#ifndef SERAMBI_UI_REPLAY_H
#define SERAMBI_UI_REPLAY_H

#include <stdint.h>
#include <stdio.h>

#include "ui/ui.h"

/* The virtual clock: starts at the real time, moves only by the script. */
struct ui_replay_clock {
    int64_t mono_ms;
    int64_t wall_ms;
};

/* A clock for ui_app_open() that reads *c (borrowed). */
struct ui_clock ui_replay_clock(struct ui_replay_clock *c);

/*
 * Runs the script at path against ui (opened with ui_replay_clock(c)).
 * Screenshots go to shots_dir as NAME.png, or nowhere when it is NULL.
 * The first failure is reported on report as "SCRIPT:LINE: LINE: why".
 * Returns 0 when every line held, 1 when one failed, 2 when the script
 * could not be read or has a malformed line.
 */
int ui_replay_run(struct ui *ui, struct ui_replay_clock *c, const char *path, const char *shots_dir,
                  FILE *report);

#endif
