/* cmd_export — placeholder while the module is being written. */
#include <stdio.h>

#include "kiosk/commands.h"

int cmd_export(const struct kiosk_config *cfg, int argc, char **argv)
{
    (void)cfg;
    (void)argc;
    (void)argv;
    fputs("serambi: 'export' is not built yet\n", stderr);
    return 1;
}
