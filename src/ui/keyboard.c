/*
 * keyboard — layers, placement and editing of the on-screen keyboard; see
 * keyboard.h.
 */
#include "ui/keyboard.h"

#include "ui/i18n.h" /* N_(): the special keys are translated where drawn */

#include <errno.h>
#include <string.h>

#define L(c)                                                                                       \
    {                                                                                              \
        "kb." c, c, c, UI_KB_INSERT, 2, 0                                                          \
    }

/* The two letter layers are made from one list: a letter's id is its
 * small form, so the same key keeps its id in capitals. Rows are filled
 * in by row number. */
/* clang-format off */
#define LETTER_LAYER(K)                                                                      \
    K("q", "Q", 0) K("w", "W", 0) K("e", "E", 0) K("r", "R", 0) K("t", "T", 0)               \
    K("y", "Y", 0) K("u", "U", 0) K("i", "I", 0) K("o", "O", 0) K("p", "P", 0)               \
    K("a", "A", 1) K("s", "S", 1) K("d", "D", 1) K("f", "F", 1) K("g", "G", 1)               \
    K("h", "H", 1) K("j", "J", 1) K("k", "K", 1) K("l", "L", 1)                              \
    {"kb.shift", "Shift", NULL, UI_KB_SHIFT, 3, 2},                                          \
    K("z", "Z", 2) K("x", "X", 2) K("c", "C", 2) K("v", "V", 2) K("b", "B", 2)               \
    K("n", "N", 2) K("m", "M", 2)                                                            \
    {"kb.backspace", N_("Hapus"), NULL, UI_KB_BACKSPACE, 3, 2},                              \
    {"kb.mode", "123 ?", NULL, UI_KB_MODE, 3, 3},                                            \
    {"kb.comma", ",", ",", UI_KB_INSERT, 2, 3},                                              \
    {"kb.space", N_("Spasi"), " ", UI_KB_INSERT, 8, 3},                                      \
    {"kb.period", ".", ".", UI_KB_INSERT, 2, 3},                                             \
    {"kb.apostrophe", "'", "'", UI_KB_INSERT, 2, 3},                                         \
    {"kb.done", "OK", NULL, UI_KB_DONE, 3, 3},
#define SMALL(lo, up, row)   {"kb." lo, lo, lo, UI_KB_INSERT, 2, row},
#define CAPITAL(lo, up, row) {"kb." lo, up, up, UI_KB_INSERT, 2, row},
/* clang-format on */

static const struct ui_kb_key lower[] = {LETTER_LAYER(SMALL)};
static const struct ui_kb_key upper[] = {LETTER_LAYER(CAPITAL)};

static const struct ui_kb_key symbols[] = {
    L("1"),
    L("2"),
    L("3"),
    L("4"),
    L("5"),
    L("6"),
    L("7"),
    L("8"),
    L("9"),
    L("0"),
    {"kb.at", "@", "@", UI_KB_INSERT, 2, 1},
    {"kb.minus", "-", "-", UI_KB_INSERT, 2, 1},
    {"kb.slash", "/", "/", UI_KB_INSERT, 2, 1},
    {"kb.colon", ":", ":", UI_KB_INSERT, 2, 1},
    {"kb.lparen", "(", "(", UI_KB_INSERT, 2, 1},
    {"kb.rparen", ")", ")", UI_KB_INSERT, 2, 1},
    {"kb.amp", "&", "&", UI_KB_INSERT, 2, 1},
    {"kb.plus", "+", "+", UI_KB_INSERT, 2, 1},
    {"kb.quote", "\"", "\"", UI_KB_INSERT, 2, 1},
    {"kb.underscore", "_", "_", UI_KB_INSERT, 3, 2},
    {"kb.question", "?", "?", UI_KB_INSERT, 2, 2},
    {"kb.exclaim", "!", "!", UI_KB_INSERT, 2, 2},
    {"kb.semicolon", ";", ";", UI_KB_INSERT, 2, 2},
    {"kb.hash", "#", "#", UI_KB_INSERT, 2, 2},
    {"kb.percent", "%", "%", UI_KB_INSERT, 2, 2},
    {"kb.equals", "=", "=", UI_KB_INSERT, 2, 2},
    {"kb.star", "*", "*", UI_KB_INSERT, 2, 2},
    {"kb.backspace", N_("Hapus"), NULL, UI_KB_BACKSPACE, 3, 2},
    {"kb.mode", "ABC", NULL, UI_KB_MODE, 3, 3},
    {"kb.comma", ",", ",", UI_KB_INSERT, 2, 3},
    {"kb.space", N_("Spasi"), " ", UI_KB_INSERT, 8, 3},
    {"kb.period", ".", ".", UI_KB_INSERT, 2, 3},
    {"kb.apostrophe", "'", "'", UI_KB_INSERT, 2, 3},
    {"kb.done", "OK", NULL, UI_KB_DONE, 3, 3},
};

static const struct ui_kb_key phone[] = {
    L("1"),
    L("2"),
    L("3"),
    {"kb.4", "4", "4", UI_KB_INSERT, 2, 1},
    {"kb.5", "5", "5", UI_KB_INSERT, 2, 1},
    {"kb.6", "6", "6", UI_KB_INSERT, 2, 1},
    {"kb.7", "7", "7", UI_KB_INSERT, 2, 2},
    {"kb.8", "8", "8", UI_KB_INSERT, 2, 2},
    {"kb.9", "9", "9", UI_KB_INSERT, 2, 2},
    {"kb.plus", "+", "+", UI_KB_INSERT, 2, 3},
    {"kb.0", "0", "0", UI_KB_INSERT, 2, 3},
    {"kb.backspace", N_("Hapus"), NULL, UI_KB_BACKSPACE, 2, 3},
    {"kb.minus", "-", "-", UI_KB_INSERT, 2, 4},
    {"kb.done", "OK", NULL, UI_KB_DONE, 4, 4},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

size_t ui_kb_keys(enum ui_kb_layer layer, const struct ui_kb_key **keys)
{
    switch (layer) {
    case UI_KB_UPPER:
        *keys = upper;
        return COUNT(upper);
    case UI_KB_SYMBOLS:
        *keys = symbols;
        return COUNT(symbols);
    case UI_KB_PHONE:
        *keys = phone;
        return COUNT(phone);
    default:
        *keys = lower;
        return COUNT(lower);
    }
}

/* Every row is as wide as the widest; shorter rows are centred. */
void ui_kb_layout(enum ui_kb_layer layer, struct ui_rect area, int gap, struct ui_rect *rects)
{
    const struct ui_kb_key *keys;
    size_t n = ui_kb_keys(layer, &keys);
    int rows = keys[n - 1].row + 1;
    int row_units[8] = {0};
    int widest = 1;
    for (size_t i = 0; i < n; i++) {
        row_units[keys[i].row] += keys[i].units;
        if (row_units[keys[i].row] > widest)
            widest = row_units[keys[i].row];
    }
    int row_h = (area.h - gap * (rows - 1)) / rows;
    int x = 0, row = -1;
    for (size_t i = 0; i < n; i++) {
        if (keys[i].row != row) {
            row = keys[i].row;
            x = area.x + (widest - row_units[row]) * area.w / (2 * widest);
        }
        int w = keys[i].units * area.w / widest;
        rects[i] = (struct ui_rect){x + gap / 2, area.y + row * (row_h + gap), w - gap, row_h};
        x += w;
    }
}

void ui_kb_init(struct ui_kb *kb, bool phone_pad)
{
    kb->phone = phone_pad;
    kb->layer = phone_pad ? UI_KB_PHONE : UI_KB_UPPER; /* names start with a capital */
}

static const struct ui_kb_key *find(enum ui_kb_layer layer, const char *id)
{
    const struct ui_kb_key *keys;
    size_t n = ui_kb_keys(layer, &keys);
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i].id, id) == 0)
            return &keys[i];
    return NULL;
}

/* Removes the last UTF-8 character: continuation bytes go with it. */
/* The start of the character before byte at (at > 0). */
static size_t char_before(const char *buf, size_t at)
{
    while (at > 0 && ((unsigned char)buf[at - 1] & 0xC0u) == 0x80u)
        at--;
    return at > 0 ? at - 1 : 0;
}

/* at moved back onto the start of the character it falls in. */
static size_t snap(const char *buf, size_t at)
{
    size_t len = strlen(buf);
    if (at > len)
        at = len;
    while (at > 0 && at < len && ((unsigned char)buf[at] & 0xC0u) == 0x80u)
        at--;
    return at;
}

int ui_kb_press_at(struct ui_kb *kb, const char *key_id, char *buf, size_t cap, size_t *caret)
{
    const struct ui_kb_key *key = find(kb->layer, key_id);
    if (!key)
        return -ENOENT;
    size_t len = strlen(buf), at = snap(buf, *caret);
    switch (key->action) {
    case UI_KB_INSERT: {
        size_t add = strlen(key->text);
        if (len + add >= cap)
            return -ENOSPC;
        memmove(buf + at + add, buf + at, len - at + 1);
        memcpy(buf + at, key->text, add);
        at += add;
        if (kb->layer == UI_KB_UPPER)
            kb->layer = UI_KB_LOWER;
        break;
    }
    case UI_KB_SHIFT:
        kb->layer = kb->layer == UI_KB_UPPER ? UI_KB_LOWER : UI_KB_UPPER;
        break;
    case UI_KB_MODE:
        kb->layer = kb->layer == UI_KB_SYMBOLS ? UI_KB_LOWER : UI_KB_SYMBOLS;
        break;
    case UI_KB_BACKSPACE:
        if (at > 0) {
            size_t from = char_before(buf, at);
            memmove(buf + from, buf + at, len - at + 1);
            at = from;
        }
        break;
    case UI_KB_DONE:
        break;
    }
    *caret = at;
    return (int)key->action;
}

int ui_kb_press(struct ui_kb *kb, const char *key_id, char *buf, size_t cap)
{
    size_t caret = strlen(buf);
    return ui_kb_press_at(kb, key_id, buf, cap, &caret);
}

static const struct ui_kb_key *typing(enum ui_kb_layer layer, const char *ch, size_t len)
{
    const struct ui_kb_key *keys;
    size_t n = ui_kb_keys(layer, &keys);
    for (size_t i = 0; i < n; i++)
        if (keys[i].action == UI_KB_INSERT && strlen(keys[i].text) == len &&
            memcmp(keys[i].text, ch, len) == 0)
            return &keys[i];
    return NULL;
}

/* The layer a switching key leads to, as ui_kb_press() would. */
static enum ui_kb_layer after(enum ui_kb_layer layer, enum ui_kb_action action)
{
    if (action == UI_KB_SHIFT)
        return layer == UI_KB_UPPER ? UI_KB_LOWER : UI_KB_UPPER;
    return layer == UI_KB_SYMBOLS ? UI_KB_LOWER : UI_KB_SYMBOLS;
}

int ui_kb_path(enum ui_kb_layer layer, const char *ch, size_t ch_len,
               const char *path[UI_KB_PATH_MAX])
{
    const struct ui_kb_key *k = typing(layer, ch, ch_len);
    if (k) {
        path[0] = k->id;
        return 1;
    }
    if (layer == UI_KB_PHONE)
        return -ENOENT;
    /* One or two layer switches reach every layer of the letter keyboard. */
    static const char *const switch_ids[] = {"kb.shift", "kb.mode"};
    static const enum ui_kb_action switches[] = {UI_KB_SHIFT, UI_KB_MODE};
    for (int a = 0; a < 2; a++) {
        if (!find(layer, switch_ids[a]))
            continue;
        enum ui_kb_layer one = after(layer, switches[a]);
        if ((k = typing(one, ch, ch_len))) {
            path[0] = switch_ids[a];
            path[1] = k->id;
            return 2;
        }
        for (int b = 0; b < 2; b++) {
            if (!find(one, switch_ids[b]))
                continue;
            enum ui_kb_layer two = after(one, switches[b]);
            if ((k = typing(two, ch, ch_len))) {
                path[0] = switch_ids[a];
                path[1] = switch_ids[b];
                path[2] = k->id;
                return 3;
            }
        }
    }
    return -ENOENT;
}
