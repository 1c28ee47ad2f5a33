/*
 * test_text — UTF-8 decoding checked against the well-formed byte
 * sequences of the Unicode standard (table 3-7) over every 1-, 2- and
 * 3-byte input and every 4-byte lead/second byte pair; encoding round trip
 * of every scalar value; the characters refused; classification; and the
 * tidying that forms rely on.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/text.h"

/* Table 3-7: the byte ranges of well-formed UTF-8, written out
 * independently of the decoder under test. */
static bool wellformed(const unsigned char *b, size_t n)
{
    if (n == 1)
        return b[0] <= 0x7F;
#define IN(x, lo, hi) ((x) >= (lo) && (x) <= (hi))
    if (n == 2)
        return IN(b[0], 0xC2, 0xDF) && IN(b[1], 0x80, 0xBF);
    if (n == 3) {
        if (!IN(b[2], 0x80, 0xBF))
            return false;
        if (b[0] == 0xE0)
            return IN(b[1], 0xA0, 0xBF);
        if (IN(b[0], 0xE1, 0xEC) || IN(b[0], 0xEE, 0xEF))
            return IN(b[1], 0x80, 0xBF);
        if (b[0] == 0xED)
            return IN(b[1], 0x80, 0x9F);
        return false;
    }
    if (n == 4) {
        if (!IN(b[2], 0x80, 0xBF) || !IN(b[3], 0x80, 0xBF))
            return false;
        if (b[0] == 0xF0)
            return IN(b[1], 0x90, 0xBF);
        if (IN(b[0], 0xF1, 0xF3))
            return IN(b[1], 0x80, 0xBF);
        if (b[0] == 0xF4)
            return IN(b[1], 0x80, 0x8F);
        return false;
    }
#undef IN
    return false;
}

/* Decodes exactly n bytes as one sequence: true when all n were used. */
static bool decodes_whole(const unsigned char *b, size_t n)
{
    uint32_t cp;
    size_t used;
    return text_utf8_decode((const char *)b, n, &cp, &used) == 0 && used == n;
}

static void test_decode_one_and_two_bytes_exhaustive(void **state)
{
    (void)state;
    unsigned char b[2];
    for (int x = 0; x < 256; x++) {
        b[0] = (unsigned char)x;
        assert_int_equal(decodes_whole(b, 1), wellformed(b, 1));
        for (int y = 0; y < 256; y++) {
            b[1] = (unsigned char)y;
            assert_int_equal(decodes_whole(b, 2), wellformed(b, 2));
        }
    }
}

static void test_decode_three_bytes_exhaustive(void **state)
{
    (void)state;
    unsigned char b[3];
    long accepted = 0;
    for (int x = 0; x < 256; x++) {
        for (int y = 0; y < 256; y++) {
            for (int z = 0; z < 256; z++) {
                b[0] = (unsigned char)x;
                b[1] = (unsigned char)y;
                b[2] = (unsigned char)z;
                bool ok = decodes_whole(b, 3);
                if (ok != wellformed(b, 3))
                    fail_msg("3-byte %02X %02X %02X: decoder says %d", x, y, z, ok);
                accepted += ok;
            }
        }
    }
    /* U+0800..U+FFFF minus the 2048 surrogates. */
    assert_int_equal(accepted, 0x10000 - 0x800 - 0x800);
}

static void test_decode_four_bytes(void **state)
{
    (void)state;
    static const unsigned char tails[] = {0x00, 0x7F, 0x80, 0x9F, 0xA5, 0xBF, 0xC0, 0xFF};
    unsigned char b[4];
    for (int x = 0xE0; x < 256; x++) {
        for (int y = 0; y < 256; y++) {
            for (size_t i = 0; i < sizeof(tails); i++) {
                for (size_t j = 0; j < sizeof(tails); j++) {
                    b[0] = (unsigned char)x;
                    b[1] = (unsigned char)y;
                    b[2] = tails[i];
                    b[3] = tails[j];
                    bool ok = decodes_whole(b, 4);
                    if (ok != wellformed(b, 4))
                        fail_msg("4-byte %02X %02X %02X %02X", x, y, b[2], b[3]);
                }
            }
        }
    }
}

static void test_decode_named_cases(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        int rc;
        uint32_t cp;
    } cases[] = {
        {"A", 1, 0, 'A'},
        {"\xC3\xA9", 2, 0, 0xE9},             /* é */
        {"\xE2\x82\xAC", 3, 0, 0x20AC},       /* € */
        {"\xF0\x9F\x98\x80", 4, 0, 0x1F600},  /* emoji */
        {"\xF4\x8F\xBF\xBF", 4, 0, 0x10FFFF}, /* the last code point */
        {"\xEF\xBF\xBD", 3, 0, 0xFFFD},
        {"\xC0\x80", 2, -EILSEQ, 0},         /* overlong NUL */
        {"\xC1\xBF", 2, -EILSEQ, 0},         /* overlong 0x7F */
        {"\xE0\x80\xAF", 3, -EILSEQ, 0},     /* overlong '/' */
        {"\xE0\x9F\xBF", 3, -EILSEQ, 0},     /* overlong U+07FF */
        {"\xF0\x8F\xBF\xBF", 4, -EILSEQ, 0}, /* overlong U+FFFF */
        {"\xED\xA0\x80", 3, -EILSEQ, 0},     /* surrogate U+D800 */
        {"\xED\xBF\xBF", 3, -EILSEQ, 0},     /* surrogate U+DFFF */
        {"\xF4\x90\x80\x80", 4, -EILSEQ, 0}, /* U+110000 */
        {"\xF5\x80\x80\x80", 4, -EILSEQ, 0},
        {"\xFF", 1, -EILSEQ, 0},
        {"\x80", 1, -EILSEQ, 0},         /* lone continuation */
        {"\xC3", 1, -EILSEQ, 0},         /* cut off */
        {"\xE2\x82", 2, -EILSEQ, 0},     /* cut off */
        {"\xF0\x9F\x98", 3, -EILSEQ, 0}, /* cut off */
        {"\xE2\x82\x41", 3, -EILSEQ, 0}, /* ASCII where a continuation belongs */
        {"", 0, -EILSEQ, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint32_t cp = 0xDEAD;
        size_t used = 99;
        int rc = text_utf8_decode(cases[i].bytes, cases[i].len, &cp, &used);
        if (rc != cases[i].rc)
            fail_msg("case %zu: rc %d, want %d", i, rc, cases[i].rc);
        if (rc == 0) {
            assert_int_equal(cp, cases[i].cp);
            assert_int_equal(used, cases[i].len);
        } else {
            /* Results are written only on success. */
            assert_int_equal(cp, 0xDEAD);
            assert_int_equal(used, 99);
        }
    }
}

static void test_encode_round_trip_every_scalar(void **state)
{
    (void)state;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        char buf[TEXT_UTF8_MAX];
        size_t used = 0, back_used = 0;
        uint32_t back = 0;
        int rc = text_utf8_encode(cp, buf, &used);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            assert_int_equal(rc, -EINVAL);
            continue;
        }
        assert_int_equal(rc, 0);
        size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        assert_int_equal(used, want);
        assert_int_equal(text_utf8_decode(buf, used, &back, &back_used), 0);
        if (back != cp || back_used != used)
            fail_msg("U+%04X came back as U+%04X", cp, back);
        /* Any shorter prefix is cut off, so refused. */
        for (size_t cut = 1; cut < used; cut++)
            assert_int_equal(text_utf8_decode(buf, cut, &back, &back_used), -EILSEQ);
    }
    char buf[TEXT_UTF8_MAX];
    size_t used;
    assert_int_equal(text_utf8_encode(0x110000, buf, &used), -EINVAL);
    assert_int_equal(text_utf8_encode(UINT32_MAX, buf, &used), -EINVAL);
}

static void test_length_counts_code_points(void **state)
{
    (void)state;
    size_t n = 99;
    assert_int_equal(text_length("", &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(text_length("Siti", &n), 0);
    assert_int_equal(n, 4);
    assert_int_equal(text_length("Andr\xC3\xA9", &n), 0); /* André: 6 bytes, 5 characters */
    assert_int_equal(n, 5);
    assert_int_equal(text_length("\xEA\xA6\xB1\xEA\xA6\xA4", &n), 0); /* two Javanese letters */
    assert_int_equal(n, 2);
    assert_int_equal(text_length("\xF0\x9F\x98\x80x", &n), 0);
    assert_int_equal(n, 2);
    n = 99;
    assert_int_equal(text_length("ab\xC3", &n), -EILSEQ);
    assert_int_equal(n, 99);
}

static void test_controls_refused(void **state)
{
    (void)state;
    for (uint32_t cp = 0; cp < 0x20; cp++) {
        assert_false(text_char_allowed(cp, 0));
        assert_int_equal(text_char_allowed(cp, TEXT_MULTILINE), cp == '\n');
    }
    assert_true(text_char_allowed(' ', 0));
    assert_true(text_char_allowed('~', 0));
    assert_false(text_char_allowed(0x7F, 0));
    for (uint32_t cp = 0x80; cp <= 0x9F; cp++)
        assert_false(text_char_allowed(cp, TEXT_MULTILINE));
    assert_true(text_char_allowed(0xA0, 0));
    for (uint32_t cp = 0x202A; cp <= 0x202E; cp++)
        assert_false(text_char_allowed(cp, TEXT_MULTILINE));
    for (uint32_t cp = 0x2066; cp <= 0x2069; cp++)
        assert_false(text_char_allowed(cp, TEXT_MULTILINE));
    /* The neighbours of the refused ranges are fine. */
    assert_true(text_char_allowed(0x2029, TEXT_MULTILINE));
    assert_true(text_char_allowed(0x202F, 0));
    assert_true(text_char_allowed(0x2065, 0));
    assert_true(text_char_allowed(0x206A, 0));
    assert_true(text_char_allowed(0x10FFFF, 0));
    assert_false(text_char_allowed(0x110000, 0));
    assert_false(text_char_allowed(0xD800, 0));
}

static void test_check(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        unsigned flags;
        int rc;
        size_t chars;
    } cases[] = {
        {"Siti Aminah", 0, 0, 11},
        {"baris satu\nbaris dua", TEXT_MULTILINE, 0, 20},
        {"baris satu\nbaris dua", 0, -EINVAL, 0},
        {"tab\there", 0, -EINVAL, 0},
        {"tab\there", TEXT_MULTILINE, -EINVAL, 0},
        {"carriage\rreturn", TEXT_MULTILINE, -EINVAL, 0},
        {"bell\a", 0, -EINVAL, 0},
        {"esc\x1b[31m", 0, -EINVAL, 0},
        {"del\x7f", 0, -EINVAL, 0},
        {"c1 \xC2\x85 nel", 0, -EINVAL, 0},
        {"c1 \xC2\x9B csi", 0, -EINVAL, 0},
        {"invoice_\xE2\x80\xAE"
         "fdp.exe",
         0, -EINVAL, 0}, /* RIGHT-TO-LEFT OVERRIDE */
        {"\xE2\x81\xA6isolate\xE2\x81\xA9", 0, -EINVAL, 0},
        {"Andr\xC3\xA9", 0, 0, 5},
        {"bad \xC3 byte", 0, -EILSEQ, 0},
        {"control \x01 then bad \xFF", 0, -EILSEQ, 0},
        {"", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t chars = 777;
        int rc = text_check(cases[i].s, cases[i].flags, &chars);
        if (rc != cases[i].rc)
            fail_msg("case %zu: rc %d, want %d", i, rc, cases[i].rc);
        assert_int_equal(chars, rc == 0 ? cases[i].chars : 777);
    }
    assert_int_equal(text_check("ok", 0, NULL), 0);
}

static void test_classify(void **state)
{
    (void)state;
    static const struct {
        uint32_t cp;
        enum text_class cls;
    } cases[] = {
        {'a', TEXT_LETTER},     {'Z', TEXT_LETTER},     {'5', TEXT_DIGIT},
        {' ', TEXT_SPACE},      {'.', TEXT_PUNCT},      {'@', TEXT_PUNCT},
        {'\t', TEXT_CONTROL},   {'\n', TEXT_CONTROL},   {0x7F, TEXT_CONTROL},
        {0x85, TEXT_CONTROL},   {0xA0, TEXT_SPACE},     {0xA9, TEXT_PUNCT},  /* © */
        {0xAD, TEXT_FORMAT},    {0xD7, TEXT_PUNCT},     {0xE9, TEXT_LETTER}, /* é */
        {0xF7, TEXT_PUNCT},     {0xFF, TEXT_LETTER},    {0x100, TEXT_LETTER},
        {0x301, TEXT_MARK},     {0x3A9, TEXT_LETTER}, /* Ω */
        {0x627, TEXT_LETTER},                         /* Arabic alef */
        {0x660, TEXT_DIGIT},    {0x669, TEXT_DIGIT},    {0x66A, TEXT_PUNCT},
        {0x6F5, TEXT_DIGIT},    {0x915, TEXT_LETTER},                         /* Devanagari ka */
        {0x966, TEXT_DIGIT},    {0xE01, TEXT_LETTER},   {0xE51, TEXT_DIGIT},  /* Thai */
        {0x1A00, TEXT_LETTER},  {0x1A1E, TEXT_PUNCT},                         /* Buginese */
        {0x1B05, TEXT_LETTER},  {0x1B52, TEXT_DIGIT},   {0x1B5A, TEXT_PUNCT}, /* Balinese */
        {0x1B83, TEXT_LETTER},  {0x1BB1, TEXT_DIGIT},                         /* Sundanese */
        {0x1BC0, TEXT_LETTER},  {0x1BFC, TEXT_PUNCT},                         /* Batak */
        {0x2003, TEXT_SPACE},   {0x200B, TEXT_FORMAT},  {0x200D, TEXT_MARK},
        {0x2019, TEXT_PUNCT},   {0x2026, TEXT_PUNCT},   {0x202E, TEXT_CONTROL},
        {0x20AC, TEXT_PUNCT},   {0x2122, TEXT_PUNCT},   {0x2460, TEXT_PUNCT}, /* ① */
        {0x3000, TEXT_SPACE},   {0x3002, TEXT_PUNCT},   {0x3005, TEXT_LETTER},
        {0x4E2D, TEXT_LETTER},                                                /* 中 */
        {0xA984, TEXT_LETTER},  {0xA9C1, TEXT_PUNCT},   {0xA9D3, TEXT_DIGIT}, /* Javanese */
        {0xAC00, TEXT_LETTER},                                                /* Hangul */
        {0xE000, TEXT_PUNCT},   {0xFEFF, TEXT_FORMAT},  {0xFE0F, TEXT_FORMAT},
        {0xFF10, TEXT_DIGIT},   {0xFF19, TEXT_DIGIT},   {0xFF21, TEXT_LETTER},
        {0xFF01, TEXT_PUNCT},   {0xFFFD, TEXT_PUNCT},   {0xFFFF, TEXT_PUNCT},
        {0x1D7CE, TEXT_DIGIT},  {0x1D400, TEXT_PUNCT},  {0x1F600, TEXT_PUNCT},
        {0x1FFFE, TEXT_PUNCT},  {0x20000, TEXT_LETTER}, /* CJK extension B */
        {0xE0041, TEXT_FORMAT}, {0x10FFFD, TEXT_PUNCT}, {0x110000, TEXT_CONTROL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (text_classify(cases[i].cp) != cases[i].cls)
            fail_msg("U+%04X: class %d, want %d", cases[i].cp, text_classify(cases[i].cp),
                     cases[i].cls);
}

static void test_classify_agrees_with_check_and_space(void **state)
{
    (void)state;
    /* Every code point text_char_allowed() refuses in one line is a
     * control, and every space is a space or a control. */
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        enum text_class cls = text_classify(cp);
        if (!text_char_allowed(cp, 0) && cls != TEXT_CONTROL)
            fail_msg("U+%04X refused but class %d", cp, cls);
        if (text_char_allowed(cp, 0) && cls == TEXT_CONTROL)
            fail_msg("U+%04X allowed but class control", cp);
        if (text_is_space(cp) && cls != TEXT_SPACE && cls != TEXT_CONTROL)
            fail_msg("U+%04X is space but class %d", cp, cls);
        if (!text_is_space(cp) && cls == TEXT_SPACE)
            fail_msg("U+%04X has class space but is not space", cp);
    }
}

static void test_trim(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"  Siti  ", "Siti"},
        {"\t\r\n Siti Aminah \n", "Siti Aminah"},
        {"\xC2\xA0Siti\xE3\x80\x80", "Siti"}, /* no-break and ideographic spaces */
        {"a  b", "a  b"},                     /* the inside is left alone */
        {"   ", ""},
        {"", ""},
        {"x", "x"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[64];
        assert_int_equal(text_trim(cases[i].in, out, sizeof(out)), 0);
        assert_string_equal(out, cases[i].out);
    }
    char small[5] = "keep";
    assert_int_equal(text_trim("  hello ", small, 5), -ENOSPC);
    assert_string_equal(small, "keep");
    assert_int_equal(text_trim("  hell ", small, 5), 0);
    assert_string_equal(small, "hell");
    char out[8] = "keep";
    assert_int_equal(text_trim(" \xE2\x82 ", out, sizeof(out)), -EILSEQ);
    assert_string_equal(out, "keep");
}

static void test_collapse(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        unsigned flags;
        const char *out;
    } cases[] = {
        {"  Siti   Aminah  ", 0, "Siti Aminah"},
        {"Siti\tAminah", 0, "Siti Aminah"},
        {"Siti\nAminah", 0, "Siti Aminah"},
        {"Siti\r\n\r\nAminah", 0, "Siti Aminah"},
        {"Siti\xC2\xA0\xE2\x80\x83 Aminah", 0, "Siti Aminah"},
        {"Siti\xE2\x80\xA8"
         "Aminah",
         0, "Siti Aminah"},
        {"\n\n  ", 0, ""},
        {"", 0, ""},
        {"satu\ndua", TEXT_MULTILINE, "satu\ndua"},
        {"satu  \n   dua", TEXT_MULTILINE, "satu\ndua"},
        {"satu\r\ndua", TEXT_MULTILINE, "satu\ndua"},
        {"satu\rdua", TEXT_MULTILINE, "satu\ndua"},
        {"satu\n\ndua", TEXT_MULTILINE, "satu\n\ndua"},
        {"satu\n\n\n\n\ndua", TEXT_MULTILINE, "satu\n\ndua"},
        {"satu\r\n\r\n\r\ndua", TEXT_MULTILINE, "satu\n\ndua"},
        {"\n\n satu \t dua \n\n", TEXT_MULTILINE, "satu dua"},
        {"a\xE2\x80\xA9"
         "b",
         TEXT_MULTILINE, "a\nb"},
        {"bell\a stays", 0, "bell\a stays"}, /* for text_check() to refuse */
        {"Andr\xC3\xA9  \xE4\xB8\xAD", 0, "Andr\xC3\xA9 \xE4\xB8\xAD"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[64];
        assert_int_equal(text_collapse(cases[i].in, cases[i].flags, out, sizeof(out)), 0);
        if (strcmp(out, cases[i].out) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, out, cases[i].out);
    }
}

static void test_collapse_capacity_and_errors(void **state)
{
    (void)state;
    /* "a b" needs 4 bytes with its NUL. */
    char out[4] = "xyz";
    assert_int_equal(text_collapse("  a    b  ", 0, out, 3), -ENOSPC);
    assert_string_equal(out, "xyz");
    assert_int_equal(text_collapse("  a    b  ", 0, out, 4), 0);
    assert_string_equal(out, "a b");
    char zero[1] = {'q'};
    assert_int_equal(text_collapse("", 0, zero, 1), 0);
    assert_int_equal(zero[0], '\0');
    char keep[8] = "keep";
    assert_int_equal(text_collapse("ok \xED\xA0\x80", 0, keep, sizeof(keep)), -EILSEQ);
    assert_string_equal(keep, "keep");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_one_and_two_bytes_exhaustive),
        cmocka_unit_test(test_decode_three_bytes_exhaustive),
        cmocka_unit_test(test_decode_four_bytes),
        cmocka_unit_test(test_decode_named_cases),
        cmocka_unit_test(test_encode_round_trip_every_scalar),
        cmocka_unit_test(test_length_counts_code_points),
        cmocka_unit_test(test_controls_refused),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_classify),
        cmocka_unit_test(test_classify_agrees_with_check_and_space),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_collapse),
        cmocka_unit_test(test_collapse_capacity_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
