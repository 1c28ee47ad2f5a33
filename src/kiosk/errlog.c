/*
 * errlog — the ring of the last problems; see errlog.h.
 */
#include "kiosk/errlog.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct errlog_line ring[ERRLOG_LINES];
static size_t next; /* where the next line goes */
static size_t kept; /* lines in the ring, up to ERRLOG_LINES */

/* A line cut by snprintf may end inside a character: drop that part, so
 * the line stays valid UTF-8 for the screen. */
static void cut_utf8(char *s)
{
    size_t len = strlen(s), start = len;
    while (start > 0 && ((unsigned char)s[start - 1] & 0xC0u) == 0x80u)
        start--;
    if (start == 0)
        return;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (len - (start - 1) < need)
        s[start - 1] = '\0';
}

void errlog_add(const char *module, const char *fmt, ...)
{
    struct errlog_line line;
    struct timespec ts;
    memset(&line, 0, sizeof(line));
    clock_gettime(CLOCK_REALTIME, &ts);
    line.utc_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    snprintf(line.module, sizeof(line.module), "%s", module);
    va_list ap;
    va_start(ap, fmt);
    char full[1024];
    vsnprintf(full, sizeof(full), fmt, ap);
    va_end(ap);
    fprintf(stderr, "serambi: %s: %s\n", line.module, full);
    size_t len = strlen(full);
    bool cut = len >= sizeof(line.text);
    if (cut)
        len = sizeof(line.text) - 1;
    memcpy(line.text, full, len);
    line.text[len] = '\0';
    if (cut)
        cut_utf8(line.text);

    pthread_mutex_lock(&lock);
    ring[next] = line;
    next = (next + 1) % ERRLOG_LINES;
    if (kept < ERRLOG_LINES)
        kept++;
    pthread_mutex_unlock(&lock);
}

size_t errlog_copy(struct errlog_line *out, size_t max)
{
    size_t n = 0;
    pthread_mutex_lock(&lock);
    for (; n < kept && n < max; n++)
        out[n] = ring[(next + ERRLOG_LINES - 1 - n) % ERRLOG_LINES];
    pthread_mutex_unlock(&lock);
    return n;
}

void errlog_clear(void)
{
    pthread_mutex_lock(&lock);
    memset(ring, 0, sizeof(ring));
    next = 0;
    kept = 0;
    pthread_mutex_unlock(&lock);
}
