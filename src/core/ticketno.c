/*
 * ticketno — formatting of queue numbers; see ticketno.h.
 */
#include "core/ticketno.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

bool ticketno_prefix_valid(const char *prefix)
{
    if (!prefix)
        return false;
    size_t n = strlen(prefix);
    if (n < 1 || n > 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (prefix[i] < 'A' || prefix[i] > 'Z')
            return false;
    return true;
}

int ticketno_format(const char *prefix, int seq, char *buf, size_t cap)
{
    if (!ticketno_prefix_valid(prefix) || seq < 1)
        return -EINVAL;
    int n = snprintf(buf, cap, "%s-%03d", prefix, seq);
    return (n < 0 || (size_t)n >= cap) ? -ENOSPC : 0;
}
