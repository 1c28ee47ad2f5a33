/*
 * pinlock — how many wrong staff PINs may be tried: after
 * UI_PINLOCK_TRIES wrong ones in a row the PIN screen locks, first for
 * 30 seconds, then twice as long at each further lockout up to 16
 * minutes; the right PIN starts over.
 *
 * The one idea: the lock is plain numbers on the UI's monotonic clock,
 * kept in struct ui outside the visitor's session, so going Home or the
 * idle timeout does not reset it; only a restart of the kiosk does.
 */
#ifndef SERAMBI_UI_PINLOCK_H
#define SERAMBI_UI_PINLOCK_H

#include <stdint.h>

#define UI_PINLOCK_TRIES    3
#define UI_PINLOCK_FIRST_MS ((int64_t)30 * 1000)
#define UI_PINLOCK_MAX_MS   ((int64_t)16 * 60 * 1000)

struct ui_pinlock {
    int wrong;        /* wrong PINs since the last lockout or the right PIN */
    int lockouts;     /* lockouts since the right PIN */
    int64_t until_ms; /* locked until this monotonic time; 0: not locked */
};

/* Milliseconds the lock still holds at now_ms; 0 when a PIN may be tried. */
int64_t ui_pinlock_left_ms(const struct ui_pinlock *l, int64_t now_ms);

/* Counts a wrong PIN at now_ms. Returns the length of the lockout it
 * started in milliseconds, or 0 when tries are left. */
int64_t ui_pinlock_wrong(struct ui_pinlock *l, int64_t now_ms);

/* The right PIN: every count starts over. */
void ui_pinlock_right(struct ui_pinlock *l);

/* Wrong PINs that may still be tried before the next lockout. */
int ui_pinlock_tries_left(const struct ui_pinlock *l);

#endif
