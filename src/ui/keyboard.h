/*
 * keyboard — the on-screen keyboard as data: its layers (letters, capitals,
 * digits and signs, a phone pad), the keys of each, where they sit, and
 * what a press does to the text being edited.
 *
 * The one idea: the keyboard knows nothing of SDL. The widget layer draws
 * the keys this module places, and the replay uses ui_kb_path() to type a
 * text key by key exactly as a visitor would, so a journey test exercises
 * the same presses a finger makes.
 */
#ifndef SERAMBI_UI_KEYBOARD_H
#define SERAMBI_UI_KEYBOARD_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/geom.h"

enum ui_kb_layer {
    UI_KB_LOWER,   /* qwerty, small letters */
    UI_KB_UPPER,   /* capitals: one letter, then back to small */
    UI_KB_SYMBOLS, /* digits and signs */
    UI_KB_PHONE,   /* digits, +, for phone numbers and counts */
    UI_KB_LAYER_COUNT
};

enum ui_kb_action {
    UI_KB_INSERT,    /* inserts the key's text at the caret */
    UI_KB_SHIFT,     /* capitals for one letter, or back to small */
    UI_KB_MODE,      /* letters <-> digits and signs */
    UI_KB_BACKSPACE, /* removes the character before the caret */
    UI_KB_DONE       /* the visitor finished this field */
};

struct ui_kb_key {
    const char *id;    /* stable widget id, "kb.a", "kb.shift" */
    const char *label; /* what the key shows */
    const char *text;  /* what UI_KB_INSERT appends */
    enum ui_kb_action action;
    int units; /* width: 2 is one letter key */
    int row;
};

#define UI_KB_MAX_KEYS 40
#define UI_KB_PATH_MAX 3 /* presses for one character at most */

/* The keys of a layer, in reading order. Static storage. */
size_t ui_kb_keys(enum ui_kb_layer layer, const struct ui_kb_key **keys);

/* Places the keys of layer in area with gap pixels between them; rects
 * gets one entry per key (UI_KB_MAX_KEYS suffice). */
void ui_kb_layout(enum ui_kb_layer layer, struct ui_rect area, int gap, struct ui_rect *rects);

/* The keyboard's state while a field is being edited. */
struct ui_kb {
    enum ui_kb_layer layer;
    bool phone; /* the phone pad only */
};

/* Starts editing: letters, or the phone pad. */
void ui_kb_init(struct ui_kb *kb, bool phone);

/*
 * Presses key_id on the current layer, editing buf (cap bytes, NUL
 * terminated UTF-8). Returns the action of the key, or -ENOENT when the
 * layer has no such key, or -ENOSPC when the text is full (buf unchanged).
 */
int ui_kb_press(struct ui_kb *kb, const char *key_id, char *buf, size_t cap);
/* The same at the caret: *caret is a byte offset into buf (moved onto the
 * start of a character, at most the end); a key's text goes in there,
 * backspace removes the character before it, and *caret follows. */
int ui_kb_press_at(struct ui_kb *kb, const char *key_id, char *buf, size_t cap, size_t *caret);

/*
 * The key ids to press, from layer, to type the one character at ch
 * (UTF-8, ch_len bytes). Writes at most UI_KB_PATH_MAX ids to path and
 * returns how many; -ENOENT when no key types it.
 */
int ui_kb_path(enum ui_kb_layer layer, const char *ch, size_t ch_len,
               const char *path[UI_KB_PATH_MAX]);

#endif
