/*
 * geom — rotation and physical size arithmetic; see geom.h.
 */
#include "ui/geom.h"

#include <math.h>

bool ui_rect_contains(struct ui_rect r, struct ui_point p)
{
    return p.x >= r.x && p.y >= r.y && p.x < r.x + r.w && p.y < r.y + r.h;
}

void ui_geom_picture_size(int panel_w, int panel_h, int rotation_deg, int *w, int *h)
{
    bool quarter = rotation_deg == 90 || rotation_deg == 270;
    *w = quarter ? panel_h : panel_w;
    *h = quarter ? panel_w : panel_h;
}

/* The picture is turned clockwise on the panel; a touch is turned back. */
struct ui_point ui_geom_panel_to_picture(struct ui_point p, int panel_w, int panel_h,
                                         int rotation_deg)
{
    switch (rotation_deg) {
    case 90:
        return (struct ui_point){p.y, panel_w - 1 - p.x};
    case 180:
        return (struct ui_point){panel_w - 1 - p.x, panel_h - 1 - p.y};
    case 270:
        return (struct ui_point){panel_h - 1 - p.y, p.x};
    default:
        return p;
    }
}

struct ui_point ui_geom_picture_to_panel(struct ui_point p, int panel_w, int panel_h,
                                         int rotation_deg)
{
    switch (rotation_deg) {
    case 90:
        return (struct ui_point){panel_w - 1 - p.y, p.x};
    case 180:
        return (struct ui_point){panel_w - 1 - p.x, panel_h - 1 - p.y};
    case 270:
        return (struct ui_point){p.y, panel_h - 1 - p.x};
    default:
        return p;
    }
}

double ui_geom_px_per_mm(int panel_px, int panel_mm)
{
    if (panel_px <= 0 || panel_mm <= 0)
        return 96.0 / 25.4; /* a desktop monitor's nominal density */
    return (double)panel_px / panel_mm;
}

int ui_geom_mm_to_px(double mm, double px_per_mm)
{
    return (int)ceil(mm * px_per_mm);
}
