/*
 * fuzz_replay — replay script lines as anyone might write them: any bytes
 * get an answer (a command or a message), never a crash, and what is
 * accepted stays within its limits.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ui_script_cmd cmd;
    char err[256];
    if (ui_script_parse_line((const char *)data, size, &cmd, err, sizeof(err)) == 0) {
        if (strlen(cmd.arg) >= sizeof(cmd.arg))
            abort();
        if ((cmd.op == UI_SCRIPT_WAIT || cmd.op == UI_SCRIPT_CLOCK || cmd.op == UI_SCRIPT_HOLD) &&
            (cmd.amount < 0 || cmd.amount > 999999999))
            abort();
        if ((cmd.op == UI_SCRIPT_TAP_XY || cmd.op == UI_SCRIPT_HOLD) && (cmd.x < 0 || cmd.y < 0))
            abort();
    } else if (err[0] == '\0' || !memchr(err, '\0', sizeof(err))) {
        abort();
    }
    return 0;
}
