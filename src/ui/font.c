/*
 * font — finding and opening the typeface; see font.h.
 */
#include "ui/font.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

/* Asks fontconfig for pattern and accepts the answer only when it really
 * is the family asked for: fontconfig always answers with something. */
static int lookup(const char *pattern, const char *family, char *out, size_t cap)
{
    int rc = -ENOENT;
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    FcPattern *match = NULL;
    FcChar8 *file = NULL, *found_family = NULL;
    FcResult result;
    if (!pat)
        goto out;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    match = FcFontMatch(NULL, pat, &result);
    if (!match || FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch ||
        FcPatternGetString(match, FC_FAMILY, 0, &found_family) != FcResultMatch)
        goto out;
    if (strcmp((const char *)found_family, family) != 0)
        goto out;
    if ((size_t)snprintf(out, cap, "%s", (const char *)file) >= cap)
        goto out;
    rc = 0;
out:
    if (match)
        FcPatternDestroy(match);
    if (pat)
        FcPatternDestroy(pat);
    return rc;
}

int ui_fonts_init(struct ui_fonts *f, const char *regular, const char *bold, char *err,
                  size_t errcap)
{
    memset(f, 0, sizeof(*f));
    int rc = 0;
    if (regular && regular[0])
        snprintf(f->regular_path, sizeof(f->regular_path), "%s", regular);
    else if (lookup("Noto Sans:style=Regular", "Noto Sans", f->regular_path,
                    sizeof(f->regular_path)) < 0)
        rc = -ENOENT;
    if (rc == 0) {
        if (bold && bold[0])
            snprintf(f->bold_path, sizeof(f->bold_path), "%s", bold);
        else if (lookup("Noto Sans:style=Bold", "Noto Sans", f->bold_path, sizeof(f->bold_path)) <
                 0)
            snprintf(f->bold_path, sizeof(f->bold_path), "%s", f->regular_path);
    }
    /* fontconfig keeps its configuration for the process; release it so
     * that leak checkers see only what we still hold. */
    FcFini();
    if (rc < 0)
        snprintf(err, errcap,
                 "the font Noto Sans was not found: install the Debian package "
                 "fonts-noto-core, or set font_path in the configuration");
    return rc;
}

/* SDL_ttf keeps one FreeType library for the process, and FreeType wants
 * faces opened and closed one at a time; the UI and the ticket printer
 * each keep their own fonts (a face is used by one thread only) but may
 * open them at the same moment. */
static pthread_mutex_t faces = PTHREAD_MUTEX_INITIALIZER;

void ui_fonts_fini(struct ui_fonts *f)
{
    pthread_mutex_lock(&faces);
    for (int i = 0; i < f->count; i++)
        TTF_CloseFont(f->open[i].font);
    pthread_mutex_unlock(&faces);
    f->count = 0;
}

int ui_fonts_get(struct ui_fonts *f, int px, bool bold, TTF_Font **out)
{
    for (int i = 0; i < f->count; i++) {
        if (f->open[i].px == px && f->open[i].bold == bold) {
            *out = f->open[i].font;
            return 0;
        }
    }
    if (f->count == UI_FONT_SIZES_MAX) {
        /* Sizes come from the theme, a handful per mode; start over. */
        ui_fonts_fini(f);
    }
    pthread_mutex_lock(&faces);
    TTF_Font *font = TTF_OpenFont(bold ? f->bold_path : f->regular_path, px);
    pthread_mutex_unlock(&faces);
    if (!font)
        return -EIO;
    f->open[f->count].px = px;
    f->open[f->count].bold = bold;
    f->open[f->count].font = font;
    f->count++;
    *out = font;
    return 0;
}
