/*
 * cli — argument helpers of the subcommands; see cli.h.
 */
#include "kiosk/cli.h"

#include <string.h>

const char *cli_option_value(const char *name, int argc, char **argv, int *i)
{
    size_t len = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, len) != 0)
        return NULL;
    if (arg[len] == '=') {
        (*i)++;
        return arg + len + 1;
    }
    if (arg[len] == '\0' && *i + 1 < argc) {
        *i += 2;
        return argv[*i - 1];
    }
    return NULL;
}
