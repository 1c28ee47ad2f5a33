/*
 * cmd_export — `serambi export --kind KIND --format json|csv`: the records
 * of one kind stored on this kiosk, written to stdout for staff and
 * technicians (the guest book as a spreadsheet, a backup before a repair).
 *
 * It never creates a database: exporting from a kiosk whose data partition
 * is missing must say so, not print an empty list from a fresh file.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/cli.h"
#include "kiosk/commands.h"
#include "store/store.h"

static void usage(FILE *out)
{
    fputs("usage: serambi export --kind KIND --format json|csv\n"
          "\n"
          "KIND is one of: visit, guest, meeting, complaint, survey, ticket, attachment.\n"
          "Writes every record of that kind, oldest first, to standard output.\n",
          out);
}

int cmd_export(const struct kiosk_config *cfg, int argc, char **argv)
{
    const char *kind_name = NULL, *format_name = NULL;
    enum rec_kind kind;
    enum store_format format;
    struct store *st = NULL;
    char path[PATH_MAX];
    char err[512];
    int i = 1;

    while (i < argc) {
        const char *kind_arg = cli_option_value("--kind", argc, argv, &i);
        const char *format_arg = kind_arg ? NULL : cli_option_value("--format", argc, argv, &i);
        if (kind_arg) {
            kind_name = kind_arg;
        } else if (format_arg) {
            format_name = format_arg;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "serambi export: unexpected argument '%s'\n\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (!kind_name || !format_name) {
        fputs("serambi export: both --kind and --format are needed\n\n", stderr);
        usage(stderr);
        return EXIT_USAGE;
    }
    if (rec_kind_parse(kind_name, &kind) < 0) {
        fprintf(stderr, "serambi export: unknown kind '%s'\n\n", kind_name);
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(format_name, "json") == 0) {
        format = STORE_FORMAT_JSON;
    } else if (strcmp(format_name, "csv") == 0) {
        format = STORE_FORMAT_CSV;
    } else {
        fprintf(stderr, "serambi export: unknown format '%s' (json or csv)\n\n", format_name);
        usage(stderr);
        return EXIT_USAGE;
    }

    if (config_db_path(cfg, path, sizeof(path)) < 0) {
        fputs("serambi export: the data directory path is too long\n", stderr);
        return 1;
    }
    if (access(path, F_OK) != 0) {
        fprintf(stderr, "serambi export: no database at %s (is data_dir right?)\n", path);
        return 1;
    }
    int rc = store_open(path, &st, err, sizeof(err));
    if (rc < 0) {
        fprintf(stderr, "serambi export: %s\n", err);
        return 1;
    }
    rc = store_export(st, kind, format, cfg->utc_offset_min, stdout);
    if (rc < 0)
        fprintf(stderr, "serambi export: %s\n", store_last_error(st));
    store_close(st);
    return rc < 0 ? 1 : 0;
}
