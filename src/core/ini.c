/*
 * ini — line-oriented parser over a caller's buffer; no allocation, no I/O.
 * Lines longer than INI_LINE_MAX, NUL bytes, keys without `=`, and
 * unterminated section headers are errors, never silently skipped.
 */
#include "core/ini.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int ini_fail(struct ini_error *err, int line, const char *key, const char *fmt, ...)
{
    if (!err)
        return -EINVAL;
    err->line = line;
    snprintf(err->key, sizeof(err->key), "%s", key ? key : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return -EINVAL;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static char *trim(char *s)
{
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        s[--n] = '\0';
    return s;
}

static bool key_chars_ok(const char *k)
{
    if (!*k)
        return false;
    for (; *k; k++) {
        char c = *k;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            return false;
    }
    return true;
}

int ini_parse(const char *text, size_t len, ini_handler handler, void *ctx, struct ini_error *err)
{
    char line_buf[INI_LINE_MAX + 1];
    char section[64] = "";
    struct ini_error scratch;
    if (!err)
        err = &scratch;
    memset(err, 0, sizeof(*err));

    size_t pos = 0;
    int line = 0;
    /* Notepad and other Windows editors start a UTF-8 file with a byte
     * order mark; without this the first key would be "\xEF\xBB\xBFkey". */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        line++;
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        size_t n = end - pos;
        if (n > INI_LINE_MAX)
            return ini_fail(err, line, NULL, "line is longer than %d bytes", INI_LINE_MAX);
        if (memchr(text + pos, '\0', n))
            return ini_fail(err, line, NULL, "line contains a NUL byte");
        memcpy(line_buf, text + pos, n);
        line_buf[n] = '\0';
        pos = end + 1;

        char *s = trim(line_buf);
        if (*s == '\0' || *s == '#' || *s == ';')
            continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            if (!close || *trim(close + 1) != '\0')
                return ini_fail(err, line, NULL, "section header must look like [name]");
            *close = '\0';
            char *name = trim(s + 1);
            if (!key_chars_ok(name) || strlen(name) >= sizeof(section))
                return ini_fail(err, line, NULL, "bad section name '%.40s'", name);
            snprintf(section, sizeof(section), "%s", name);
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq)
            return ini_fail(err, line, NULL, "expected 'key = value'");
        *eq = '\0';
        char *key = trim(s);
        char *value = trim(eq + 1);
        if (!key_chars_ok(key) || strlen(key) >= sizeof(err->key))
            return ini_fail(err, line, NULL, "bad key name '%.40s'", key);
        int rc = handler(ctx, section, key, value, line, err);
        if (rc < 0) {
            err->line = line;
            if (!err->key[0])
                snprintf(err->key, sizeof(err->key), "%s", key);
            return rc;
        }
    }
    return 0;
}
