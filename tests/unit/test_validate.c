/*
 * test_validate — each field check as a table of what visitors type and
 * what the kiosk must answer, plus the messages: both languages, every
 * code, no code ever leaking into what a visitor reads.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/records.h"
#include "core/text.h"
#include "core/validate.h"

struct text_case {
    const char *input;
    enum val_code code;
    const char *out; /* the cleaned value when VAL_OK */
};

typedef struct val_outcome (*text_check_fn)(const char *input, bool required, char *out,
                                            size_t cap);

static void run_cases(const char *field, text_check_fn fn, const struct text_case *cases,
                      size_t count, size_t cap)
{
    for (size_t i = 0; i < count; i++) {
        char out[REC_BUF(REC_EMAIL_CHARS)];
        memcpy(out, "untouched", 10);
        struct val_outcome o = fn(cases[i].input, true, out, cap);
        if (o.code != cases[i].code)
            fail_msg("%s '%s': %s, want %s", field, cases[i].input, val_code_name(o.code),
                     val_code_name(cases[i].code));
        if (o.code == VAL_OK) {
            if (strcmp(out, cases[i].out) != 0)
                fail_msg("%s '%s': cleaned to '%s', want '%s'", field, cases[i].input, out,
                         cases[i].out);
        } else if (strcmp(out, "untouched") != 0) {
            fail_msg("%s '%s': out written on failure", field, cases[i].input);
        }
    }
}

#define RUN(field, fn, cases, cap)                                                                 \
    run_cases(field, fn, cases, sizeof(cases) / sizeof(cases[0]), cap)

/* A string of n copies of unit (a UTF-8 character), in buf. */
static const char *repeat(char *buf, size_t cap, const char *unit, int n)
{
    size_t len = strlen(unit), pos = 0;
    assert_true((size_t)n * len < cap);
    for (int i = 0; i < n; i++, pos += len)
        memcpy(buf + pos, unit, len);
    buf[pos] = '\0';
    return buf;
}

static void test_name(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"Siti Aminah", VAL_OK, "Siti Aminah"},
        {"  siti   aminah  ", VAL_OK, "siti aminah"},
        {"Dr. Siti Aminah, S.E.", VAL_OK, "Dr. Siti Aminah, S.E."},
        {"H. Muhammad Ma'ruf", VAL_OK, "H. Muhammad Ma'ruf"},
        {"Ma\xE2\x80\x99ruf Amin", VAL_OK, "Ma\xE2\x80\x99ruf Amin"}, /* ’ */
        {"Anak Agung Gde Ngurah-Rai", VAL_OK, "Anak Agung Gde Ngurah-Rai"},
        {"Andr\xC3\xA9 Gonz\xC3\xA1lez", VAL_OK, "Andr\xC3\xA9 Gonz\xC3\xA1lez"},
        {"Andre\xCC\x81", VAL_OK, "Andre\xCC\x81"}, /* e + combining acute */
        {"\xE7\x8E\x8B\xE5\xB0\x8F\xE6\x98\x8E", VAL_OK, "\xE7\x8E\x8B\xE5\xB0\x8F\xE6\x98\x8E"},
        {"\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF", VAL_OK, "\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF"}, /* محمد */
        {"\xEA\xA6\xB1\xEA\xA6\xA4\xEA\xA6\xB1", VAL_OK, "\xEA\xA6\xB1\xEA\xA6\xA4\xEA\xA6\xB1"},
        {"Siti\tAminah", VAL_OK, "Siti Aminah"},
        {"Siti\nAminah", VAL_OK, "Siti Aminah"},
        {"Al", VAL_OK, "Al"},
        {"A", VAL_TOO_SHORT, NULL},
        {"  A  ", VAL_TOO_SHORT, NULL},
        {"", VAL_EMPTY, NULL},
        {"    ", VAL_EMPTY, NULL},
        {"\xC2\xA0\xE3\x80\x80", VAL_EMPTY, NULL},
        {"Siti 2", VAL_NAME_DIGIT, NULL},
        {"081256506007", VAL_NAME_DIGIT, NULL},
        {"Siti \xD9\xA3", VAL_NAME_DIGIT, NULL},     /* Arabic-Indic three */
        {"Siti \xEF\xBC\x93", VAL_NAME_DIGIT, NULL}, /* fullwidth three */
        {"Siti!", VAL_NAME_SYMBOL, NULL},
        {"siti@contoh.id", VAL_NAME_SYMBOL, NULL},
        {"Siti (Ami)", VAL_NAME_SYMBOL, NULL},
        {"Siti & Budi", VAL_NAME_SYMBOL, NULL},
        {"Siti \xF0\x9F\x98\x80", VAL_NAME_SYMBOL, NULL}, /* emoji */
        {"Siti\xE2\x80\x8B"
         "Aminah",
         VAL_NAME_SYMBOL, NULL},           /* zero-width space */
        {"Siti 2!", VAL_NAME_DIGIT, NULL}, /* the digit is named first */
        {"..", VAL_NAME_NO_LETTER, NULL},
        {"- ' ,", VAL_NAME_NO_LETTER, NULL},
        {"Siti\x01", VAL_BAD_TEXT, NULL},
        {"Siti \xC3", VAL_BAD_TEXT, NULL},
        {"Siti \xE2\x80\xAE"
         "animA",
         VAL_BAD_TEXT, NULL},
    };
    RUN("name", val_name, cases, REC_BUF(REC_NAME_CHARS));
}

static void test_name_length_limits(void **state)
{
    (void)state;
    char in[1024], out[REC_BUF(REC_NAME_CHARS)];
    /* The limit is in characters: 80 four-byte letters fit, 81 do not. */
    struct val_outcome o =
        val_name(repeat(in, sizeof(in), "a", REC_NAME_CHARS), true, out, sizeof(out));
    assert_int_equal(o.code, VAL_OK);
    o = val_name(repeat(in, sizeof(in), "a", REC_NAME_CHARS + 1), true, out, sizeof(out));
    assert_int_equal(o.code, VAL_TOO_LONG);
    assert_int_equal(o.limit, REC_NAME_CHARS);
    o = val_name(repeat(in, sizeof(in), "\xF0\xA0\x80\x80", REC_NAME_CHARS), true, out,
                 sizeof(out));
    assert_int_equal(o.code, VAL_OK);
    assert_int_equal(strlen(out), REC_NAME_CHARS * 4);
    o = val_name(repeat(in, sizeof(in), "\xF0\xA0\x80\x80", REC_NAME_CHARS + 1), true, out,
                 sizeof(out));
    assert_int_equal(o.code, VAL_TOO_LONG);
    /* Far too long for the scratch buffer still says too long. */
    o = val_name(repeat(in, sizeof(in), "ab", 500), true, out, sizeof(out));
    assert_int_equal(o.code, VAL_TOO_LONG);
    /* Spaces that collapse do not count. */
    char spaced[600];
    snprintf(spaced, sizeof(spaced), "%s%s%s", "          Siti", "                    ",
             "Aminah                                 ");
    o = val_name(spaced, true, out, sizeof(out));
    assert_int_equal(o.code, VAL_OK);
    assert_string_equal(out, "Siti Aminah");
    o = val_name("A", true, out, sizeof(out));
    assert_int_equal(o.limit, VAL_NAME_MIN_CHARS);
}

static void test_optional_fields_may_be_empty(void **state)
{
    (void)state;
    char out[REC_BUF(REC_EMAIL_CHARS)] = "x";
    assert_int_equal(val_name("   ", false, out, sizeof(out)).code, VAL_OK);
    assert_string_equal(out, "");
    snprintf(out, sizeof(out), "x");
    assert_int_equal(val_name(NULL, false, out, sizeof(out)).code, VAL_OK);
    assert_string_equal(out, "");
    assert_int_equal(val_name(NULL, true, out, sizeof(out)).code, VAL_EMPTY);
    snprintf(out, sizeof(out), "x");
    assert_int_equal(val_organization("", false, out, sizeof(out)).code, VAL_OK);
    assert_string_equal(out, "");
    snprintf(out, sizeof(out), "x");
    assert_int_equal(val_phone("  ", false, out, sizeof(out)).code, VAL_OK);
    assert_string_equal(out, "");
    assert_int_equal(val_phone("  ", true, out, sizeof(out)).code, VAL_EMPTY);
    snprintf(out, sizeof(out), "x");
    assert_int_equal(val_email(" ", false, out, sizeof(out)).code, VAL_OK);
    assert_string_equal(out, "");
    assert_int_equal(val_email(NULL, true, out, sizeof(out)).code, VAL_EMPTY);
    /* Optional does not excuse a bad value. */
    assert_int_equal(val_phone("abc", false, out, sizeof(out)).code, VAL_PHONE_CHARS);
    assert_int_equal(val_name("R2D2", false, out, sizeof(out)).code, VAL_NAME_DIGIT);
}

static void test_organization(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"Koperasi Serba Usaha \"Maju Jaya\"", VAL_OK, "Koperasi Serba Usaha \"Maju Jaya\""},
        {"CV. Tiga Putra (3P)", VAL_OK, "CV. Tiga Putra (3P)"},
        {"PT Sinar & Jaya / Cabang Pontianak", VAL_OK, "PT Sinar & Jaya / Cabang Pontianak"},
        {"KSP \xE2\x80\x9CSejahtera\xE2\x80\x9D", VAL_OK, "KSP \xE2\x80\x9CSejahtera\xE2\x80\x9D"},
        {"Koperasi 45", VAL_OK, "Koperasi 45"},
        {"UD. Ma'ruf: Toko Emas", VAL_OK, "UD. Ma'ruf: Toko Emas"},
        {"  Dinas   Koperasi  ", VAL_OK, "Dinas Koperasi"},
        {"123", VAL_ORG_NO_LETTER, NULL},
        {"--", VAL_ORG_NO_LETTER, NULL},
        {"Toko #1", VAL_ORG_SYMBOL, NULL},
        {"Koperasi <script>", VAL_ORG_SYMBOL, NULL},
        {"Kopi \xE2\x98\x95", VAL_ORG_SYMBOL, NULL},
        {"X", VAL_TOO_SHORT, NULL},
        {"", VAL_EMPTY, NULL},
        {"Koperasi\x1b[2J", VAL_BAD_TEXT, NULL},
    };
    RUN("organization", val_organization, cases, REC_BUF(REC_ORG_CHARS));
    char in[1024], out[REC_BUF(REC_ORG_CHARS)];
    struct val_outcome o =
        val_organization(repeat(in, sizeof(in), "k", REC_ORG_CHARS + 1), true, out, sizeof(out));
    assert_int_equal(o.code, VAL_TOO_LONG);
    assert_int_equal(o.limit, REC_ORG_CHARS);
    o = val_organization(repeat(in, sizeof(in), "k", REC_ORG_CHARS), true, out, sizeof(out));
    assert_int_equal(o.code, VAL_OK);
}

static void test_phone(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        /* mobile */
        {"0812-5650-6007", VAL_OK, "+6281256506007"},
        {"081256506007", VAL_OK, "+6281256506007"},
        {"0812 5650 6007", VAL_OK, "+6281256506007"},
        {"0812.5650.6007", VAL_OK, "+6281256506007"},
        {"+62 812 5650 6007", VAL_OK, "+6281256506007"},
        {"+62-812-5650-6007", VAL_OK, "+6281256506007"},
        {"+6281256506007", VAL_OK, "+6281256506007"},
        {"6281256506007", VAL_OK, "+6281256506007"},
        {"+62 0812 5650 6007", VAL_OK, "+6281256506007"}, /* trunk 0 kept by mistake */
        {" 0812 5650 6007 ", VAL_OK, "+6281256506007"},
        {"0812345678", VAL_OK, "+62812345678"},       /* 10 digits: shortest */
        {"0812345678901", VAL_OK, "+62812345678901"}, /* 13 digits: longest */
        {"081234567", VAL_PHONE_MOBILE, NULL},        /* 9 */
        {"08123456789012", VAL_PHONE_MOBILE, NULL},   /* 14 */
        {"+62 8123 4567 8901 2345", VAL_PHONE_MOBILE, NULL},
        {"08", VAL_PHONE_MOBILE, NULL},
        {"+62", VAL_PHONE_MOBILE, NULL},
        {"0", VAL_PHONE_MOBILE, NULL},
        /* landline */
        {"(0561) 732690", VAL_OK, "+62561732690"},
        {"(0561)732690", VAL_OK, "+62561732690"},
        {"0561-732690", VAL_OK, "+62561732690"},
        {"0561 732690", VAL_OK, "+62561732690"},
        {"+62 561 732690", VAL_OK, "+62561732690"},
        {"+62 (561) 732690", VAL_OK, "+62561732690"},
        {"(021) 3456-7890", VAL_OK, "+622134567890"},
        {"021 345 6789", VAL_OK, "+62213456789"},
        {"(0967) 12345", VAL_OK, "+6296712345"},     /* Jayapura, 5-digit number */
        {"(0561) 1234", VAL_PHONE_LANDLINE, NULL},   /* subscriber too short */
        {"(05612) 73269", VAL_PHONE_LANDLINE, NULL}, /* area code of 4 */
        {"(0) 561732690", VAL_PHONE_LANDLINE, NULL},
        {"(0561 732690", VAL_PHONE_CHARS, NULL}, /* unclosed */
        {"0561) 732690", VAL_PHONE_CHARS, NULL},
        {"(0561) (732690)", VAL_PHONE_CHARS, NULL},
        {"0561 7326", VAL_PHONE_LANDLINE, NULL},         /* 7 national digits */
        {"0561 7326 9012 34", VAL_PHONE_LANDLINE, NULL}, /* 12 national digits */
        {"0123 456789", VAL_PHONE_LANDLINE, NULL},       /* no area code starts with 1 */
        /* not Indonesian, or not a number */
        {"+1 202 555 0147", VAL_PHONE_PREFIX, NULL},
        {"+44 20 7946 0958", VAL_PHONE_PREFIX, NULL},
        {"0062 812 5650 6007", VAL_PHONE_PREFIX, NULL},
        {"812 5650 6007", VAL_PHONE_PREFIX, NULL},
        {"1500 123", VAL_PHONE_PREFIX, NULL},
        {"0812-5650-600x", VAL_PHONE_CHARS, NULL},
        {"nomor saya 0812", VAL_PHONE_CHARS, NULL},
        {"0812+5650", VAL_PHONE_CHARS, NULL},
        {"++62812", VAL_PHONE_CHARS, NULL},
        {"0812/5650/6007", VAL_PHONE_CHARS, NULL},
        {"\xEF\xBC\x90\xEF\xBC\x98", VAL_PHONE_CHARS, NULL}, /* fullwidth digits */
        {"---", VAL_PHONE_CHARS, NULL},
        {"", VAL_EMPTY, NULL},
    };
    RUN("phone", val_phone, cases, VAL_PHONE_E164_SIZE);
    /* The longest valid number fills the E.164 buffer exactly. */
    char out[VAL_PHONE_E164_SIZE];
    assert_int_equal(val_phone("+62 8123 4567 8901", true, out, sizeof(out)).code, VAL_OK);
    assert_string_equal(out, "+62812345678901");
    assert_int_equal(strlen(out) + 1, VAL_PHONE_E164_SIZE);
    /* Hundreds of digits neither overflow nor pass. */
    char in[512];
    assert_int_equal(val_phone(repeat(in, sizeof(in), "08", 200), true, out, sizeof(out)).code,
                     VAL_PHONE_MOBILE);
    char e164[VAL_PHONE_E164_SIZE];
    size_t len;
    assert_int_equal(val_phone("0812 3456 7890 1", true, e164, sizeof(e164)).code, VAL_OK);
    assert_int_equal(text_length(e164, &len), 0);
    assert_true(len <= REC_PHONE_CHARS);
}

static void test_email(void **state)
{
    (void)state;
    static const struct text_case cases[] = {
        {"siti@contoh.id", VAL_OK, "siti@contoh.id"},
        {"  Siti.Aminah@Koperasi.Kalbarprov.GO.ID ", VAL_OK,
         "Siti.Aminah@koperasi.kalbarprov.go.id"},
        {"budi+kiosk@mail-server.co.id", VAL_OK, "budi+kiosk@mail-server.co.id"},
        {"o'brien_1@example.com", VAL_OK, "o'brien_1@example.com"},
        {"siti@contoh", VAL_EMAIL_FORMAT, NULL},
        {"siti@contoh.i", VAL_EMAIL_FORMAT, NULL},
        {"siti@contoh.123", VAL_EMAIL_FORMAT, NULL},
        {"siti.contoh.id", VAL_EMAIL_FORMAT, NULL},
        {"siti@@contoh.id", VAL_EMAIL_FORMAT, NULL},
        {"siti@budi@contoh.id", VAL_EMAIL_FORMAT, NULL},
        {"@contoh.id", VAL_EMAIL_FORMAT, NULL},
        {"siti@", VAL_EMAIL_FORMAT, NULL},
        {"siti@.contoh.id", VAL_EMAIL_FORMAT, NULL},
        {"siti@contoh..id", VAL_EMAIL_FORMAT, NULL},
        {"siti@contoh.id.", VAL_EMAIL_FORMAT, NULL},
        {"siti@-contoh.id", VAL_EMAIL_FORMAT, NULL},
        {"siti@contoh_x.id", VAL_EMAIL_FORMAT, NULL},
        {".siti@contoh.id", VAL_EMAIL_FORMAT, NULL},
        {"siti.@contoh.id", VAL_EMAIL_FORMAT, NULL},
        {"si..ti@contoh.id", VAL_EMAIL_FORMAT, NULL},
        {"siti(x)@contoh.id", VAL_EMAIL_FORMAT, NULL},
        {"s\xC3\xADti@contoh.id", VAL_EMAIL_FORMAT, NULL},
        {"siti @contoh.id", VAL_EMAIL_SPACE, NULL},
        {"siti@contoh .id", VAL_EMAIL_SPACE, NULL},
        {"siti@\xC2\xA0"
         "contoh.id",
         VAL_EMAIL_SPACE, NULL},
        {"siti@contoh.id\x7f", VAL_BAD_TEXT, NULL},
        {"", VAL_EMPTY, NULL},
    };
    RUN("email", val_email, cases, REC_BUF(REC_EMAIL_CHARS));

    char in[1200], out[REC_BUF(REC_EMAIL_CHARS)];
    /* 64 + 1 + 63 + 1 + 63 + 1 + 61 = 254 characters: the longest allowed. */
    char local[65], label[64], last[62];
    repeat(local, sizeof(local), "a", 64);
    repeat(label, sizeof(label), "b", 63);
    repeat(last, sizeof(last), "c", 61);
    snprintf(in, sizeof(in), "%s@%s.%s.%s", local, label, label, last);
    assert_int_equal(strlen(in), REC_EMAIL_CHARS);
    assert_int_equal(val_email(in, true, out, sizeof(out)).code, VAL_OK);
    snprintf(in, sizeof(in), "%s@%s.%s.%sc", local, label, label, last);
    struct val_outcome o = val_email(in, true, out, sizeof(out));
    assert_int_equal(o.code, VAL_TOO_LONG);
    assert_int_equal(o.limit, REC_EMAIL_CHARS);
    /* A local part of 65 is refused even when the whole is short. */
    snprintf(in, sizeof(in), "%sa@contoh.id", local);
    assert_int_equal(val_email(in, true, out, sizeof(out)).code, VAL_EMAIL_FORMAT);
    /* Longer than the scratch buffer. */
    assert_int_equal(val_email(repeat(in, sizeof(in), "a", 1100), true, out, sizeof(out)).code,
                     VAL_TOO_LONG);
}

static void test_text(void **state)
{
    (void)state;
    char out[REC_BUF(REC_TEXT_CHARS)];
    struct val_outcome o;

    o = val_text("  Bertemu   Kepala Bidang  ", 3, REC_SHORT_CHARS, 0, out, sizeof(out));
    assert_int_equal(o.code, VAL_OK);
    assert_string_equal(out, "Bertemu Kepala Bidang");

    o = val_text("Baris satu\r\n\r\n\r\nBaris dua  ", 10, REC_TEXT_CHARS, TEXT_MULTILINE, out,
                 sizeof(out));
    assert_int_equal(o.code, VAL_OK);
    assert_string_equal(out, "Baris satu\n\nBaris dua");

    o = val_text("Baris satu\nBaris dua", 1, REC_SHORT_CHARS, 0, out, sizeof(out));
    assert_int_equal(o.code, VAL_OK);
    assert_string_equal(out, "Baris satu Baris dua");

    o = val_text("pendek", 10, REC_TEXT_CHARS, TEXT_MULTILINE, out, sizeof(out));
    assert_int_equal(o.code, VAL_TOO_SHORT);
    assert_int_equal(o.limit, 10);

    o = val_text("  \n ", 10, REC_TEXT_CHARS, TEXT_MULTILINE, out, sizeof(out));
    assert_int_equal(o.code, VAL_EMPTY);

    snprintf(out, sizeof(out), "x");
    o = val_text("  ", 0, REC_COMMENT_CHARS, TEXT_MULTILINE, out, sizeof(out));
    assert_int_equal(o.code, VAL_OK);
    assert_string_equal(out, "");

    o = val_text("Nilai 100% \xE2\x9C\x93 ok", 0, REC_COMMENT_CHARS, 0, out, sizeof(out));
    assert_int_equal(o.code, VAL_OK); /* free text takes any printable sign */

    snprintf(out, sizeof(out), "untouched");
    o = val_text("a\tb\x01", 0, REC_COMMENT_CHARS, 0, out, sizeof(out));
    assert_int_equal(o.code, VAL_BAD_TEXT);
    assert_string_equal(out, "untouched");
    o = val_text("kiri \xE2\x80\xAE kanan", 0, REC_COMMENT_CHARS, TEXT_MULTILINE, out, sizeof(out));
    assert_int_equal(o.code, VAL_BAD_TEXT);

    char in[9000];
    o = val_text(repeat(in, sizeof(in), "x", REC_TEXT_CHARS), 1, REC_TEXT_CHARS, TEXT_MULTILINE,
                 out, sizeof(out));
    assert_int_equal(o.code, VAL_OK);
    o = val_text(repeat(in, sizeof(in), "\xE2\x82\xAC", REC_TEXT_CHARS + 1), 1, REC_TEXT_CHARS,
                 TEXT_MULTILINE, out, sizeof(out));
    assert_int_equal(o.code, VAL_TOO_LONG);
    assert_int_equal(o.limit, REC_TEXT_CHARS);
    o = val_text(repeat(in, sizeof(in), "y", 8500), 1, REC_TEXT_CHARS, TEXT_MULTILINE, out,
                 sizeof(out));
    assert_int_equal(o.code, VAL_TOO_LONG);
}

static void test_party_size(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        enum val_code code;
        int value;
    } cases[] = {
        {"1", VAL_OK, 1},
        {"3", VAL_OK, 3},
        {" 12 ", VAL_OK, 12},
        {"99", VAL_OK, 99},
        {"007", VAL_OK, 7},
        {"0", VAL_PARTY_RANGE, 0},
        {"100", VAL_PARTY_RANGE, 0},
        {"99999999999999999999999", VAL_PARTY_RANGE, 0},
        {"-1", VAL_NOT_NUMBER, 0},
        {"+3", VAL_NOT_NUMBER, 0},
        {"3 orang", VAL_NOT_NUMBER, 0},
        {"tiga", VAL_NOT_NUMBER, 0},
        {"1.5", VAL_NOT_NUMBER, 0},
        {"", VAL_EMPTY, 0},
        {"   ", VAL_EMPTY, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int value = -42;
        struct val_outcome o = val_party_size(cases[i].in, &value);
        if (o.code != cases[i].code)
            fail_msg("party '%s': %s", cases[i].in, val_code_name(o.code));
        assert_int_equal(value, o.code == VAL_OK ? cases[i].value : -42);
    }
    int value = -42;
    assert_int_equal(val_party_size(NULL, &value).code, VAL_EMPTY);
}

static void test_score(void **state)
{
    (void)state;
    for (int s = -5; s <= 10; s++) {
        enum val_code want = (s >= 1 && s <= 4) ? VAL_OK : VAL_SCORE_RANGE;
        assert_int_equal(val_score(s).code, want);
    }
}

static bool shows_a_code(const char *msg)
{
    /* A raw code would look like "VAL_…" or "name_digit". */
    if (strstr(msg, "VAL_") || strstr(msg, "_"))
        return true;
    for (int c = 0; c < VAL_CODE_COUNT; c++)
        if (c != VAL_OK && strstr(msg, val_code_name((enum val_code)c)))
            return true;
    return false;
}

static void test_messages_every_code_both_languages(void **state)
{
    (void)state;
    for (int c = 0; c < VAL_CODE_COUNT; c++) {
        const char *name = val_code_name((enum val_code)c);
        assert_non_null(name);
        for (int l = 0; l < VAL_LANG_COUNT; l++) {
            char buf[256];
            struct val_outcome o = {(enum val_code)c, 42};
            assert_int_equal(val_message(o, (enum val_lang)l, buf, sizeof(buf)), 0);
            if (c == VAL_OK) {
                assert_string_equal(buf, "");
                continue;
            }
            assert_true(strlen(buf) > 10);
            if (shows_a_code(buf))
                fail_msg("message for %s shows a code: %s", name, buf);
            size_t chars;
            assert_int_equal(text_check(buf, 0, &chars), 0);
            /* Short enough for one or two lines on the kiosk. */
            assert_true(chars <= 120);
            if (c == VAL_TOO_SHORT || c == VAL_TOO_LONG)
                assert_non_null(strstr(buf, "42"));
        }
        /* The two languages say different things. */
        char id[256], en[256];
        struct val_outcome o = {(enum val_code)c, 5};
        val_message(o, VAL_LANG_ID, id, sizeof(id));
        val_message(o, VAL_LANG_EN, en, sizeof(en));
        if (c != VAL_OK)
            assert_string_not_equal(id, en);
    }
    assert_null(val_code_name(VAL_CODE_COUNT));
    assert_null(val_code_name((enum val_code) - 1));
}

static void test_message_texts(void **state)
{
    (void)state;
    static const struct {
        struct val_outcome o;
        enum val_lang lang;
        const char *want;
    } cases[] = {
        {{VAL_TOO_SHORT, 2}, VAL_LANG_ID, "Mohon isi paling sedikit 2 huruf."},
        {{VAL_TOO_SHORT, 2}, VAL_LANG_EN, "Please enter at least 2 characters."},
        {{VAL_EMPTY, 0}, VAL_LANG_ID, "Mohon Bapak/Ibu isi bagian ini."},
        {{VAL_PARTY_RANGE, 0}, VAL_LANG_ID, "Jumlah orang paling sedikit 1 dan paling banyak 99."},
        {{VAL_SCORE_RANGE, 0}, VAL_LANG_EN, "Please choose a score from 1 to 4."},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char buf[256];
        assert_int_equal(val_message(cases[i].o, cases[i].lang, buf, sizeof(buf)), 0);
        assert_string_equal(buf, cases[i].want);
    }
    /* Every format message shows an example of the format. */
    static const enum val_code with_example[] = {
        VAL_PHONE_CHARS, VAL_PHONE_PREFIX, VAL_PHONE_MOBILE, VAL_PHONE_LANDLINE, VAL_EMAIL_FORMAT};
    for (size_t i = 0; i < sizeof(with_example) / sizeof(with_example[0]); i++) {
        char id[256], en[256];
        struct val_outcome o = {with_example[i], 0};
        assert_int_equal(val_message(o, VAL_LANG_ID, id, sizeof(id)), 0);
        assert_int_equal(val_message(o, VAL_LANG_EN, en, sizeof(en)), 0);
        assert_non_null(strstr(id, "Contoh: "));
        assert_non_null(strstr(en, "Example: "));
    }
    /* The examples in the messages pass their own checks. */
    char out[REC_BUF(REC_EMAIL_CHARS)];
    assert_int_equal(val_phone("0812-3456-7890", true, out, sizeof(out)).code, VAL_OK);
    assert_int_equal(val_phone("(0561) 732690", true, out, sizeof(out)).code, VAL_OK);
    assert_int_equal(val_email("nama@contoh.id", true, out, sizeof(out)).code, VAL_OK);
    assert_int_equal(val_email("name@example.com", true, out, sizeof(out)).code, VAL_OK);
}

static void test_message_errors(void **state)
{
    (void)state;
    char buf[256] = "keep";
    struct val_outcome bad = {VAL_CODE_COUNT, 0};
    assert_int_equal(val_message(bad, VAL_LANG_ID, buf, sizeof(buf)), -EINVAL);
    struct val_outcome ok = {VAL_EMPTY, 0};
    assert_int_equal(val_message(ok, VAL_LANG_COUNT, buf, sizeof(buf)), -EINVAL);
    assert_int_equal(val_message(ok, VAL_LANG_ID, buf, 5), -ENOSPC);
    assert_int_equal(val_lang_from("en"), VAL_LANG_EN);
    assert_int_equal(val_lang_from("id"), VAL_LANG_ID);
    assert_int_equal(val_lang_from("fr"), VAL_LANG_ID);
    assert_int_equal(val_lang_from(NULL), VAL_LANG_ID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name),
        cmocka_unit_test(test_name_length_limits),
        cmocka_unit_test(test_optional_fields_may_be_empty),
        cmocka_unit_test(test_organization),
        cmocka_unit_test(test_phone),
        cmocka_unit_test(test_email),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_party_size),
        cmocka_unit_test(test_score),
        cmocka_unit_test(test_messages_every_code_both_languages),
        cmocka_unit_test(test_message_texts),
        cmocka_unit_test(test_message_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
