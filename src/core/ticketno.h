/*
 * ticketno — queue numbers on tickets: a service prefix and a sequence that
 * starts again at 1 each office day ("R-007"). The store keeps the counter;
 * this module only says what a prefix may be and how a number is written.
 */
#ifndef SERAMBI_CORE_TICKETNO_H
#define SERAMBI_CORE_TICKETNO_H

#include <stdbool.h>
#include <stddef.h>

#define TICKETNO_SIZE 16

/* A prefix is 1 to 3 capital letters A–Z. */
bool ticketno_prefix_valid(const char *prefix);

/* Writes "R-007" (three digits at least: "R-1000" after 999).
 * Returns 0, -EINVAL for a bad prefix or seq < 1, -ENOSPC when cap is short. */
int ticketno_format(const char *prefix, int seq, char *buf, size_t cap);

#endif
