/*
 * script — the lines of a replay script (`serambi --replay SCRIPT`), read
 * into commands. Only the reading lives here, free of SDL, so that it can
 * be fuzzed; ui/replay.c runs the commands against the real UI.
 *
 *   tap ID | tap X Y | tap ID DX DY | type TEXT | wait MS | clock +SECONDS
 *   expect-screen ID | expect-text TEXT | expect-no-text TEXT | screenshot NAME
 *   await-screen ID | await-text TEXT | hold X Y MS
 *
 * The await commands are for what a worker thread answers (a scan, a
 * print): the UI is built again every few milliseconds of real time,
 * the virtual clock standing still, until the screen or the text is
 * there, and the script fails after UI_SCRIPT_AWAIT_MS.
 *
 * Blank lines and lines starting with # are skipped.
 */
#ifndef SERAMBI_UI_SCRIPT_H
#define SERAMBI_UI_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#define UI_SCRIPT_ARG_MAX  512 /* bytes of a command's text, NUL included */
#define UI_SCRIPT_LINE_MAX 1024
#define UI_SCRIPT_AWAIT_MS 20000

enum ui_script_op {
    UI_SCRIPT_NONE, /* blank or comment */
    UI_SCRIPT_TAP_ID,
    UI_SCRIPT_TAP_XY,
    UI_SCRIPT_TYPE,
    UI_SCRIPT_WAIT,
    UI_SCRIPT_CLOCK,
    UI_SCRIPT_EXPECT_SCREEN,
    UI_SCRIPT_EXPECT_TEXT,
    UI_SCRIPT_EXPECT_NO_TEXT,
    UI_SCRIPT_SCREENSHOT,
    UI_SCRIPT_AWAIT_SCREEN,
    UI_SCRIPT_AWAIT_TEXT,
    UI_SCRIPT_HOLD,  /* a finger held still at X Y for amount milliseconds */
    UI_SCRIPT_SCROLL /* a drag: the content moves amount pixels up (down when negative) */
};

struct ui_script_cmd {
    enum ui_script_op op;
    char arg[UI_SCRIPT_ARG_MAX]; /* id, text or name */
    int x, y;                    /* tap X Y, picture pixels; tap ID DX DY: from its corner */
    bool offset;                 /* tap ID DX DY */
    long long amount;            /* wait, hold: milliseconds; clock: seconds */
};

/*
 * Reads one line (len bytes, no newline needed; a trailing CR is ignored).
 * Returns 0 and fills *out, or -EINVAL with err saying what is wrong and
 * what was expected. A screenshot name is a plain file name: letters,
 * digits, - _ . and no leading dot.
 */
int ui_script_parse_line(const char *line, size_t len, struct ui_script_cmd *out, char *err,
                         size_t errcap);

#endif
