/*
 * config — reads kiosk.conf over the built-in defaults.
 *
 * The one idea: a table of keys, each with a setter and a sentence saying
 * what it expects, so that every error reads the same way for a
 * technician: "FILE:LINE: KEY: what is wrong; expected …". Parsing works
 * on a copy of the configuration, and the caller's is replaced only when
 * the whole file was understood.
 */
#include "kiosk/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/civil.h"
#include "core/ini.h"
#include "core/text.h"
#include "core/ticketno.h"
#include "kiosk/pin.h"

#define RETENTION_MIN_DAYS 1
#define RETENTION_MAX_DAYS 3650

/* The named zones of Indonesia; none has had daylight saving since 1988,
 * so each is one fixed offset (see core/civil.h). */
static const struct zone {
    const char *name;
    int offset_min;
    const char *abbrev;
} zones[] = {
    {"Asia/Jakarta", 7 * 60, "WIB"},
    {"Asia/Pontianak", 7 * 60, "WIB"},
    {"Asia/Makassar", 8 * 60, "WITA"},
    {"Asia/Jayapura", 9 * 60, "WIT"},
};

void config_defaults(struct kiosk_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    snprintf(cfg->kiosk_name, sizeof(cfg->kiosk_name), "Kiosk");
    snprintf(cfg->office_name, sizeof(cfg->office_name),
             "Dinas Koperasi dan UKM Provinsi Kalimantan Barat");
    snprintf(cfg->data_dir, sizeof(cfg->data_dir), "/var/lib/serambi");
    snprintf(cfg->assets_dir, sizeof(cfg->assets_dir), "%s", CONFIG_DEFAULT_ASSETS_DIR);
    snprintf(cfg->timezone, sizeof(cfg->timezone), "Asia/Pontianak");
    cfg->utc_offset_min = 7 * 60;
    for (int d = 0; d < 4; d++)
        cfg->hours[d] = (struct config_hours){7 * 60 + 30, 16 * 60};
    cfg->hours[4] = (struct config_hours){7 * 60 + 30, 16 * 60 + 30};
    cfg->hours[5] = (struct config_hours){0, 0};
    cfg->hours[6] = (struct config_hours){0, 0};
    snprintf(cfg->ticket_prefix[REC_SERVICE_GUEST], sizeof(cfg->ticket_prefix[0]), "T");
    snprintf(cfg->ticket_prefix[REC_SERVICE_MEETING], sizeof(cfg->ticket_prefix[0]), "R");
    snprintf(cfg->ticket_prefix[REC_SERVICE_COMPLAINT], sizeof(cfg->ticket_prefix[0]), "P");
    cfg->complaint_default_class = REC_CLASS_NORMATIVE;
    cfg->retention_days = 30;
    snprintf(cfg->language, sizeof(cfg->language), "id");
    /* The Raspberry Pi 7" touch display: 800x480 on 155 x 86 mm. */
    cfg->display = (struct config_display){.fullscreen = true,
                                           .width_mm = 155,
                                           .height_mm = 86,
                                           .idle_timeout_s = 90,
                                           .idle_countdown_s = 20};
    snprintf(cfg->display.locale_dir, sizeof(cfg->display.locale_dir), "%s",
             CONFIG_DEFAULT_LOCALE_DIR);
    snprintf(cfg->printer_queue, sizeof(cfg->printer_queue), "ticket");
    cfg->scan_jpeg_quality = 75;
    cfg->scan_max_pages = 20;
    cfg->scanner_recheck_s = 5;
    cfg->sync_chunk_kib = 256;
    snprintf(cfg->scan_source, sizeof(cfg->scan_source), "adf");
}

/* --- setters ---------------------------------------------------------------
 * Each turns one value into its field, or says in `why` what is wrong with
 * it (the caller adds "; expected …"). Values reach them trimmed, without
 * quotes, non-empty, and already checked to be printable UTF-8. */

struct key_def;
typedef int (*setter)(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                      char *why, size_t cap);

struct key_def {
    const char *name;
    setter set;
    int arg; /* the weekday or service; for text and paths, which field */
    const char *expected;
};

enum text_field {
    FIELD_KIOSK_NAME,
    FIELD_OFFICE_NAME,
    FIELD_DATA_DIR,
    FIELD_ASSETS_DIR,
    FIELD_FONT,
    FIELD_FONT_BOLD,
    FIELD_LOCALE_DIR,
    FIELD_TICKET_DIR
};

static char *text_field(struct kiosk_config *cfg, int field, size_t *size)
{
    switch (field) {
    case FIELD_KIOSK_NAME:
        *size = sizeof(cfg->kiosk_name);
        return cfg->kiosk_name;
    case FIELD_OFFICE_NAME:
        *size = sizeof(cfg->office_name);
        return cfg->office_name;
    case FIELD_DATA_DIR:
        *size = sizeof(cfg->data_dir);
        return cfg->data_dir;
    case FIELD_FONT:
        *size = sizeof(cfg->display.font_path);
        return cfg->display.font_path;
    case FIELD_FONT_BOLD:
        *size = sizeof(cfg->display.font_bold_path);
        return cfg->display.font_bold_path;
    case FIELD_LOCALE_DIR:
        *size = sizeof(cfg->display.locale_dir);
        return cfg->display.locale_dir;
    case FIELD_TICKET_DIR:
        *size = sizeof(cfg->ticket_dir);
        return cfg->ticket_dir;
    default:
        *size = sizeof(cfg->assets_dir);
        return cfg->assets_dir;
    }
}

static int why(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int why(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    return -EINVAL;
}

static int set_name(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                    char *msg, size_t cap)
{
    size_t size;
    char *field = text_field(cfg, def->arg, &size);
    size_t len = strlen(value);
    if (len >= size)
        return why(msg, cap, "is %zu bytes long", len);
    memcpy(field, value, len + 1);
    return 0;
}

static int set_path(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                    char *msg, size_t cap)
{
    size_t size;
    char *field = text_field(cfg, def->arg, &size);
    size_t len = strlen(value);
    if (value[0] != '/')
        return why(msg, cap, "'%.80s' is not an absolute path", value);
    /* Trailing slashes would double up in config_db_path(); "/" stays. */
    while (len > 1 && value[len - 1] == '/')
        len--;
    if (len >= size)
        return why(msg, cap, "the path is %zu bytes long", len);
    memcpy(field, value, len);
    field[len] = '\0';
    return 0;
}

/* "UTC+07:00" / "UTC-03:30": 0 and the offset in minutes, or -EINVAL. */
static int parse_utc_offset(const char *s, int *offset_min)
{
    int hhmm;
    if (strncmp(s, "UTC", 3) != 0 || (s[3] != '+' && s[3] != '-') || civil_parse_hhmm(s + 4, &hhmm))
        return -EINVAL;
    *offset_min = s[3] == '-' ? -hhmm : hhmm;
    return 0;
}

static int set_timezone(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                        char *msg, size_t cap)
{
    (void)def;
    int offset = 0;
    bool found = false;
    for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
        if (strcmp(value, zones[i].name) == 0) {
            offset = zones[i].offset_min;
            found = true;
        }
    }
    if (!found) {
        if (parse_utc_offset(value, &offset) < 0)
            return why(msg, cap, "unknown time zone '%.60s'", value);
        /* The offsets the world uses: UTC-12:00 to UTC+14:00, in quarters. */
        if (offset < -12 * 60 || offset > 14 * 60 || offset % 15 != 0)
            return why(msg, cap, "'%s' is not an offset in use", value);
    }
    snprintf(cfg->timezone, sizeof(cfg->timezone), "%s", value);
    cfg->utc_offset_min = offset;
    return 0;
}

static int set_hours(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                     char *msg, size_t cap)
{
    if (strcmp(value, "closed") == 0) {
        cfg->hours[def->arg] = (struct config_hours){0, 0};
        return 0;
    }
    const char *dash = strchr(value, '-');
    char open_s[8], close_s[8];
    size_t open_len = dash ? (size_t)(dash - value) : 0;
    /* Spaces around the dash are fine: "07:30 - 16:00". */
    while (open_len > 0 && value[open_len - 1] == ' ')
        open_len--;
    const char *close_p = dash ? dash + 1 : "";
    while (*close_p == ' ')
        close_p++;
    int open_min, close_min;
    if (!dash || open_len >= sizeof(open_s) || strlen(close_p) >= sizeof(close_s))
        return why(msg, cap, "'%.60s' is not a time range", value);
    memcpy(open_s, value, open_len);
    open_s[open_len] = '\0';
    snprintf(close_s, sizeof(close_s), "%s", close_p);
    if (civil_parse_hhmm(open_s, &open_min) || civil_parse_hhmm(close_s, &close_min))
        return why(msg, cap, "'%.60s' is not a time range", value);
    if (open_min >= close_min)
        return why(msg, cap, "opens at %s but closes at %s", open_s, close_s);
    cfg->hours[def->arg] = (struct config_hours){open_min, close_min};
    return 0;
}

static int set_prefix(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                      char *msg, size_t cap)
{
    if (!ticketno_prefix_valid(value))
        return why(msg, cap, "'%.60s' is not a ticket prefix", value);
    snprintf(cfg->ticket_prefix[def->arg], sizeof(cfg->ticket_prefix[0]), "%s", value);
    return 0;
}

static int set_class(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                     char *msg, size_t cap)
{
    (void)def;
    enum rec_complaint_class cls;
    if (rec_class_parse(value, &cls) < 0)
        return why(msg, cap, "unknown class '%.60s'", value);
    cfg->complaint_default_class = cls;
    return 0;
}

static int set_retention(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                         char *msg, size_t cap)
{
    (void)def;
    /* strtol alone would take " 30" and "+30" as 30; "30 days" is caught
     * by the end pointer. Only digits, with an optional minus. */
    const char *digits = value[0] == '-' ? value + 1 : value;
    if (digits[0] == '\0' || strspn(digits, "0123456789") != strlen(digits))
        return why(msg, cap, "'%.60s' is not a whole number", value);
    char *end = NULL;
    errno = 0;
    long days = strtol(value, &end, 10);
    if (*end != '\0')
        return why(msg, cap, "'%.60s' is not a whole number", value);
    if (errno == ERANGE || days < RETENTION_MIN_DAYS || days > RETENTION_MAX_DAYS)
        return why(msg, cap, "%.60s days is out of range", value);
    cfg->retention_days = (int)days;
    return 0;
}

/* Queue names as lpadmin makes them; anything else would also need
 * escaping in the queue's URI. */
static int set_printer_queue(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                             char *msg, size_t cap)
{
    (void)def;
    size_t len = strlen(value);
    if (len >= sizeof(cfg->printer_queue))
        return why(msg, cap, "is %zu bytes long", len);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)value[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return why(msg, cap, "'%.60s' has a character a queue name cannot have", value);
    }
    memcpy(cfg->printer_queue, value, len + 1);
    return 0;
}

/* The token travels in every request: plain HTTP only where nobody can
 * listen in between, i.e. on this machine. */
static int set_hub_url(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                       char *msg, size_t cap)
{
    (void)def;
    static const char *const loopback[] = {"http://127.", "http://[::1]", "http://localhost"};
    size_t len = strlen(value);
    bool ok = strncmp(value, "https://", 8) == 0 && len > 8;
    for (size_t i = 0; i < sizeof(loopback) / sizeof(loopback[0]); i++)
        ok |= strncmp(value, loopback[i], strlen(loopback[i])) == 0;
    if (!ok)
        return why(msg, cap, "'%.60s' is neither https:// nor http:// to this machine", value);
    if (len >= sizeof(cfg->hub_url))
        return why(msg, cap, "is %zu bytes long", len);
    memcpy(cfg->hub_url, value, len + 1);
    return 0;
}

/* Where visitors' phones go from the ticket's QR code: the hub as the
 * public sees it. Kept without the slash at the end. */
static int set_public_url(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                          char *msg, size_t cap)
{
    (void)def;
    size_t len = strlen(value);
    if (!((strncmp(value, "https://", 8) == 0 && len > 8) ||
          (strncmp(value, "http://", 7) == 0 && len > 7)) ||
        strchr(value, ' '))
        return why(msg, cap, "'%.60s' is not an http:// or https:// address", value);
    while (len > 0 && value[len - 1] == '/')
        len--;
    if (len >= sizeof(cfg->public_url))
        return why(msg, cap, "is %zu bytes long", len);
    memcpy(cfg->public_url, value, len);
    cfg->public_url[len] = '\0';
    return 0;
}

static int set_enrollment_code(struct kiosk_config *cfg, const struct key_def *def,
                               const char *value, char *msg, size_t cap)
{
    (void)def;
    size_t len = strlen(value);
    if (len >= sizeof(cfg->enrollment_code))
        return why(msg, cap, "is %zu bytes long", len);
    memcpy(cfg->enrollment_code, value, len + 1);
    return 0;
}

/* SANE names a device "backend:address" in printable ASCII, no spaces. */
static int set_scanner_device(struct kiosk_config *cfg, const struct key_def *def,
                              const char *value, char *msg, size_t cap)
{
    (void)def;
    size_t len = strlen(value);
    if (len >= sizeof(cfg->scanner_device))
        return why(msg, cap, "is %zu bytes long", len);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)value[i] <= ' ' || (unsigned char)value[i] > '~')
            return why(msg, cap, "'%.60s' is not a SANE device name", value);
    memcpy(cfg->scanner_device, value, len + 1);
    return 0;
}

static int set_scanner_recheck(struct kiosk_config *cfg, const struct key_def *def,
                               const char *value, char *msg, size_t cap)
{
    (void)def;
    if (value[0] == '\0' || strspn(value, "0123456789") != strlen(value) || strlen(value) > 3)
        return why(msg, cap, "'%.60s' is not a whole number in range", value);
    int n = atoi(value);
    if (n < 1 || n > 600)
        return why(msg, cap, "%d is out of range", n);
    cfg->scanner_recheck_s = n;
    return 0;
}

/* scan_jpeg_quality (arg 0, 10..95) and scan_max_pages (arg 1, 1..200). */
static int set_scan_int(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                        char *msg, size_t cap)
{
    static const int lo[2] = {10, 1}, hi[2] = {95, 200};
    if (value[0] == '\0' || strspn(value, "0123456789") != strlen(value) || strlen(value) > 3)
        return why(msg, cap, "'%.60s' is not a whole number in range", value);
    int n = atoi(value);
    if (n < lo[def->arg] || n > hi[def->arg])
        return why(msg, cap, "%d is out of range", n);
    if (def->arg == 0)
        cfg->scan_jpeg_quality = n;
    else
        cfg->scan_max_pages = n;
    return 0;
}

/* sync_chunk_kib: 4..4096, within what a hub takes in one request. */
static int set_sync_chunk(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                          char *msg, size_t cap)
{
    (void)def;
    if (value[0] == '\0' || strspn(value, "0123456789") != strlen(value) || strlen(value) > 4)
        return why(msg, cap, "'%.60s' is not a whole number in range", value);
    int n = atoi(value);
    if (n < 4 || n > 4096)
        return why(msg, cap, "%d is out of range", n);
    cfg->sync_chunk_kib = n;
    return 0;
}

static int set_scan_source(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                           char *msg, size_t cap)
{
    (void)def;
    if (strcmp(value, "adf") != 0 && strcmp(value, "flatbed") != 0)
        return why(msg, cap, "unknown source '%.60s'", value);
    snprintf(cfg->scan_source, sizeof(cfg->scan_source), "%s", value);
    return 0;
}

/* Only a hash made by `serambi pin`; a PIN written in clear is refused
 * without repeating it in the message. */
static int set_staff_pin_hash(struct kiosk_config *cfg, const struct key_def *def,
                              const char *value, char *msg, size_t cap)
{
    (void)def;
    if (strspn(value, "0123456789") == strlen(value))
        return why(msg, cap,
                   "looks like a PIN in clear, which must never be written in the "
                   "configuration (remove the line, and choose a new PIN since this one was "
                   "written down)");
    if (strlen(value) >= sizeof(cfg->staff_pin_hash) || !pin_hash_wellformed(value))
        return why(msg, cap, "is not a PIN hash made by `serambi pin`");
    snprintf(cfg->staff_pin_hash, sizeof(cfg->staff_pin_hash), "%s", value);
    return 0;
}

static int set_language(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                        char *msg, size_t cap)
{
    (void)def;
    if (strcmp(value, "id") != 0 && strcmp(value, "en") != 0)
        return why(msg, cap, "unknown language '%.60s'", value);
    snprintf(cfg->language, sizeof(cfg->language), "%s", value);
    return 0;
}

/* The display's whole-number keys: where each lives and its range. */
enum display_int {
    DISP_WIDTH,
    DISP_HEIGHT,
    DISP_WIDTH_MM,
    DISP_HEIGHT_MM,
    DISP_IDLE,
    DISP_COUNTDOWN
};

static int *display_int_field(struct kiosk_config *cfg, int which, long *min, long *max)
{
    struct config_display *d = &cfg->display;
    static const long limits[][2] = {
        [DISP_WIDTH] = {0, 7680},      [DISP_HEIGHT] = {0, 7680}, [DISP_WIDTH_MM] = {40, 2000},
        [DISP_HEIGHT_MM] = {40, 2000}, [DISP_IDLE] = {15, 3600},  [DISP_COUNTDOWN] = {5, 120},
    };
    int *fields[] = {[DISP_WIDTH] = &d->width_px,      [DISP_HEIGHT] = &d->height_px,
                     [DISP_WIDTH_MM] = &d->width_mm,   [DISP_HEIGHT_MM] = &d->height_mm,
                     [DISP_IDLE] = &d->idle_timeout_s, [DISP_COUNTDOWN] = &d->idle_countdown_s};
    *min = limits[which][0];
    *max = limits[which][1];
    return fields[which];
}

static int set_display_int(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                           char *msg, size_t cap)
{
    long min, max;
    int *field = display_int_field(cfg, def->arg, &min, &max);
    if (strspn(value, "0123456789") != strlen(value) || strlen(value) > 6)
        return why(msg, cap, "'%.60s' is not a whole number", value);
    long n = strtol(value, NULL, 10);
    if (n < min || n > max)
        return why(msg, cap, "%ld is out of range", n);
    *field = (int)n;
    return 0;
}

static int set_rotation(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                        char *msg, size_t cap)
{
    (void)def;
    static const char *const allowed[] = {"0", "90", "180", "270"};
    for (int i = 0; i < 4; i++) {
        if (strcmp(value, allowed[i]) == 0) {
            cfg->display.rotation_deg = i * 90;
            return 0;
        }
    }
    return why(msg, cap, "'%.60s' is not a quarter turn", value);
}

static int set_video_driver(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                            char *msg, size_t cap)
{
    (void)def;
    static const char *const allowed[] = {"auto", "kmsdrm", "x11", "wayland", "offscreen"};
    for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
        if (strcmp(value, allowed[i]) == 0) {
            snprintf(cfg->display.video_driver, sizeof(cfg->display.video_driver), "%s",
                     i == 0 ? "" : value);
            return 0;
        }
    }
    return why(msg, cap, "unknown driver '%.60s'", value);
}

static int set_fullscreen(struct kiosk_config *cfg, const struct key_def *def, const char *value,
                          char *msg, size_t cap)
{
    (void)def;
    if (strcmp(value, "yes") == 0 || strcmp(value, "no") == 0) {
        cfg->display.fullscreen = value[0] == 'y';
        return 0;
    }
    return why(msg, cap, "'%.60s' is neither yes nor no", value);
}

#define HOURS_EXPECTED  "HH:MM-HH:MM with opening before closing, such as 07:30-16:00, or closed"
#define PREFIX_EXPECTED "1 to 3 capital letters A-Z, such as T, R or P"

/* Indexes into keys[]; the weekdays and services run in their own order. */
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

static const struct key_def keys[KEY_COUNT] = {
    [KEY_KIOSK_NAME] = {"kiosk_name", set_name, FIELD_KIOSK_NAME,
                        "a short name of at most 127 bytes"},
    [KEY_OFFICE_NAME] = {"office_name", set_name, FIELD_OFFICE_NAME,
                         "the office's name in at most 255 bytes"},
    [KEY_DATA_DIR] = {"data_dir", set_path, FIELD_DATA_DIR,
                      "an absolute path such as /var/lib/serambi"},
    [KEY_ASSETS_DIR] = {"assets_dir", set_path, FIELD_ASSETS_DIR,
                        "an absolute path such as /usr/share/serambi"},
    [KEY_TIMEZONE] = {"timezone", set_timezone, 0,
                      "Asia/Jakarta or Asia/Pontianak (WIB), Asia/Makassar (WITA), Asia/Jayapura "
                      "(WIT), or an offset UTC+HH:MM / UTC-HH:MM such as UTC+07:00"},
    [KEY_HOURS + 0] = {"hours_monday", set_hours, 0, HOURS_EXPECTED},
    [KEY_HOURS + 1] = {"hours_tuesday", set_hours, 1, HOURS_EXPECTED},
    [KEY_HOURS + 2] = {"hours_wednesday", set_hours, 2, HOURS_EXPECTED},
    [KEY_HOURS + 3] = {"hours_thursday", set_hours, 3, HOURS_EXPECTED},
    [KEY_HOURS + 4] = {"hours_friday", set_hours, 4, HOURS_EXPECTED},
    [KEY_HOURS + 5] = {"hours_saturday", set_hours, 5, HOURS_EXPECTED},
    [KEY_HOURS + 6] = {"hours_sunday", set_hours, 6, HOURS_EXPECTED},
    [KEY_PREFIX + REC_SERVICE_GUEST] = {"ticket_prefix_guest", set_prefix, REC_SERVICE_GUEST,
                                        PREFIX_EXPECTED},
    [KEY_PREFIX + REC_SERVICE_MEETING] = {"ticket_prefix_meeting", set_prefix, REC_SERVICE_MEETING,
                                          PREFIX_EXPECTED},
    [KEY_PREFIX + REC_SERVICE_COMPLAINT] = {"ticket_prefix_complaint", set_prefix,
                                            REC_SERVICE_COMPLAINT, PREFIX_EXPECTED},
    [KEY_CLASS] = {"complaint_default_class", set_class, 0,
                   "light, normative, no_supervision or supervision"},
    [KEY_RETENTION] = {"retention_days", set_retention, 0, "a whole number of days from 1 to 3650"},
    [KEY_LANGUAGE] = {"language", set_language, 0, "id (Indonesian) or en (English)"},
    [KEY_VIDEO_DRIVER] = {"video_driver", set_video_driver, 0,
                          "auto, kmsdrm, x11, wayland or offscreen"},
    [KEY_FULLSCREEN] = {"fullscreen", set_fullscreen, 0, "yes or no"},
    [KEY_ROTATION] = {"display_rotation", set_rotation, 0, "0, 90, 180 or 270"},
    [KEY_DISPLAY_INT + DISP_WIDTH] = {"display_width", set_display_int, DISP_WIDTH,
                                      "pixels from 0 (the desktop's) to 7680"},
    [KEY_DISPLAY_INT + DISP_HEIGHT] = {"display_height", set_display_int, DISP_HEIGHT,
                                       "pixels from 0 (the desktop's) to 7680"},
    [KEY_DISPLAY_INT + DISP_WIDTH_MM] = {"display_width_mm", set_display_int, DISP_WIDTH_MM,
                                         "millimetres from 40 to 2000"},
    [KEY_DISPLAY_INT + DISP_HEIGHT_MM] = {"display_height_mm", set_display_int, DISP_HEIGHT_MM,
                                          "millimetres from 40 to 2000"},
    [KEY_DISPLAY_INT + DISP_IDLE] = {"idle_timeout_seconds", set_display_int, DISP_IDLE,
                                     "seconds from 15 to 3600"},
    [KEY_DISPLAY_INT + DISP_COUNTDOWN] = {"idle_countdown_seconds", set_display_int, DISP_COUNTDOWN,
                                          "seconds from 5 to 120"},
    [KEY_FONT] = {"font_path", set_path, FIELD_FONT,
                  "an absolute path to a TrueType font such as "
                  "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"},
    [KEY_FONT_BOLD] = {"font_bold_path", set_path, FIELD_FONT_BOLD,
                       "an absolute path to a TrueType font such as "
                       "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"},
    [KEY_LOCALE_DIR] = {"locale_dir", set_path, FIELD_LOCALE_DIR,
                        "an absolute path such as /usr/share/locale"},
    [KEY_PRINTER_QUEUE] = {"printer_queue", set_printer_queue, 0,
                           "a CUPS queue name of at most 127 bytes: letters, digits, '-', '_' "
                           "or '.', such as ticket"},
    [KEY_HUB_URL] = {"hub_url", set_hub_url, 0,
                     "https://HOST[:PORT]/, or http:// to a loopback address for development"},
    [KEY_ENROLLMENT_CODE] = {"enrollment_code", set_enrollment_code, 0,
                             "the code `serambi-hub enroll` printed, such as ABCDE-FGHJK"},
    [KEY_SYNC_CHUNK] = {"sync_chunk_kib", set_sync_chunk, 0, "a whole number from 4 to 4096"},
    [KEY_SCANNER_DEVICE] = {"scanner_device", set_scanner_device, 0,
                            "a SANE device name as `scanimage -L` lists it, such as "
                            "fujitsu:fi-800R:12345"},
    [KEY_SCANNER_RECHECK] = {"scanner_recheck_seconds", set_scanner_recheck, 0,
                             "seconds from 1 to 600"},
    [KEY_SCAN_QUALITY] = {"scan_jpeg_quality", set_scan_int, 0, "a whole number from 10 to 95"},
    [KEY_SCAN_MAX_PAGES] = {"scan_max_pages", set_scan_int, 1, "a whole number from 1 to 200"},
    [KEY_STAFF_PIN_HASH] = {"staff_pin_hash", set_staff_pin_hash, 0,
                            "the line `serambi pin` prints, staff_pin_hash = $argon2id$v=19$…"},
    [KEY_SCAN_SOURCE] = {"scan_source", set_scan_source, 0, "adf (the sheet feeder) or flatbed"},
    [KEY_PUBLIC_URL] = {"public_url", set_public_url, 0,
                        "the hub's public address, such as https://layanan.example.go.id"},
    [KEY_TICKET_DIR] = {"ticket_dir", set_path, FIELD_TICKET_DIR,
                        "an absolute path such as /var/lib/serambi/tickets"},
};

/* --- the parse ------------------------------------------------------------ */

struct parse_ctx {
    struct kiosk_config *cfg;
    int seen_line[KEY_COUNT]; /* 0 = not in the file */
    char detail[512];         /* longer than ini_error.message allows */
};

static int fail(struct parse_ctx *ctx, struct ini_error *err, int line, const char *key,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int fail(struct parse_ctx *ctx, struct ini_error *err, int line, const char *key,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->detail, sizeof(ctx->detail), fmt, ap);
    va_end(ap);
    return ini_fail(err, line, key, "%s", ctx->detail);
}

/* Edit distance, ignoring case, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[64];
    if (la >= 64 || lb >= 64)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            char ca = a[i - 1], cb = b[j - 1];
            if (ca >= 'A' && ca <= 'Z')
                ca = (char)(ca - 'A' + 'a');
            size_t best = diag + (ca == cb ? 0 : 1);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = row[j];
            row[j] = best;
        }
    }
    return row[lb];
}

static const char *closest_key(const char *typed)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1, len = strlen(typed);
    size_t limit = len / 3 > 2 ? len / 3 : 2;
    for (size_t i = 0; i < KEY_COUNT; i++) {
        size_t d = distance(typed, keys[i].name);
        /* A cut-short key ("retention") is a likely slip too. */
        if (len >= 5 && strncmp(keys[i].name, typed, len) == 0 && d > limit)
            d = limit;
        if (d <= limit && d < best_d) {
            best = keys[i].name;
            best_d = d;
        }
    }
    return best;
}

static void unquote(const char *value, char *buf, size_t cap)
{
    size_t len = strlen(value);
    if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
        snprintf(buf, cap, "%.*s", (int)(len - 2), value + 1);
    else
        snprintf(buf, cap, "%s", value);
}

static int on_pair(void *opaque, const char *section, const char *key, const char *raw, int line,
                   struct ini_error *err)
{
    struct parse_ctx *ctx = opaque;
    size_t k = 0;
    while (k < KEY_COUNT && strcmp(keys[k].name, key) != 0)
        k++;
    if (k == KEY_COUNT) {
        const char *guess = closest_key(key);
        if (guess)
            return fail(ctx, err, line, key,
                        "unknown key (did you mean %s?); expected a key listed in docs/config.md",
                        guess);
        return fail(ctx, err, line, key, "unknown key; expected a key listed in docs/config.md");
    }
    if (section[0])
        return fail(ctx, err, line, key,
                    "is inside section [%s]; expected kiosk.conf without section headers", section);
    if (ctx->seen_line[k])
        return fail(ctx, err, line, key, "is set again (first on line %d); expected each key once",
                    ctx->seen_line[k]);
    ctx->seen_line[k] = line;

    char value[INI_LINE_MAX + 1];
    unquote(raw, value, sizeof(value));
    const struct key_def *def = &keys[k];
    if (value[0] == '\0')
        return fail(ctx, err, line, key, "has no value; expected %s, or no line for the default",
                    def->expected);
    int rc = text_check(value, 0, NULL);
    if (rc == -EILSEQ)
        return fail(ctx, err, line, key, "is not valid UTF-8 text; expected %s", def->expected);
    if (rc < 0)
        return fail(ctx, err, line, key, "contains a control character; expected %s",
                    def->expected);
    char msg[256];
    if (def->set(ctx->cfg, def, value, msg, sizeof(msg)) < 0)
        return fail(ctx, err, line, key, "%s; expected %s", msg, def->expected);
    return 0;
}

/* What no single line shows: a week with no open day, and two services
 * sharing a ticket prefix. */
static int check_whole(struct parse_ctx *ctx, struct ini_error *err)
{
    const struct kiosk_config *cfg = ctx->cfg;
    bool open_day = false;
    int last_hours = -1;
    for (int d = 0; d < 7; d++) {
        if (cfg->hours[d].open_min < cfg->hours[d].close_min)
            open_day = true;
        if (ctx->seen_line[KEY_HOURS + d] &&
            (last_hours < 0 ||
             ctx->seen_line[KEY_HOURS + d] > ctx->seen_line[KEY_HOURS + last_hours]))
            last_hours = d;
    }
    if (!open_day) {
        int k = KEY_HOURS + (last_hours < 0 ? 0 : last_hours);
        return fail(ctx, err, ctx->seen_line[k], keys[k].name,
                    "closes the last open day, so the office is never open; expected "
                    "opening hours on at least one day");
    }
    for (int a = 0; a < REC_SERVICE_COUNT; a++) {
        for (int b = a + 1; b < REC_SERVICE_COUNT; b++) {
            if (strcmp(cfg->ticket_prefix[a], cfg->ticket_prefix[b]) != 0)
                continue;
            int ka = KEY_PREFIX + a, kb = KEY_PREFIX + b;
            int later = ctx->seen_line[kb] >= ctx->seen_line[ka] ? kb : ka;
            int other = later == kb ? ka : kb;
            return fail(ctx, err, ctx->seen_line[later], keys[later].name,
                        "'%s' is already the prefix of %s tickets; expected a different "
                        "prefix for each service",
                        cfg->ticket_prefix[a], rec_service_name(other - KEY_PREFIX));
        }
    }
    return 0;
}

static void format_error(char *errbuf, size_t errcap, const char *filename,
                         const struct ini_error *err, const char *detail)
{
    const char *what = detail[0] ? detail : err->message;
    if (!errbuf || errcap == 0)
        return;
    if (err->line > 0 && err->key[0])
        snprintf(errbuf, errcap, "%s:%d: %s: %s", filename, err->line, err->key, what);
    else if (err->line > 0)
        snprintf(errbuf, errcap, "%s:%d: %s", filename, err->line, what);
    else if (err->key[0])
        snprintf(errbuf, errcap, "%s: %s: %s", filename, err->key, what);
    else
        snprintf(errbuf, errcap, "%s: %s", filename, what);
}

int config_parse(struct kiosk_config *cfg, const char *filename, const char *text, size_t len,
                 char *errbuf, size_t errcap)
{
    struct kiosk_config work = *cfg;
    struct parse_ctx ctx;
    struct ini_error err;
    memset(&ctx, 0, sizeof(ctx));
    ctx.cfg = &work;
    if (!filename)
        filename = "(config)";

    int rc = ini_parse(text, len, on_pair, &ctx, &err);
    if (rc == 0)
        rc = check_whole(&ctx, &err);
    if (rc < 0) {
        format_error(errbuf, errcap, filename, &err, ctx.detail);
        return rc;
    }
    *cfg = work;
    return 0;
}

/* --- files ---------------------------------------------------------------- */

/* Reads a whole file of at most CONFIG_FILE_MAX_BYTES. 0 and a new buffer
 * (the caller frees it), or a negative errno. */
static int read_whole(const char *path, char **text, size_t *len)
{
    int rc = 0;
    char *buf = NULL;
    size_t n = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        rc = -errno;
        goto out;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        rc = -errno;
        goto out;
    }
    if (S_ISDIR(st.st_mode)) {
        rc = -EISDIR;
        goto out;
    }
    buf = malloc(CONFIG_FILE_MAX_BYTES + 1);
    if (!buf) {
        rc = -ENOMEM;
        goto out;
    }
    for (;;) {
        ssize_t got = read(fd, buf + n, CONFIG_FILE_MAX_BYTES + 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = -errno;
            goto out;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > CONFIG_FILE_MAX_BYTES) {
            rc = -EFBIG;
            goto out;
        }
    }
    *text = buf;
    *len = n;
    buf = NULL;
out:
    if (fd >= 0)
        close(fd);
    free(buf);
    return rc;
}

int config_load(struct kiosk_config *cfg, const char *path, char *errbuf, size_t errcap)
{
    struct kiosk_config work;
    char *text = NULL;
    size_t len = 0;
    const char *file = path ? path : CONFIG_DEFAULT_PATH;
    config_defaults(&work);

    int rc = read_whole(file, &text, &len);
    if (rc == -ENOENT && !path) {
        /* No config file: the built-in defaults are the configuration. */
        *cfg = work;
        return 0;
    }
    if (rc == -EFBIG) {
        if (errbuf && errcap)
            snprintf(errbuf, errcap, "%s: is larger than %d bytes; expected a kiosk configuration",
                     file, CONFIG_FILE_MAX_BYTES);
        goto out;
    }
    if (rc < 0) {
        if (errbuf && errcap)
            snprintf(errbuf, errcap, "%s: cannot read the configuration: %s", file, strerror(-rc));
        goto out;
    }
    rc = config_parse(&work, file, text, len, errbuf, errcap);
    if (rc < 0)
        goto out;
    snprintf(work.source, sizeof(work.source), "%s", file);
    *cfg = work;
out:
    free(text);
    return rc;
}

int config_db_path(const struct kiosk_config *cfg, char *buf, size_t cap)
{
    static const char name[] = "kiosk.db";
    size_t len = strlen(cfg->data_dir);
    const char *sep = (len > 0 && cfg->data_dir[len - 1] == '/') ? "" : "/";
    /* Measured first, so that buf is written only when the path fits. */
    if (len + strlen(sep) + sizeof(name) > cap)
        return -ENAMETOOLONG;
    snprintf(buf, cap, "%s%s%s", cfg->data_dir, sep, name);
    return 0;
}

int config_status_url(const struct kiosk_config *cfg, const char *code, char *buf, size_t cap)
{
    const char *base = cfg->public_url[0] ? cfg->public_url : cfg->hub_url;
    size_t len = strlen(base);
    while (len > 0 && base[len - 1] == '/')
        len--;
    if (cap > 0)
        buf[0] = '\0';
    if (len == 0 || !code[0])
        return -ENOENT;
    int n = snprintf(buf, cap, "%.*s/status/%s", (int)len, base, code);
    if (n < 0 || (size_t)n >= cap) {
        if (cap > 0)
            buf[0] = '\0';
        return -ENAMETOOLONG;
    }
    return 0;
}

const char *config_zone_abbrev(const struct kiosk_config *cfg)
{
    for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
        if (strcmp(cfg->timezone, zones[i].name) == 0)
            return zones[i].abbrev;
    return cfg->timezone;
}
