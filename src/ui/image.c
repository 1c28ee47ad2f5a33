/*
 * image — textures of pictures by key; see image.h.
 */
#include "ui/image.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static struct ui_image_slot *find(const struct ui_images *c, uint64_t key)
{
    for (int i = 0; i < UI_IMAGE_SLOTS; i++)
        if (c->slots[i].key == key && c->slots[i].tex)
            return (struct ui_image_slot *)&c->slots[i];
    return NULL;
}

/* Grey or RGB rows as tightly packed RGB24, what every renderer takes. */
static SDL_Texture *upload(SDL_Renderer *ren, const struct ui_pixels *px)
{
    size_t row = (size_t)px->width_px * 3;
    uint8_t *rgb = malloc(row * (size_t)px->height_px);
    if (!rgb)
        return NULL;
    for (int y = 0; y < px->height_px; y++) {
        const uint8_t *src = px->data + (size_t)y * px->stride;
        uint8_t *dst = rgb + (size_t)y * row;
        if (px->channels == 3) {
            memcpy(dst, src, row);
            continue;
        }
        for (int x = 0; x < px->width_px; x++)
            dst[(size_t)x * 3] = dst[(size_t)x * 3 + 1] = dst[(size_t)x * 3 + 2] = src[x];
    }
    SDL_Texture *tex = SDL_CreateTexture(ren, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC,
                                         px->width_px, px->height_px);
    if (tex && SDL_UpdateTexture(tex, NULL, rgb, (int)row) != 0) {
        SDL_DestroyTexture(tex);
        tex = NULL;
    }
    free(rgb);
    return tex;
}

int ui_images_put(struct ui_images *c, SDL_Renderer *ren, uint64_t key, const struct ui_pixels *px)
{
    c->tick++;
    struct ui_image_slot *s = find(c, key);
    if (s) {
        s->used = c->tick;
        return 0;
    }
    if (key == 0 || !ren || !px || !px->data || (px->channels != 1 && px->channels != 3) ||
        px->width_px < 1 || px->height_px < 1 || px->width_px > 8192 || px->height_px > 8192 ||
        px->stride < (size_t)px->width_px * (size_t)px->channels)
        return -EINVAL;
    s = &c->slots[0];
    for (int i = 1; i < UI_IMAGE_SLOTS && s->tex; i++)
        if (!c->slots[i].tex || c->slots[i].used < s->used)
            s = &c->slots[i];
    if (s->tex)
        SDL_DestroyTexture(s->tex);
    memset(s, 0, sizeof(*s));
    s->tex = upload(ren, px);
    if (!s->tex)
        return -EIO;
    s->key = key;
    s->w = px->width_px;
    s->h = px->height_px;
    s->used = c->tick;
    return 0;
}

SDL_Texture *ui_images_get(const struct ui_images *c, uint64_t key, int *w, int *h)
{
    const struct ui_image_slot *s = key ? find(c, key) : NULL;
    if (!s)
        return NULL;
    *w = s->w;
    *h = s->h;
    return s->tex;
}

void ui_images_clear(struct ui_images *c)
{
    for (int i = 0; i < UI_IMAGE_SLOTS; i++)
        if (c->slots[i].tex)
            SDL_DestroyTexture(c->slots[i].tex);
    memset(c, 0, sizeof(*c));
}
