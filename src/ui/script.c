/*
 * script — reads replay script lines; see script.h.
 */
#include "ui/script.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

static int fail(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, cap, fmt, ap);
    va_end(ap);
    return -EINVAL;
}

/* A whole number of at most 9 digits: no sign, no spaces, no overflow. */
static bool whole(const char *s, long long *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 9 || strspn(s, "0123456789") != n)
        return false;
    *out = strtoll(s, NULL, 10);
    return true;
}

static bool plain_name(const char *s)
{
    if (s[0] == '\0' || s[0] == '.')
        return false;
    return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") ==
           strlen(s);
}

static const struct {
    const char *word;
    enum ui_script_op op;
} words[] = {
    {"tap", UI_SCRIPT_TAP_ID},
    {"type", UI_SCRIPT_TYPE},
    {"wait", UI_SCRIPT_WAIT},
    {"clock", UI_SCRIPT_CLOCK},
    {"expect-screen", UI_SCRIPT_EXPECT_SCREEN},
    {"expect-text", UI_SCRIPT_EXPECT_TEXT},
    {"expect-no-text", UI_SCRIPT_EXPECT_NO_TEXT},
    {"screenshot", UI_SCRIPT_SCREENSHOT},
    {"await-screen", UI_SCRIPT_AWAIT_SCREEN},
    {"await-text", UI_SCRIPT_AWAIT_TEXT},
    {"hold", UI_SCRIPT_HOLD},
    {"scroll", UI_SCRIPT_SCROLL},
};

int ui_script_parse_line(const char *line, size_t len, struct ui_script_cmd *out, char *err,
                         size_t errcap)
{
    char buf[UI_SCRIPT_LINE_MAX];
    struct ui_script_cmd cmd = {.op = UI_SCRIPT_NONE};
    if (len > 0 && line[len - 1] == '\r')
        len--;
    if (len >= sizeof(buf))
        return fail(err, errcap, "the line is longer than %d bytes", UI_SCRIPT_LINE_MAX - 1);
    if (memchr(line, '\0', len))
        return fail(err, errcap, "the line contains a NUL byte");
    memcpy(buf, line, len);
    buf[len] = '\0';
    if (text_check(buf, 0, NULL) < 0)
        return fail(err, errcap, "the line is not printable UTF-8 text");

    char *p = buf;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0' || *p == '#') {
        *out = cmd;
        return 0;
    }
    char *word = p;
    while (*p && *p != ' ')
        p++;
    size_t word_len = (size_t)(p - word);
    while (*p == ' ')
        p++;
    char *arg = p; /* the rest of the line, spaces inside kept */
    size_t i = 0;
    while (i < sizeof(words) / sizeof(words[0]) &&
           (strlen(words[i].word) != word_len || memcmp(words[i].word, word, word_len) != 0))
        i++;
    if (i == sizeof(words) / sizeof(words[0]))
        return fail(err, errcap,
                    "unknown command '%.*s'; expected tap, type, wait, clock, "
                    "expect-screen, expect-text, expect-no-text, await-screen, "
                    "await-text, hold, scroll or screenshot",
                    (int)(word_len > 40 ? 40 : word_len), word);
    cmd.op = words[i].op;
    if (cmd.op != UI_SCRIPT_TYPE) {
        size_t n = strlen(arg);
        while (n > 0 && arg[n - 1] == ' ')
            arg[--n] = '\0';
    }
    if (arg[0] == '\0')
        return fail(err, errcap, "%s needs an argument", words[i].word);
    if (strlen(arg) >= sizeof(cmd.arg))
        return fail(err, errcap, "the argument is longer than %d bytes", UI_SCRIPT_ARG_MAX - 1);

    switch (cmd.op) {
    case UI_SCRIPT_TAP_ID: {
        char *space = strchr(arg, ' ');
        if (space) {
            long long x, y;
            char *second = strchr(space + 1, ' ');
            *space = '\0';
            if (second && !whole(arg, &x)) { /* tap ID DX DY */
                *second = '\0';
                if (!whole(space + 1, &x) || !whole(second + 1, &y) || x > 100000 || y > 100000)
                    return fail(err, errcap,
                                "tap ID DX DY takes whole pixel numbers from the widget's corner");
                cmd.offset = true;
            } else if (!whole(arg, &x) || !whole(space + 1, &y) || x > 100000 || y > 100000) {
                return fail(err, errcap,
                            "tap takes an id, X Y as whole pixel numbers, or ID DX DY");
            } else {
                cmd.op = UI_SCRIPT_TAP_XY;
            }
            cmd.x = (int)x;
            cmd.y = (int)y;
        }
        break;
    }
    case UI_SCRIPT_HOLD: {
        long long x, y;
        char *one = strchr(arg, ' ');
        char *two = one ? strchr(one + 1, ' ') : NULL;
        if (two) {
            *one = '\0';
            *two = '\0';
        }
        if (!two || !whole(arg, &x) || !whole(one + 1, &y) || !whole(two + 1, &cmd.amount) ||
            x > 100000 || y > 100000)
            return fail(err, errcap,
                        "hold takes X Y MS as whole numbers: where the finger rests, in "
                        "pixels, and for how many milliseconds, such as hold 5 5 3000");
        cmd.x = (int)x;
        cmd.y = (int)y;
        break;
    }
    case UI_SCRIPT_WAIT:
        if (!whole(arg, &cmd.amount))
            return fail(err, errcap, "wait takes milliseconds as a whole number, such as 500");
        break;
    case UI_SCRIPT_CLOCK:
        if (arg[0] != '+' || !whole(arg + 1, &cmd.amount))
            return fail(err, errcap, "clock takes +SECONDS, such as +120");
        break;
    case UI_SCRIPT_SCROLL:
        if (!whole(arg + (arg[0] == '-'), &cmd.amount) || cmd.amount > 100000)
            return fail(err, errcap, "scroll takes whole pixels, such as 200 or -200");
        if (arg[0] == '-')
            cmd.amount = -cmd.amount;
        break;
    case UI_SCRIPT_SCREENSHOT:
        if (!plain_name(arg))
            return fail(err, errcap, "screenshot takes a plain file name (letters, digits, - _ .)");
        break;
    default:
        break;
    }
    memcpy(cmd.arg, arg, strlen(arg) + 1); /* the length was checked above */
    *out = cmd;
    return 0;
}
