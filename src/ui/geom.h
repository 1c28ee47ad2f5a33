/*
 * geom — the arithmetic between the panel and the picture: rotation of
 * the picture on the panel (and of touches back into the picture), and
 * millimetres to pixels so that touch targets keep their physical size on
 * any panel.
 *
 * The one idea: screens lay out in picture coordinates only. A picture
 * turned by 90 or 270 degrees is portrait on a landscape panel; only this
 * module knows about the turn.
 */
#ifndef SERAMBI_UI_GEOM_H
#define SERAMBI_UI_GEOM_H

#include <stdbool.h>

#define UI_MIN_TARGET_MM 12 /* the smallest thing a finger is asked to hit */

struct ui_point {
    int x, y;
};

struct ui_rect {
    int x, y, w, h;
};

/* Whether p lies inside r. */
bool ui_rect_contains(struct ui_rect r, struct ui_point p);

/* The size of the picture shown on a panel_w x panel_h panel turned by
 * rotation_deg (0, 90, 180, 270, clockwise): swapped for quarter turns. */
void ui_geom_picture_size(int panel_w, int panel_h, int rotation_deg, int *w, int *h);

/* A point of the panel (a touch) in picture coordinates. */
struct ui_point ui_geom_panel_to_picture(struct ui_point p, int panel_w, int panel_h,
                                         int rotation_deg);
/* A point of the picture on the panel; the inverse of the above. */
struct ui_point ui_geom_picture_to_panel(struct ui_point p, int panel_w, int panel_h,
                                         int rotation_deg);

/* Pixels per millimetre of a panel of panel_px pixels over panel_mm
 * millimetres (the same along both axes on every panel we use). */
double ui_geom_px_per_mm(int panel_px, int panel_mm);

/* mm millimetres in pixels at px_per_mm, rounded up so that a target
 * never ends up smaller than asked. */
int ui_geom_mm_to_px(double mm, double px_per_mm);

#endif
