/*
 * i18n — gettext set-up and language switching; see i18n.h.
 */
#include "ui/i18n.h"

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* glibc's counter of loaded catalogues: bumping it makes gettext look the
 * language up again, which is how the gettext manual says a program
 * changes LANGUAGE at run time. */
extern int _nl_msg_cat_cntr;

int ui_i18n_init(const char *locale_dir)
{
    /* Only messages: numbers and character classes stay in "C". */
    if (!setlocale(LC_MESSAGES, "C.UTF-8"))
        return -ENOENT;
    /* LANGUAGE is process-wide: keep the C library's own messages
     * (strerror in the technician's logs) in English. */
    bindtextdomain("libc", "/nonexistent");
    bindtextdomain("serambi", locale_dir);
    bind_textdomain_codeset("serambi", "UTF-8");
    textdomain("serambi");
    return 0;
}

void ui_i18n_set(const char *lang)
{
    setenv("LANGUAGE", lang && strcmp(lang, "en") == 0 ? "en" : "id", 1);
    ++_nl_msg_cat_cntr;
}
