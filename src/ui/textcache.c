/*
 * textcache — cached text textures; see textcache.h.
 */
#include "ui/textcache.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a over the text and the rendering parameters. */
static uint64_t hash_of(const char *text, int px, bool bold, int wrap_px, bool centered)
{
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    h = (h ^ (uint64_t)px) * 1099511628211ull;
    h = (h ^ (uint64_t)wrap_px) * 1099511628211ull;
    h = (h ^ (uint64_t)centered) * 1099511628211ull;
    return (h ^ (uint64_t)bold) * 1099511628211ull;
}

void ui_textcache_init(struct ui_textcache *c, SDL_Renderer *ren, struct ui_fonts *fonts)
{
    memset(c, 0, sizeof(*c));
    c->ren = ren;
    c->fonts = fonts;
}

void ui_textcache_clear(struct ui_textcache *c)
{
    for (int i = 0; i < UI_TEXTCACHE_SLOTS; i++) {
        struct ui_text_entry *e = &c->slots[i];
        if (e->tex)
            SDL_DestroyTexture(e->tex);
        if (e->text) {
            /* Visitors' words do not linger in freed memory either. */
            memset(e->text, 0, strlen(e->text));
            free(e->text);
        }
        memset(e, 0, sizeof(*e));
    }
    c->used = 0;
}

void ui_textcache_fini(struct ui_textcache *c)
{
    ui_textcache_clear(c);
}

int ui_textcache_get(struct ui_textcache *c, const char *text, int px, bool bold, int wrap_px,
                     bool centered, SDL_Texture **tex, int *w, int *h)
{
    TTF_Font *font;
    int rc = ui_fonts_get(c->fonts, px, bold, &font);
    if (rc < 0)
        return rc;
    if (text[0] == '\0') {
        *tex = NULL;
        *w = 0;
        *h = TTF_FontLineSkip(font);
        return 0;
    }
    uint64_t hv = hash_of(text, px, bold, wrap_px, centered);
    size_t i = (size_t)(hv % UI_TEXTCACHE_SLOTS);
    while (c->slots[i].text) {
        struct ui_text_entry *e = &c->slots[i];
        if (e->hash == hv && e->px == px && e->bold == bold && e->wrap_px == wrap_px &&
            e->centered == centered && strcmp(e->text, text) == 0) {
            c->hits++;
            *tex = e->tex;
            *w = e->w;
            *h = e->h;
            return 0;
        }
        i = (i + 1) % UI_TEXTCACHE_SLOTS;
    }
    /* Open addressing works while the table is at most three quarters
     * full; a kiosk's screens use far fewer texts than that. */
    if (c->used >= UI_TEXTCACHE_SLOTS * 3 / 4) {
        ui_textcache_clear(c);
        i = (size_t)(hv % UI_TEXTCACHE_SLOTS);
    }
    c->misses++;
    SDL_Color white = {255, 255, 255, 255};
    TTF_SetFontWrappedAlign(font, centered ? TTF_WRAPPED_ALIGN_CENTER : TTF_WRAPPED_ALIGN_LEFT);
    SDL_Surface *surf = wrap_px > 0
                            ? TTF_RenderUTF8_Blended_Wrapped(font, text, white, (Uint32)wrap_px)
                            : TTF_RenderUTF8_Blended(font, text, white);
    if (!surf)
        return -EIO;
    SDL_Texture *t = SDL_CreateTextureFromSurface(c->ren, surf);
    int sw = surf->w, sh = surf->h;
    SDL_FreeSurface(surf);
    char *copy = strdup(text);
    if (!t || !copy) {
        if (t)
            SDL_DestroyTexture(t);
        free(copy);
        return -ENOMEM;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    c->slots[i] = (struct ui_text_entry){hv, copy, px, wrap_px, bold, centered, t, sw, sh};
    c->used++;
    *tex = t;
    *w = sw;
    *h = sh;
    return 0;
}
