/*
 * devices — what the UI's device hooks (struct ui_devices) reach: one
 * struct the kiosk fills with its device services and hands to the UI as
 * ui_devices.ctx; each service's hooks take their part of it.
 */
#ifndef SERAMBI_KIOSK_DEVICES_H
#define SERAMBI_KIOSK_DEVICES_H

struct scan_hotplug;
struct tickets;

struct kiosk_devices {
    struct tickets *tickets;      /* the ticket printer (kiosk/tickets.h), or NULL */
    struct scan_hotplug *scanner; /* the scanner watcher (kiosk/scanner.h), or NULL */
};

#endif
