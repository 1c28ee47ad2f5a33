/*
 * config_keys — see config_keys.h: the setters and the table of keys.
 */
#include "kiosk/config_keys.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
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

/* --- setters --------------------------------------------------------------- */

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

const struct key_def config_keys[KEY_COUNT] = {
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

const char *config_zone_abbrev(const struct kiosk_config *cfg)
{
    for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
        if (strcmp(cfg->timezone, zones[i].name) == 0)
            return zones[i].abbrev;
    return cfg->timezone;
}
