/*
 * textcache — textures of rendered text, so that a frame only copies
 * pixels: shaping and rasterising a line costs far more than drawing it.
 *
 * The one idea: text is rendered once in white and tinted when drawn, so
 * one texture serves every colour and theme. The cache also holds what
 * visitors typed, so ui_textcache_clear() is part of wiping a form.
 */
#ifndef SERAMBI_UI_TEXTCACHE_H
#define SERAMBI_UI_TEXTCACHE_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "ui/font.h"

#define UI_TEXTCACHE_SLOTS 512

struct ui_text_entry {
    uint64_t hash;
    char *text; /* owned */
    int px, wrap_px;
    bool bold, centered;
    SDL_Texture *tex; /* owned */
    int w, h;
};

struct ui_textcache {
    SDL_Renderer *ren; /* borrowed */
    struct ui_fonts *fonts;
    struct ui_text_entry slots[UI_TEXTCACHE_SLOTS];
    int used;
    long hits, misses; /* for benchmarks */
};

/* ren and fonts are borrowed and must outlive the cache. */
void ui_textcache_init(struct ui_textcache *c, SDL_Renderer *ren, struct ui_fonts *fonts);
/* Destroys every texture and forgets every text. */
void ui_textcache_clear(struct ui_textcache *c);
void ui_textcache_fini(struct ui_textcache *c);

/*
 * The texture of text (UTF-8) at px, wrapped at wrap_px (0: one line),
 * its lines centred or flush left.
 * The texture is borrowed until the next clear. 0, -ENOMEM or -EIO.
 * An empty text is 0 with *tex NULL and a size of one empty line.
 */
int ui_textcache_get(struct ui_textcache *c, const char *text, int px, bool bold, int wrap_px,
                     bool centered, SDL_Texture **tex, int *w, int *h);

#endif
