/* cmd_demo — placeholder while the module is being written. */
#include <stdio.h>

#include "kiosk/commands.h"

int cmd_demo(const struct kiosk_config *cfg, int argc, char **argv)
{
    (void)cfg;
    (void)argc;
    (void)argv;
    fputs("serambi: 'demo' is not built yet\n", stderr);
    return 1;
}
