/*
 * i18n — the visitor's language for the UI's words, through GNU gettext.
 * The message ids are the Indonesian texts (Indonesian is the kiosk's
 * first language, so a missing catalogue still shows Indonesian);
 * assets/locale/en.po turns them into English.
 *
 * The one idea: GNU gettext ignores LANGUAGE in the "C" locale, so
 * messages run in C.UTF-8 and the language is chosen through LANGUAGE,
 * with gettext's catalogue cache invalidated on each switch.
 */
#ifndef SERAMBI_UI_I18N_H
#define SERAMBI_UI_I18N_H

#include <libintl.h>

#define _(msgid) gettext(msgid)
/* Marks a text for translation where it is defined; translated on use. */
#define N_(msgid) msgid

/* Binds the "serambi" catalogue in locale_dir (LANG/LC_MESSAGES/serambi.mo,
 * borrowed for the call). 0, or -ENOENT when no usable message locale
 * exists on this system; texts are then shown in Indonesian only. */
int ui_i18n_init(const char *locale_dir);

/* Switches to "id" or "en"; anything else is Indonesian. */
void ui_i18n_set(const char *lang);

#endif
