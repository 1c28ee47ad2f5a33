/*
 * main — the serambi program: reads the configuration, then runs the kiosk
 * or one of the technicians' and staff's subcommands.
 *
 *   serambi [--config FILE] [COMMAND [ARGS]]
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/commands.h"
#include "kiosk/config.h"

static void usage(FILE *out)
{
    fputs("usage: serambi [--config FILE] [COMMAND [ARGS]]\n"
          "       serambi [--config FILE] --replay SCRIPT [--screenshots DIR]\n"
          "\n"
          "Without a command, runs the kiosk. --replay drives it from a script\n"
          "(docs/ui-ids.md) and exits 0 only when every expectation held.\n"
          "\n"
          "commands:\n"
          "  due KIND [--from YYYY-MM-DDTHH:MM]   the due time a service rule gives;\n"
          "                                       without KIND, the list of rules\n"
          "  export --kind KIND --format json|csv the records stored on this kiosk\n"
          "  doctor                               checks this kiosk; exit 1 when something is "
          "broken\n"
          "  demo                                 a short walk through the core and store\n"
          "  scan [--device NAME] [--source flatbed|adf] --out FILE.pdf\n"
          "                                       a test scan through the letter pipeline\n"
          "  enroll CODE                          exchanges the hub's enrollment code for a token\n"
          "  sync [--once]                        sends records to the hub and pulls staff\n"
          "                                       updates: one round, or until stopped\n"
          "  pin                                  reads a new staff PIN, prints its\n"
          "                                       staff_pin_hash line for the configuration\n"
          "\n"
          "The configuration is " CONFIG_DEFAULT_PATH " unless --config names another\n"
          "file; docs/config.md lists every key.\n",
          out);
}

int main(int argc, char **argv)
{
    const char *config_path = NULL;
    const char *replay = NULL, *shots_dir = NULL;
    int i = 1;
    while (i < argc && strncmp(argv[i], "--", 2) == 0) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            config_path = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "--config=", 9) == 0) {
            config_path = argv[i] + 9;
            i++;
        } else if (strcmp(argv[i], "--replay") == 0 && i + 1 < argc) {
            replay = argv[i + 1];
            i += 2;
        } else if (strcmp(argv[i], "--screenshots") == 0 && i + 1 < argc) {
            shots_dir = argv[i + 1];
            i += 2;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "serambi: unknown option '%s'\n\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }

    static struct kiosk_config cfg;
    char err[512];
    if (config_load(&cfg, config_path, err, sizeof(err)) < 0) {
        fprintf(stderr, "serambi: %s\n", err);
        return 1;
    }

    if (i >= argc)
        return cmd_kiosk(&cfg, replay, shots_dir);
    if (replay || shots_dir) {
        fprintf(stderr, "serambi: --replay and --screenshots go without a command\n\n");
        usage(stderr);
        return EXIT_USAGE;
    }

    const char *cmd = argv[i];
    if (strcmp(cmd, "due") == 0)
        return cmd_due(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "export") == 0)
        return cmd_export(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "doctor") == 0)
        return cmd_doctor(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "demo") == 0)
        return cmd_demo(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "scan") == 0)
        return cmd_scan(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "enroll") == 0)
        return cmd_enroll(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "sync") == 0)
        return cmd_sync(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "pin") == 0)
        return cmd_pin(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "serambi: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return EXIT_USAGE;
}
