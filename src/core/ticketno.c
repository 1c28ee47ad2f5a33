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
    /* Formatted aside first, so that buf never holds a cut-off number. */
    char tmp[TICKETNO_SIZE];
    int n = snprintf(tmp, sizeof(tmp), "%s-%03d", prefix, seq);
    if (n < 0 || (size_t)n >= sizeof(tmp) || (size_t)n >= cap)
        return -ENOSPC;
    memcpy(buf, tmp, (size_t)n + 1);
    return 0;
}
