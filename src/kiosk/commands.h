/*
 * commands — the subcommands of the serambi program. Each takes the loaded
 * configuration and its own arguments (argv[0] is the subcommand's name),
 * prints for a person, and returns the process exit status: 0 success,
 * 1 failure, 2 wrong usage.
 */
#ifndef SERAMBI_KIOSK_COMMANDS_H
#define SERAMBI_KIOSK_COMMANDS_H

#include "kiosk/config.h"

#define EXIT_USAGE 2

/* serambi due KIND [--from YYYY-MM-DDTHH:MM] */
int cmd_due(const struct kiosk_config *cfg, int argc, char **argv);
/* serambi export --kind KIND --format json|csv */
int cmd_export(const struct kiosk_config *cfg, int argc, char **argv);
/* serambi doctor: a table of checks; exit 1 when one failed. */
int cmd_doctor(const struct kiosk_config *cfg, int argc, char **argv);
/* serambi [--replay SCRIPT [--screenshots DIR]]: the kiosk's touch UI,
 * or a replayed journey through it (replay NULL: a finger drives it). */
int cmd_kiosk(const struct kiosk_config *cfg, const char *replay, const char *shots_dir);
/* serambi demo: walks the core and the store with sample visitors. */
int cmd_demo(const struct kiosk_config *cfg, int argc, char **argv);
/* serambi scan [--device NAME] [--source flatbed|adf] --out FILE.pdf: a test scan. */
int cmd_scan(const struct kiosk_config *cfg, int argc, char **argv);
/* serambi enroll CODE: exchanges the hub's one-time code for this kiosk's token. */
int cmd_enroll(const struct kiosk_config *cfg, int argc, char **argv);
/* serambi sync [--once]: the sync worker in the foreground. */
int cmd_sync(const struct kiosk_config *cfg, int argc, char **argv);
/* serambi pin: reads a new staff PIN, prints its staff_pin_hash line. */
int cmd_pin(const struct kiosk_config *cfg, int argc, char **argv);

struct sync_worker_config;
/* The sync worker's settings for this kiosk (hub_url, store, token file in
 * data_dir, retention) with the one-time code (borrowed; "" for none). 0,
 * or -EINVAL (no hub_url) / -ENAMETOOLONG after telling stderr why. */
int cmd_sync_worker_config(const struct kiosk_config *cfg, const char *code,
                           struct sync_worker_config *out);

#endif
