/*
 * config — the kiosk's settings: a `key = value` file
 * (/etc/serambi/kiosk.conf, or --config FILE) over built-in defaults that
 * suit the first office. Every key is documented in docs/config.md. An
 * unknown key or a bad value is an error naming file, line and key: a
 * kiosk never runs on a half-understood configuration.
 */
#ifndef SERAMBI_KIOSK_CONFIG_H
#define SERAMBI_KIOSK_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/records.h"

#define CONFIG_DEFAULT_PATH   "/etc/serambi/kiosk.conf"
#define CONFIG_FILE_MAX_BYTES 65536 /* a longer file is refused, not half read */

/* Where `make install` put the assets: PREFIX/share/serambi, defined by the
 * Makefile (PREFIX is /usr/local unless given; the kiosk image uses /usr). */
#ifndef CONFIG_DEFAULT_ASSETS_DIR
#define CONFIG_DEFAULT_ASSETS_DIR "/usr/share/serambi"
#endif

/* Where `make install` put the compiled translations: PREFIX/share/locale. */
#ifndef CONFIG_DEFAULT_LOCALE_DIR
#define CONFIG_DEFAULT_LOCALE_DIR "/usr/share/locale"
#endif

/* Opening hours of one weekday in office minutes after midnight;
 * open_min == close_min means closed all day. */
struct config_hours {
    int open_min;
    int close_min;
};

/* The touch screen and the UI's timers (docs/config.md, "Display"). */
struct config_display {
    char video_driver[16]; /* "" (SDL's choice), kmsdrm, x11, wayland, offscreen */
    bool fullscreen;
    int width_px, height_px;       /* the panel's mode, before rotation; 0: the desktop's */
    int rotation_deg;              /* 0, 90, 180 or 270, clockwise */
    int width_mm, height_mm;       /* the panel's visible area, for 12 mm touch targets */
    int idle_timeout_s;            /* no touch for this long: "still there?" */
    int idle_countdown_s;          /* then this long before the form is wiped */
    char font_path[PATH_MAX];      /* "" : Noto Sans through fontconfig */
    char font_bold_path[PATH_MAX]; /* "" : Noto Sans Bold through fontconfig */
    char locale_dir[PATH_MAX];     /* compiled translations (LANG/LC_MESSAGES/serambi.mo) */
};

struct kiosk_config {
    char source[PATH_MAX]; /* the file read, or "" for built-in defaults */
    char kiosk_name[128];
    char office_name[256];
    char data_dir[PATH_MAX];
    char assets_dir[PATH_MAX];
    char timezone[64];                        /* as written: "Asia/Pontianak" or "UTC+07:00" */
    int utc_offset_min;                       /* derived from timezone */
    struct config_hours hours[7];             /* 0 = Monday … 6 = Sunday */
    char ticket_prefix[REC_SERVICE_COUNT][4]; /* indexed by enum rec_service */
    enum rec_complaint_class complaint_default_class;
    int retention_days;
    char language[3]; /* "id" or "en": the language a visit starts in */
    struct config_display display;
    char printer_queue[128]; /* the CUPS queue tickets go to */

    /* The hub the sync worker talks to (src/sync). */
    char hub_url[256];        /* "https://hub.example/", or "" for no sync */
    char enrollment_code[32]; /* one-time code from `serambi-hub enroll`, or "" */
    int sync_chunk_kib;       /* attachment bytes per upload request, 4..4096 KiB */
    char scanner_device[128]; /* SANE device name, or "": the first scanner found */
    int scan_jpeg_quality;    /* JPEG quality of grey and colour pages, 10..95 */
    int scan_max_pages;       /* pages a letter may have, 1..200 */
    int scanner_recheck_s;    /* seconds between scanner checks without USB events, 1..600 */
    char staff_pin_hash[128]; /* Argon2id hash of the staff PIN (kiosk/pin.h), or "": none */
    char public_url[256];     /* the hub's public address for the ticket's QR code, or "" */
    char scan_source[8];      /* "adf" or "flatbed": where the visitor puts the letter */
    /* "": tickets are printed; else written into this folder as PNG files */
    char ticket_dir[PATH_MAX];
};

/* Fills cfg with the built-in defaults. */
void config_defaults(struct kiosk_config *cfg);

/*
 * Applies the pairs of text[0..len) over cfg. filename is used in
 * messages only. Returns 0, or -EINVAL with errbuf holding
 * "FILE:LINE: KEY: what is wrong and what is expected".
 */
int config_parse(struct kiosk_config *cfg, const char *filename, const char *text, size_t len,
                 char *errbuf, size_t errcap);

/*
 * Defaults, then the file at path. With path NULL the default path is read
 * when it exists, and the built-in defaults stand alone when it does not.
 * A path given explicitly must exist. 0, or a negative errno with errbuf
 * saying why.
 */
int config_load(struct kiosk_config *cfg, const char *path, char *errbuf, size_t errcap);

/* The database file inside data_dir ("…/kiosk.db"). 0 or -ENAMETOOLONG. */
int config_db_path(const struct kiosk_config *cfg, char *buf, size_t cap);

/* The public status page of a tracking code, for the ticket's QR code:
 * public_url (or, when empty, hub_url) + "/status/" + code. 0, or -ENOENT
 * with buf "" when neither is set, -ENAMETOOLONG when it does not fit. */
int config_status_url(const struct kiosk_config *cfg, const char *code, char *buf, size_t cap);

/* The zone as people in the office say it, for screens and tickets: "WIB",
 * "WITA" or "WIT" for the named zones, else the "UTC+HH:MM" form as
 * configured. Borrowed from cfg or static; valid while cfg is. */
const char *config_zone_abbrev(const struct kiosk_config *cfg);

#endif
