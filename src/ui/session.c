/*
 * session — the visitor's data and its wipe; see session.h.
 */
#include "ui/session.h"

#include <stdio.h>
#include <string.h>

void ui_session_wipe(struct ui_session *s, const char *default_lang)
{
    /* A plain memset the compiler cannot drop: s stays in use afterwards. */
    memset(s, 0, sizeof(*s));
    snprintf(s->lang, sizeof(s->lang), "%s", default_lang);
}
