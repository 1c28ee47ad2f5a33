/*
 * cli — what the subcommands share when they read their arguments.
 */
#ifndef SERAMBI_KIOSK_CLI_H
#define SERAMBI_KIOSK_CLI_H

/*
 * Reads "--name VALUE" or "--name=VALUE" at argv[*i]. Returns the value
 * (borrowed from argv) and advances *i past it, or NULL and leaves *i
 * alone when argv[*i] is not that option or its value is missing.
 */
const char *cli_option_value(const char *name, int argc, char **argv, int *i);

#endif
