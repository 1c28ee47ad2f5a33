/*
 * pinlock — the staff PIN's rate limit; see pinlock.h.
 */
#include "ui/pinlock.h"

#include <string.h>

int64_t ui_pinlock_left_ms(const struct ui_pinlock *l, int64_t now_ms)
{
    return l->until_ms > now_ms ? l->until_ms - now_ms : 0;
}

int64_t ui_pinlock_wrong(struct ui_pinlock *l, int64_t now_ms)
{
    if (++l->wrong < UI_PINLOCK_TRIES)
        return 0;
    int64_t length = UI_PINLOCK_FIRST_MS;
    for (int i = 0; i < l->lockouts && length < UI_PINLOCK_MAX_MS; i++)
        length *= 2;
    if (length > UI_PINLOCK_MAX_MS)
        length = UI_PINLOCK_MAX_MS;
    l->wrong = 0;
    l->lockouts++;
    l->until_ms = now_ms + length;
    return length;
}

void ui_pinlock_right(struct ui_pinlock *l)
{
    memset(l, 0, sizeof(*l));
}

int ui_pinlock_tries_left(const struct ui_pinlock *l)
{
    return UI_PINLOCK_TRIES - l->wrong;
}
