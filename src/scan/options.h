/*
 * options — setting an open SANE device up for one scan: source
 * (flatbed or feeder), mode (line art, grey, colour), bit depth and
 * resolution, in that order, since some backends change the other
 * options' lists with the source.
 *
 * Internal to src/scan: scan_session_run() calls it between opening the
 * device and the first page.
 */
#ifndef SERAMBI_SCAN_OPTIONS_H
#define SERAMBI_SCAN_OPTIONS_H

#include <stddef.h>

#include <sane/sane.h>

#include "scan/problem.h"
#include "scan/session.h"

/* Applies o's source, mode and resolution to the device h. 0, or the
 * negative errno of the problem written to *problem, with what the
 * scanner said in detail[cap] (for the technician). An option the
 * scanner does not have is left alone; a value it cannot take is
 * SCAN_PROBLEM_UNSUPPORTED. */
int scan_options_apply(SANE_Handle h, const struct scan_options *o, enum scan_problem *problem,
                       char *detail, size_t cap);

#endif
