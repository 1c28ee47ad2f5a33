/*
 * pincheck — verifies a staff PIN against its hash on a thread of its
 * own, so that the touch UI keeps drawing during the hash's deliberate
 * slowness (a few hundred milliseconds on a Raspberry Pi).
 *
 * The one idea: one check at a time for the whole kiosk. The PIN is
 * copied in and the copy wiped on the worker as soon as it is checked;
 * the worker then calls ui_app_wake(), and the UI thread takes the
 * answer at its next build.
 */
#ifndef SERAMBI_UI_PINCHECK_H
#define SERAMBI_UI_PINCHECK_H

#include <stdbool.h>

/* Starts checking pin against hash (both copied; the caller may wipe
 * pin at once). 0, -EBUSY while a check runs, -ENOMEM / -EAGAIN when no
 * thread could be started. */
int ui_pincheck_start(const char *hash, const char *pin);

/* The answer of the check started last, taken once: 0 the PIN is right,
 * -EACCES wrong, -EINVAL the hash is not usable; -EINPROGRESS while it
 * runs; -ENOENT when no answer waits. */
int ui_pincheck_take(void);

/* Waits for a running check and forgets its answer (at shutdown). */
void ui_pincheck_fini(void);

#endif
