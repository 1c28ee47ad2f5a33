/*
 * config_keys — the keys of kiosk.conf: for each its name, the setter that
 * turns a value into its field, and the sentence saying what it expects.
 * Private to config.c (the parse) and config_keys.c (the table and the
 * setters).
 */
#ifndef SERAMBI_KIOSK_CONFIG_KEYS_H
#define SERAMBI_KIOSK_CONFIG_KEYS_H

#include <stddef.h>

#include "core/records.h"
#include "kiosk/config.h"

/* Each setter turns one value into its field, or says in `why` what is
 * wrong with it (the caller adds "; expected …"). Values reach them
 * trimmed, without quotes, non-empty, and already checked to be printable
 * UTF-8. */
struct key_def;
typedef int (*config_setter)(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                             char *why, size_t cap);

struct key_def {
    const char *name;
    config_setter set;
    int arg; /* the weekday or service; for text and paths, which field */
    const char *expected;
};

/* The display's whole-number keys: where each lives and its range. */
enum display_int {
    DISP_WIDTH,
    DISP_HEIGHT,
    DISP_WIDTH_MM,
    DISP_HEIGHT_MM,
    DISP_IDLE,
    DISP_COUNTDOWN
};

/* Indexes into config_keys[]; the weekdays and services run in their own order. */
enum key_id {
    KEY_KIOSK_NAME,
    KEY_OFFICE_NAME,
    KEY_DATA_DIR,
    KEY_ASSETS_DIR,
    KEY_TIMEZONE,
    KEY_HOURS,                  /* + weekday, 0 = Monday */
    KEY_PREFIX = KEY_HOURS + 7, /* + enum rec_service */
    KEY_CLASS = KEY_PREFIX + REC_SERVICE_COUNT,
    KEY_RETENTION,
    KEY_LANGUAGE,
    KEY_VIDEO_DRIVER,
    KEY_FULLSCREEN,
    KEY_ROTATION,
    KEY_DISPLAY_INT, /* + enum display_int */
    KEY_FONT = KEY_DISPLAY_INT + DISP_COUNTDOWN + 1,
    KEY_FONT_BOLD,
    KEY_LOCALE_DIR,
    KEY_PRINTER_QUEUE,
    KEY_HUB_URL,
    KEY_ENROLLMENT_CODE,
    KEY_SYNC_CHUNK,
    KEY_SCANNER_DEVICE,
    KEY_SCANNER_RECHECK,
    KEY_SCAN_QUALITY,
    KEY_SCAN_MAX_PAGES,
    KEY_SCAN_SOURCE,
    KEY_PUBLIC_URL,
    KEY_TICKET_DIR,
    KEY_STAFF_PIN_HASH,
    KEY_COUNT
};

extern const struct key_def config_keys[KEY_COUNT];

#endif
