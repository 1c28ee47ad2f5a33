/*
 * text — UTF-8 decoding by the well-formed byte sequences of the Unicode
 * standard (table 3-7), and a small sorted table of the code points that
 * are not letters. The table lists whole symbol blocks and the digits and
 * punctuation of the scripts a kiosk in Indonesia meets (Latin, Arabic,
 * Javanese, Balinese, Sundanese, Buginese, Batak, Han, the Indic scripts);
 * it does not try to be the Unicode database.
 */
#include "core/text.h"

#include <errno.h>
#include <string.h>

int text_utf8_decode(const char *s, size_t len, uint32_t *cp, size_t *used)
{
    const unsigned char *p = (const unsigned char *)s;
    if (len == 0)
        return -EILSEQ;
    uint32_t c = p[0];
    size_t n;
    uint32_t min;
    if (c < 0x80) {
        *cp = c;
        *used = 1;
        return 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        min = 0x80;
        c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        min = 0x800;
        c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        min = 0x10000;
        c &= 0x07;
    } else {
        /* A continuation byte, C0/C1 (always overlong) or F5..FF. */
        return -EILSEQ;
    }
    if (len < n)
        return -EILSEQ;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return -EILSEQ;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -EILSEQ;
    *cp = c;
    *used = n;
    return 0;
}

int text_utf8_encode(uint32_t cp, char *out, size_t *used)
{
    unsigned char *p = (unsigned char *)out;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -EINVAL;
    if (cp < 0x80) {
        p[0] = (unsigned char)cp;
        *used = 1;
    } else if (cp < 0x800) {
        p[0] = (unsigned char)(0xC0 | (cp >> 6));
        p[1] = (unsigned char)(0x80 | (cp & 0x3F));
        *used = 2;
    } else if (cp < 0x10000) {
        p[0] = (unsigned char)(0xE0 | (cp >> 12));
        p[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        p[2] = (unsigned char)(0x80 | (cp & 0x3F));
        *used = 3;
    } else {
        p[0] = (unsigned char)(0xF0 | (cp >> 18));
        p[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        p[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        p[3] = (unsigned char)(0x80 | (cp & 0x3F));
        *used = 4;
    }
    return 0;
}

int text_length(const char *s, size_t *chars)
{
    size_t len = strlen(s), i = 0, count = 0;
    while (i < len) {
        uint32_t cp;
        size_t used;
        if (text_utf8_decode(s + i, len - i, &cp, &used))
            return -EILSEQ;
        i += used;
        count++;
    }
    *chars = count;
    return 0;
}

static bool is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

bool text_char_allowed(uint32_t cp, unsigned flags)
{
    if (cp == '\n')
        return (flags & TEXT_MULTILINE) != 0;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return false;
    return !is_bidi_control(cp);
}

int text_check(const char *s, unsigned flags, size_t *chars)
{
    size_t len = strlen(s), i = 0, count = 0;
    bool forbidden = false;
    while (i < len) {
        uint32_t cp;
        size_t used;
        if (text_utf8_decode(s + i, len - i, &cp, &used))
            return -EILSEQ;
        if (!text_char_allowed(cp, flags))
            forbidden = true;
        i += used;
        count++;
    }
    /* Malformed bytes anywhere outrank a control: the whole is unreadable. */
    if (forbidden)
        return -EINVAL;
    if (chars)
        *chars = count;
    return 0;
}

static bool is_line_break(uint32_t cp)
{
    return (cp >= 0x0A && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

bool text_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || is_line_break(cp) || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* --- classification ------------------------------------------------------ */

struct class_range {
    uint32_t first, last;
    enum text_class cls;
};

#define P TEXT_PUNCT
#define D TEXT_DIGIT
#define M TEXT_MARK
#define F TEXT_FORMAT
#define S TEXT_SPACE
#define C TEXT_CONTROL

/* Sorted, not overlapping; everything from U+0100 up that is not listed is
 * a letter. ASCII and Latin-1 are decided in text_classify(). */
static const struct class_range class_table[] = {
    {0x02C2, 0x02C5, P},   {0x02D2, 0x02DF, P},    {0x02E5, 0x02EB, P},   {0x02ED, 0x02ED, P},
    {0x02EF, 0x02FF, P},   {0x0300, 0x036F, M},    {0x0375, 0x0375, P},   {0x037E, 0x037E, P},
    {0x0384, 0x0385, P},   {0x0387, 0x0387, P},    {0x03F6, 0x03F6, P},   {0x0482, 0x0482, P},
    {0x055A, 0x055F, P},   {0x0589, 0x058A, P},    {0x058D, 0x058F, P},   {0x05BE, 0x05BE, P},
    {0x05C0, 0x05C0, P},   {0x05C3, 0x05C3, P},    {0x05C6, 0x05C6, P},   {0x05F3, 0x05F4, P},
    {0x0600, 0x0605, F},   {0x0606, 0x060F, P},    {0x061B, 0x061B, P},   {0x061C, 0x061C, F},
    {0x061D, 0x061F, P},   {0x0660, 0x0669, D},    {0x066A, 0x066D, P},   {0x06D4, 0x06D4, P},
    {0x06DD, 0x06DD, F},   {0x06DE, 0x06DE, P},    {0x06E9, 0x06E9, P},   {0x06F0, 0x06F9, D},
    {0x06FD, 0x06FE, P},   {0x0700, 0x070D, P},    {0x070F, 0x070F, F},   {0x07C0, 0x07C9, D},
    {0x07F6, 0x07F9, P},   {0x07FE, 0x07FF, P},    {0x0964, 0x0965, P},   {0x0966, 0x096F, D},
    {0x0970, 0x0970, P},   {0x09E6, 0x09EF, D},    {0x09F2, 0x09FB, P},   {0x0A66, 0x0A6F, D},
    {0x0A76, 0x0A76, P},   {0x0AE6, 0x0AEF, D},    {0x0AF0, 0x0AF1, P},   {0x0B66, 0x0B6F, D},
    {0x0B70, 0x0B70, P},   {0x0B72, 0x0B77, P},    {0x0BE6, 0x0BEF, D},   {0x0BF0, 0x0BFA, P},
    {0x0C66, 0x0C6F, D},   {0x0C77, 0x0C7F, P},    {0x0CE6, 0x0CEF, D},   {0x0D4F, 0x0D4F, P},
    {0x0D58, 0x0D5E, P},   {0x0D66, 0x0D6F, D},    {0x0D70, 0x0D79, P},   {0x0DE6, 0x0DEF, D},
    {0x0DF4, 0x0DF4, P},   {0x0E3F, 0x0E3F, P},    {0x0E4F, 0x0E4F, P},   {0x0E50, 0x0E59, D},
    {0x0E5A, 0x0E5B, P},   {0x0ED0, 0x0ED9, D},    {0x0F01, 0x0F17, P},   {0x0F1A, 0x0F1F, P},
    {0x0F20, 0x0F29, D},   {0x0F2A, 0x0F34, P},    {0x0F3A, 0x0F3D, P},   {0x0FBE, 0x0FC5, P},
    {0x0FC7, 0x0FDA, P},   {0x1040, 0x1049, D},    {0x104A, 0x104F, P},   {0x1090, 0x1099, D},
    {0x109E, 0x109F, P},   {0x10FB, 0x10FB, P},    {0x1360, 0x137C, P},   {0x1390, 0x1399, P},
    {0x166D, 0x166E, P},   {0x1680, 0x1680, S},    {0x169B, 0x169C, P},   {0x16EB, 0x16ED, P},
    {0x17D4, 0x17D6, P},   {0x17D8, 0x17DB, P},    {0x17E0, 0x17E9, D},   {0x17F0, 0x17F9, P},
    {0x1800, 0x180A, P},   {0x180E, 0x180E, F},    {0x1810, 0x1819, D},   {0x1940, 0x1940, P},
    {0x1944, 0x1945, P},   {0x1946, 0x194F, D},    {0x19D0, 0x19D9, D},   {0x19DA, 0x19DA, P},
    {0x19DE, 0x19FF, P},   {0x1A1E, 0x1A1F, P},    {0x1A80, 0x1A89, D},   {0x1A90, 0x1A99, D},
    {0x1AA0, 0x1AA6, P},   {0x1AA8, 0x1AAD, P},    {0x1AB0, 0x1AFF, M},   {0x1B50, 0x1B59, D},
    {0x1B5A, 0x1B6A, P},   {0x1B74, 0x1B7E, P},    {0x1BB0, 0x1BB9, D},   {0x1BFC, 0x1BFF, P},
    {0x1C3B, 0x1C3F, P},   {0x1C40, 0x1C49, D},    {0x1C50, 0x1C59, D},   {0x1C7E, 0x1C7F, P},
    {0x1CC0, 0x1CC7, P},   {0x1CD3, 0x1CD3, P},    {0x1DC0, 0x1DFF, M},   {0x1FBD, 0x1FBD, P},
    {0x1FBF, 0x1FC1, P},   {0x1FCD, 0x1FCF, P},    {0x1FDD, 0x1FDF, P},   {0x1FED, 0x1FEF, P},
    {0x1FFD, 0x1FFE, P},   {0x2000, 0x200A, S},    {0x200B, 0x200B, F},   {0x200C, 0x200D, M},
    {0x200E, 0x200F, F},   {0x2010, 0x2027, P},    {0x2028, 0x2029, S},   {0x202A, 0x202E, C},
    {0x202F, 0x202F, S},   {0x2030, 0x205E, P},    {0x205F, 0x205F, S},   {0x2060, 0x2064, F},
    {0x2066, 0x2069, C},   {0x206A, 0x206F, F},    {0x2070, 0x2070, P},   {0x2074, 0x207E, P},
    {0x2080, 0x208E, P},   {0x20A0, 0x2BFF, P},    {0x2CE5, 0x2CEA, P},   {0x2CF9, 0x2CFF, P},
    {0x2E00, 0x2E7F, P},   {0x2E80, 0x2FFF, P},    {0x3000, 0x3000, S},   {0x3001, 0x3004, P},
    {0x3008, 0x3020, P},   {0x3030, 0x3030, P},    {0x3036, 0x3037, P},   {0x303D, 0x303F, P},
    {0x309B, 0x309C, P},   {0x30A0, 0x30A0, P},    {0x30FB, 0x30FB, P},   {0x3190, 0x319F, P},
    {0x31C0, 0x31EF, P},   {0x3200, 0x33FF, P},    {0x4DC0, 0x4DFF, P},   {0xA490, 0xA4C6, P},
    {0xA4FE, 0xA4FF, P},   {0xA60D, 0xA60F, P},    {0xA620, 0xA629, D},   {0xA673, 0xA673, P},
    {0xA67E, 0xA67E, P},   {0xA6F2, 0xA6F7, P},    {0xA700, 0xA716, P},   {0xA720, 0xA721, P},
    {0xA789, 0xA78A, P},   {0xA828, 0xA82B, P},    {0xA830, 0xA839, P},   {0xA874, 0xA877, P},
    {0xA8CE, 0xA8CF, P},   {0xA8D0, 0xA8D9, D},    {0xA8F8, 0xA8FA, P},   {0xA8FC, 0xA8FC, P},
    {0xA900, 0xA909, D},   {0xA92E, 0xA92F, P},    {0xA95F, 0xA95F, P},   {0xA9C1, 0xA9CD, P},
    {0xA9D0, 0xA9D9, D},   {0xA9DE, 0xA9DF, P},    {0xA9F0, 0xA9F9, D},   {0xAA50, 0xAA59, D},
    {0xAA5C, 0xAA5F, P},   {0xAA77, 0xAA79, P},    {0xAADE, 0xAADF, P},   {0xAAF0, 0xAAF1, P},
    {0xAB5B, 0xAB5B, P},   {0xAB6A, 0xAB6B, P},    {0xABEB, 0xABEB, P},   {0xABF0, 0xABF9, D},
    {0xD800, 0xDFFF, C},   {0xE000, 0xF8FF, P},    {0xFB29, 0xFB29, P},   {0xFD3E, 0xFD3F, P},
    {0xFDD0, 0xFDEF, P},   {0xFDFC, 0xFDFF, P},    {0xFE00, 0xFE0F, F},   {0xFE10, 0xFE19, P},
    {0xFE20, 0xFE2F, M},   {0xFE30, 0xFE6F, P},    {0xFEFF, 0xFEFF, F},   {0xFF01, 0xFF0F, P},
    {0xFF10, 0xFF19, D},   {0xFF1A, 0xFF20, P},    {0xFF3B, 0xFF40, P},   {0xFF5B, 0xFF65, P},
    {0xFFE0, 0xFFFF, P},   {0x10100, 0x101FF, P},  {0x104A0, 0x104A9, D}, {0x11066, 0x1106F, D},
    {0x11EF7, 0x11EF8, P}, {0x1BCA0, 0x1BCA3, F},  {0x1D000, 0x1D24F, P}, {0x1D2C0, 0x1D37F, P},
    {0x1D400, 0x1D7CD, P}, {0x1D7CE, 0x1D7FF, D},  {0x1EC70, 0x1ECBF, P}, {0x1ED00, 0x1ED4F, P},
    {0x1EEF0, 0x1EEF1, P}, {0x1F000, 0x1FBEF, P},  {0x1FBF0, 0x1FBF9, D}, {0x1FBFA, 0x1FFFF, P},
    {0xE0000, 0xE0FFF, F}, {0xF0000, 0x10FFFF, P},
};

#undef P
#undef D
#undef M
#undef F
#undef S
#undef C

enum text_class text_classify(uint32_t cp)
{
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp > 0x10FFFF)
        return TEXT_CONTROL;
    if (cp < 0x80) {
        if (cp == ' ')
            return TEXT_SPACE;
        if (cp >= '0' && cp <= '9')
            return TEXT_DIGIT;
        if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
            return TEXT_LETTER;
        return TEXT_PUNCT;
    }
    if (cp < 0x100) {
        if (cp == 0xA0)
            return TEXT_SPACE;
        if (cp == 0xAD)
            return TEXT_FORMAT;
        if (cp == 0xAA || cp == 0xB5 || cp == 0xBA)
            return TEXT_LETTER;
        if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7)
            return TEXT_PUNCT;
        return TEXT_LETTER;
    }
    /* The last two code points of every plane are noncharacters. */
    if ((cp & 0xFFFE) == 0xFFFE)
        return TEXT_PUNCT;
    size_t lo = 0, hi = sizeof(class_table) / sizeof(class_table[0]);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < class_table[mid].first)
            hi = mid;
        else if (cp > class_table[mid].last)
            lo = mid + 1;
        else
            return class_table[mid].cls;
    }
    return TEXT_LETTER;
}

/* --- tidying -------------------------------------------------------------- */

int text_trim(const char *in, char *out, size_t cap)
{
    size_t len = strlen(in), i = 0, start = len, end = 0;
    while (i < len) {
        uint32_t cp;
        size_t used;
        if (text_utf8_decode(in + i, len - i, &cp, &used))
            return -EILSEQ;
        if (!text_is_space(cp)) {
            if (start == len)
                start = i;
            end = i + used;
        }
        i += used;
    }
    size_t n = start < end ? end - start : 0;
    if (n + 1 > cap)
        return -ENOSPC;
    if (n > 0)
        memcpy(out, in + start, n);
    out[n] = '\0';
    return 0;
}

struct sink {
    char *out; /* NULL while measuring */
    size_t n;
};

static void sink_put(struct sink *s, const char *bytes, size_t count)
{
    if (s->out)
        memcpy(s->out + s->n, bytes, count);
    s->n += count;
}

/* One pass of text_collapse(): measures when s->out is NULL, else writes
 * (the caller measured first, so it fits). */
static int collapse_pass(const char *in, unsigned flags, struct sink *s)
{
    size_t len = strlen(in), i = 0;
    int pending_breaks = 0;
    bool pending_space = false;
    while (i < len) {
        uint32_t cp;
        size_t used;
        if (text_utf8_decode(in + i, len - i, &cp, &used))
            return -EILSEQ;
        if (text_is_space(cp)) {
            if ((flags & TEXT_MULTILINE) && is_line_break(cp)) {
                if (cp == '\r' && i + 1 < len && in[i + 1] == '\n')
                    used = 2;
                pending_breaks++;
            } else {
                pending_space = true;
            }
            i += used;
            continue;
        }
        if (s->n > 0) {
            if (pending_breaks > 0)
                /* One empty line separates paragraphs; more is only scrolling. */
                sink_put(s, "\n\n", pending_breaks > 1 ? 2 : 1);
            else if (pending_space)
                sink_put(s, " ", 1);
        }
        pending_breaks = 0;
        pending_space = false;
        sink_put(s, in + i, used);
        i += used;
    }
    return 0;
}

int text_collapse(const char *in, unsigned flags, char *out, size_t cap)
{
    struct sink measure = {NULL, 0};
    int rc = collapse_pass(in, flags, &measure);
    if (rc < 0)
        return rc;
    if (measure.n + 1 > cap)
        return -ENOSPC;
    struct sink write = {out, 0};
    collapse_pass(in, flags, &write);
    out[write.n] = '\0';
    return 0;
}
