/*
 * image — pictures the UI shows from pixels in memory (the previews of a
 * scanned letter's pages), as textures kept by a key.
 *
 * The one idea: a picture is uploaded once, when a build first declares
 * its key, and drawn from then on without touching its pixels, so the
 * pixels need only live for that build. The textures show a visitor's
 * letter: ui_images_clear() is part of ending a visit.
 */
#ifndef SERAMBI_UI_IMAGE_H
#define SERAMBI_UI_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#define UI_IMAGE_SLOTS 24

struct ui_image_slot {
    uint64_t key;     /* 0: free */
    SDL_Texture *tex; /* owned */
    int w, h;
    uint64_t used; /* the build that last declared it */
};

struct ui_images {
    struct ui_image_slot slots[UI_IMAGE_SLOTS];
    uint64_t tick;
};

/* Pixels to show: 1 channel (8-bit grey) or 3 (RGB), rows of stride bytes. */
struct ui_pixels {
    const uint8_t *data; /* borrowed for the call */
    int width_px, height_px, channels;
    size_t stride;
};

/*
 * Makes sure key (not 0) has a texture on ren, made from px when it has
 * none yet (equal keys must mean equal pictures). 0, -EINVAL for bad
 * pixels, -ENOMEM or -EIO when SDL cannot make the texture. When all
 * slots are taken the one least recently declared is reused.
 */
int ui_images_put(struct ui_images *c, SDL_Renderer *ren, uint64_t key, const struct ui_pixels *px);
/* The texture of key and its size, or NULL. Borrowed until the next put
 * or clear. */
SDL_Texture *ui_images_get(const struct ui_images *c, uint64_t key, int *w, int *h);
/* Destroys every texture and forgets every key. */
void ui_images_clear(struct ui_images *c);

#endif
