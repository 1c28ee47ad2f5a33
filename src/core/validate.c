/*
 * validate — field checks over core/text: every text field is first tidied
 * (text_collapse) and checked as text (text_check) into a scratch buffer,
 * then judged character by character; only a value that passes is copied
 * to the caller. Messages are plain, polite sentences in a table per
 * language, with the one number a message may need printed in between.
 */
#include "core/validate.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"

#define STR_(x) #x
#define STR(x)  STR_(x)

static struct val_outcome outcome(enum val_code code, int limit)
{
    struct val_outcome o = {code, limit};
    return o;
}

/* --- messages -------------------------------------------------------------- */

/* The ranges are spelled from the constants that the checks use. */
#define PARTY_RANGE_ID                                                                             \
    "Jumlah orang paling sedikit " STR(VAL_PARTY_MIN) " dan paling banyak " STR(VAL_PARTY_MAX) "."
#define PARTY_RANGE_EN                                                                             \
    "The number of people must be from " STR(VAL_PARTY_MIN) " to " STR(VAL_PARTY_MAX) "."
#define SCORE_RANGE_ID "Mohon pilih nilai " STR(VAL_SCORE_MIN) " sampai " STR(VAL_SCORE_MAX) "."
#define SCORE_RANGE_EN                                                                             \
    "Please choose a score from " STR(VAL_SCORE_MIN) " to " STR(VAL_SCORE_MAX) "."

/* A message is `before`, then the outcome's limit and `after` when `after`
 * is not NULL. */
struct message {
    const char *before;
    const char *after;
};

static const struct message messages[VAL_CODE_COUNT][VAL_LANG_COUNT] = {
    [VAL_OK] = {{"", NULL}, {"", NULL}},
    [VAL_EMPTY] = {{"Mohon Bapak/Ibu isi bagian ini.", NULL}, {"Please fill this in.", NULL}},
    [VAL_TOO_SHORT] = {{"Mohon isi paling sedikit ", " huruf."},
                       {"Please enter at least ", " characters."}},
    [VAL_TOO_LONG] = {{"Terlalu panjang. Mohon persingkat menjadi paling banyak ", " huruf."},
                      {"This is too long. Please shorten it to at most ", " characters."}},
    [VAL_BAD_TEXT] = {{"Ada tanda yang tidak dapat kami baca. Mohon hapus lalu ketik ulang.", NULL},
                      {"There is a character we cannot read. Please delete it and type again.",
                       NULL}},
    [VAL_NAME_DIGIT] = {{"Nama tidak boleh berisi angka. Mohon tulis nama dengan huruf.", NULL},
                        {"A name cannot contain numbers. Please write the name in letters.", NULL}},
    [VAL_NAME_SYMBOL] = {{"Nama hanya boleh berisi huruf, spasi, dan tanda . , ' -", NULL},
                         {"A name can only contain letters, spaces and the signs . , ' -", NULL}},
    [VAL_NAME_NO_LETTER] = {{"Mohon tulis nama dengan huruf.", NULL},
                            {"Please write the name in letters.", NULL}},
    [VAL_ORG_SYMBOL] = {{"Mohon gunakan huruf, angka, spasi, dan tanda . , ' - & / ( ) \" : saja.",
                         NULL},
                        {"Please use only letters, numbers, spaces and the signs "
                         ". , ' - & / ( ) \" :",
                         NULL}},
    [VAL_ORG_NO_LETTER] = {{"Mohon tulis nama instansi atau usaha dengan huruf.", NULL},
                           {"Please write the name of the organisation in letters.", NULL}},
    [VAL_PHONE_CHARS] = {{"Nomor telepon hanya berisi angka. Contoh: 0812-3456-7890", NULL},
                         {"A phone number contains only digits. Example: 0812-3456-7890", NULL}},
    [VAL_PHONE_PREFIX] = {{"Mohon isi nomor Indonesia yang diawali 0 atau +62. "
                           "Contoh: 0812-3456-7890",
                           NULL},
                          {"Please enter an Indonesian number starting with 0 or +62. "
                           "Example: 0812-3456-7890",
                           NULL}},
    [VAL_PHONE_MOBILE] = {{"Nomor HP terdiri dari 10 sampai 13 angka. Mohon periksa kembali. "
                           "Contoh: 0812-3456-7890",
                           NULL},
                          {"A mobile number has 10 to 13 digits. Please check it. "
                           "Example: 0812-3456-7890",
                           NULL}},
    [VAL_PHONE_LANDLINE] = {{"Mohon tulis nomor telepon rumah atau kantor lengkap dengan kode "
                             "wilayah. Contoh: (0561) 732690",
                             NULL},
                            {"Please write a landline number with its area code. "
                             "Example: (0561) 732690",
                             NULL}},
    [VAL_EMAIL_SPACE] = {{"Alamat email tidak boleh berisi spasi.", NULL},
                         {"An e-mail address cannot contain spaces.", NULL}},
    [VAL_EMAIL_FORMAT] = {{"Alamat email belum lengkap atau belum benar. Contoh: nama@contoh.id",
                           NULL},
                          {"This e-mail address is incomplete or incorrect. "
                           "Example: name@example.com",
                           NULL}},
    [VAL_NOT_NUMBER] = {{"Mohon isi dengan angka saja.", NULL}, {"Please enter a number.", NULL}},
    [VAL_PARTY_RANGE] = {{PARTY_RANGE_ID, NULL}, {PARTY_RANGE_EN, NULL}},
    [VAL_SCORE_RANGE] = {{SCORE_RANGE_ID, NULL}, {SCORE_RANGE_EN, NULL}},
};

static const char *const code_names[VAL_CODE_COUNT] = {
    [VAL_OK] = "ok",
    [VAL_EMPTY] = "empty",
    [VAL_TOO_SHORT] = "too_short",
    [VAL_TOO_LONG] = "too_long",
    [VAL_BAD_TEXT] = "bad_text",
    [VAL_NAME_DIGIT] = "name_digit",
    [VAL_NAME_SYMBOL] = "name_symbol",
    [VAL_NAME_NO_LETTER] = "name_no_letter",
    [VAL_ORG_SYMBOL] = "org_symbol",
    [VAL_ORG_NO_LETTER] = "org_no_letter",
    [VAL_PHONE_CHARS] = "phone_chars",
    [VAL_PHONE_PREFIX] = "phone_prefix",
    [VAL_PHONE_MOBILE] = "phone_mobile",
    [VAL_PHONE_LANDLINE] = "phone_landline",
    [VAL_EMAIL_SPACE] = "email_space",
    [VAL_EMAIL_FORMAT] = "email_format",
    [VAL_NOT_NUMBER] = "not_number",
    [VAL_PARTY_RANGE] = "party_range",
    [VAL_SCORE_RANGE] = "score_range",
};

enum val_lang val_lang_from(const char *code)
{
    return (code && strcmp(code, "en") == 0) ? VAL_LANG_EN : VAL_LANG_ID;
}

const char *val_code_name(enum val_code code)
{
    return ((int)code >= 0 && code < VAL_CODE_COUNT) ? code_names[code] : NULL;
}

int val_message(struct val_outcome o, enum val_lang lang, char *buf, size_t cap)
{
    if ((int)o.code < 0 || o.code >= VAL_CODE_COUNT || (int)lang < 0 || lang >= VAL_LANG_COUNT)
        return -EINVAL;
    const struct message *m = &messages[o.code][lang];
    int n;
    if (m->after)
        n = snprintf(buf, cap, "%s%d%s", m->before, o.limit, m->after);
    else
        n = snprintf(buf, cap, "%s", m->before);
    return (n < 0 || (size_t)n >= cap) ? -ENOSPC : 0;
}

/* --- text fields ----------------------------------------------------------- */

/* Tidies input into buf, which holds REC_BUF(max_chars) bytes, and checks it
 * as text. A tidied value that does not fit in 4 bytes per character has
 * more than max_chars characters, so -ENOSPC means too long. */
static struct val_outcome tidy(const char *input, unsigned flags, int max_chars, char *buf,
                               size_t bufcap, size_t *chars)
{
    int rc = text_collapse(input ? input : "", flags, buf, bufcap);
    if (rc == -ENOSPC)
        return outcome(VAL_TOO_LONG, max_chars);
    if (rc < 0 || text_check(buf, flags, chars) < 0)
        return outcome(VAL_BAD_TEXT, 0);
    return outcome(VAL_OK, 0);
}

static uint32_t next_cp(const char *s, size_t len, size_t *i)
{
    uint32_t cp = 0;
    size_t used = 1;
    /* Only called on text that text_check() accepted. */
    if (text_utf8_decode(s + *i, len - *i, &cp, &used) < 0)
        cp = 0xFFFD;
    *i += used;
    return cp;
}

static bool is_name_sign(uint32_t cp)
{
    return cp == ' ' || cp == '.' || cp == ',' || cp == '\'' || cp == 0x2019 || cp == '-';
}

static bool is_org_sign(uint32_t cp)
{
    return is_name_sign(cp) || cp == '&' || cp == '/' || cp == '(' || cp == ')' || cp == '"' ||
           cp == ':' || cp == 0x2018 || cp == 0x201C || cp == 0x201D;
}

struct field_rule {
    int min_chars, max_chars;
    bool digits_allowed;
    bool (*sign_allowed)(uint32_t cp);
    enum val_code digit_code, symbol_code, no_letter_code;
};

static struct val_outcome check_words(const struct field_rule *rule, const char *input,
                                      bool required, char *out, size_t cap)
{
    char buf[REC_BUF(REC_ORG_CHARS)];
    size_t chars = 0;
    assert((size_t)REC_BUF(rule->max_chars) <= sizeof(buf));
    assert(cap >= (size_t)REC_BUF(rule->max_chars));
    struct val_outcome o = tidy(input, 0, rule->max_chars, buf, REC_BUF(rule->max_chars), &chars);
    if (o.code != VAL_OK)
        return o;
    if (chars == 0) {
        if (required)
            return outcome(VAL_EMPTY, 0);
        out[0] = '\0';
        return outcome(VAL_OK, 0);
    }

    size_t len = strlen(buf), i = 0;
    int letters = 0;
    bool digit = false, symbol = false;
    while (i < len) {
        uint32_t cp = next_cp(buf, len, &i);
        switch (text_classify(cp)) {
        case TEXT_LETTER:
            letters++;
            break;
        case TEXT_MARK:
            break;
        case TEXT_DIGIT:
            if (!rule->digits_allowed)
                digit = true;
            break;
        default:
            if (!rule->sign_allowed(cp))
                symbol = true;
            break;
        }
    }
    /* A digit is the likelier slip (a phone number typed in the name
     * field), so it is named first. */
    if (digit)
        return outcome(rule->digit_code, 0);
    if (symbol)
        return outcome(rule->symbol_code, 0);
    if (letters == 0)
        return outcome(rule->no_letter_code, 0);
    if (chars < (size_t)rule->min_chars)
        return outcome(VAL_TOO_SHORT, rule->min_chars);
    if (chars > (size_t)rule->max_chars)
        return outcome(VAL_TOO_LONG, rule->max_chars);
    memcpy(out, buf, len + 1);
    return outcome(VAL_OK, 0);
}

struct val_outcome val_name(const char *input, bool required, char *out, size_t cap)
{
    static const struct field_rule rule = {
        .min_chars = VAL_NAME_MIN_CHARS,
        .max_chars = REC_NAME_CHARS,
        .digits_allowed = false,
        .sign_allowed = is_name_sign,
        .digit_code = VAL_NAME_DIGIT,
        .symbol_code = VAL_NAME_SYMBOL,
        .no_letter_code = VAL_NAME_NO_LETTER,
    };
    return check_words(&rule, input, required, out, cap);
}

struct val_outcome val_organization(const char *input, bool required, char *out, size_t cap)
{
    /* Digits are part of many names ("Koperasi 45", "CV 3 Putra"), but a
     * name needs one letter at least: "123" alone is not one. */
    static const struct field_rule rule = {
        .min_chars = VAL_ORG_MIN_CHARS,
        .max_chars = REC_ORG_CHARS,
        .digits_allowed = true,
        .sign_allowed = is_org_sign,
        .digit_code = VAL_OK, /* not used: digits are allowed */
        .symbol_code = VAL_ORG_SYMBOL,
        .no_letter_code = VAL_ORG_NO_LETTER,
    };
    return check_words(&rule, input, required, out, cap);
}

struct val_outcome val_text(const char *input, int min_chars, int max_chars, unsigned flags,
                            char *out, size_t cap)
{
    char buf[REC_BUF(REC_TEXT_CHARS)];
    size_t chars = 0;
    assert(min_chars >= 0 && min_chars <= max_chars && max_chars <= REC_TEXT_CHARS);
    assert(cap >= (size_t)REC_BUF(max_chars));
    struct val_outcome o = tidy(input, flags, max_chars, buf, REC_BUF(max_chars), &chars);
    if (o.code != VAL_OK)
        return o;
    if (chars == 0 && min_chars > 0)
        return outcome(VAL_EMPTY, 0);
    if (chars < (size_t)min_chars)
        return outcome(VAL_TOO_SHORT, min_chars);
    if (chars > (size_t)max_chars)
        return outcome(VAL_TOO_LONG, max_chars);
    memcpy(out, buf, strlen(buf) + 1);
    return outcome(VAL_OK, 0);
}

/* --- phone numbers ------------------------------------------------------- */

#define PHONE_MAX_DIGITS 20

struct val_outcome val_phone(const char *input, bool required, char *out, size_t cap)
{
    char digits[PHONE_MAX_DIGITS + 1];
    size_t nd = 0;
    bool plus = false, any = false;
    int paren = 0; /* 0 none yet, 1 open, 2 closed */
    size_t paren_open = 0, paren_close = 0;
    assert(cap >= VAL_PHONE_E164_SIZE);

    for (const char *p = input ? input : ""; *p; p++) {
        char c = *p;
        if (c >= '0' && c <= '9') {
            if (nd < PHONE_MAX_DIGITS)
                digits[nd] = c;
            nd++;
        } else if (c == ' ' || c == '\t') {
            continue; /* only spaces is an empty field */
        } else if (c == '-' || c == '.') {
            /* separators, ignored */
        } else if (c == '+' && nd == 0 && !plus && paren == 0) {
            plus = true;
        } else if (c == '(' && paren == 0) {
            paren = 1;
            paren_open = nd;
        } else if (c == ')' && paren == 1) {
            paren = 2;
            paren_close = nd;
        } else {
            return outcome(VAL_PHONE_CHARS, 0);
        }
        any = true;
    }
    if (!any) {
        if (required)
            return outcome(VAL_EMPTY, 0);
        out[0] = '\0';
        return outcome(VAL_OK, 0);
    }
    if (nd == 0 || paren == 1)
        return outcome(VAL_PHONE_CHARS, 0);
    if (nd > PHONE_MAX_DIGITS)
        nd = PHONE_MAX_DIGITS; /* far too long either way; the length check says so */
    digits[nd] = '\0';

    /* Where the national number (without trunk 0 or country code) starts. */
    size_t nat;
    if (plus || (nd >= 2 && digits[0] == '6' && digits[1] == '2')) {
        if (nd < 2 || digits[0] != '6' || digits[1] != '2')
            return outcome(VAL_PHONE_PREFIX, 0);
        nat = 2;
        /* "+62 0812…" is a common slip: the trunk 0 kept after the code. */
        if (nat < nd && digits[nat] == '0')
            nat++;
    } else if (digits[0] == '0' && (nd < 2 || digits[1] != '0')) {
        nat = 1;
    } else {
        /* No leading 0 (a number dialled without it) or 00… (international). */
        return outcome(VAL_PHONE_PREFIX, 0);
    }
    size_t nat_len = nd - nat;
    if (nat_len == 0)
        return outcome(VAL_PHONE_MOBILE, 0);

    if (digits[nat] == '8') {
        /* 08xx… counts its 0: 10 to 13 digits in all. */
        if (nat_len + 1 < 10 || nat_len + 1 > 13)
            return outcome(VAL_PHONE_MOBILE, 0);
    } else {
        if (digits[nat] == '1' || nat_len < 8 || nat_len > 11)
            return outcome(VAL_PHONE_LANDLINE, 0);
        if (paren == 2) {
            /* "(0561) 732690": the parentheses hold the area code, with or
             * without its 0, and the subscriber number follows. */
            if (paren_open > nat || paren_close < nat + 2 || paren_close > nat + 3 ||
                nd - paren_close < 5 || nd - paren_close > 8)
                return outcome(VAL_PHONE_LANDLINE, 0);
        }
    }
    snprintf(out, cap, "+62%s", digits + nat);
    return outcome(VAL_OK, 0);
}

/* --- e-mail ---------------------------------------------------------------- */

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool local_part_ok(const char *s, size_t n)
{
    if (n == 0 || n > 64 || s[0] == '.' || s[n - 1] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.' && s[i + 1] == '.')
            return false;
        if (!is_alnum(c) && !strchr(".!#$%&'*+-/=?^_`{|}~", c))
            return false;
    }
    return true;
}

static bool domain_ok(const char *s)
{
    int labels = 0;
    size_t last_len = 0;
    bool last_has_letter = false;
    const char *label = s;
    for (;;) {
        size_t n = strcspn(label, ".");
        if (n == 0 || n > 63 || label[0] == '-' || label[n - 1] == '-')
            return false;
        last_has_letter = false;
        for (size_t i = 0; i < n; i++) {
            if (!is_alnum(label[i]) && label[i] != '-')
                return false;
            if (!(label[i] >= '0' && label[i] <= '9') && label[i] != '-')
                last_has_letter = true;
        }
        labels++;
        last_len = n;
        if (label[n] == '\0')
            break;
        label += n + 1;
    }
    return labels >= 2 && last_len >= 2 && last_has_letter;
}

struct val_outcome val_email(const char *input, bool required, char *out, size_t cap)
{
    char buf[REC_BUF(REC_EMAIL_CHARS)];
    size_t chars = 0;
    assert(cap >= (size_t)REC_BUF(REC_EMAIL_CHARS));
    int rc = text_trim(input ? input : "", buf, sizeof(buf));
    if (rc == -ENOSPC)
        return outcome(VAL_TOO_LONG, REC_EMAIL_CHARS);
    if (rc < 0 || text_check(buf, 0, &chars) < 0)
        return outcome(VAL_BAD_TEXT, 0);
    if (chars == 0) {
        if (required)
            return outcome(VAL_EMPTY, 0);
        out[0] = '\0';
        return outcome(VAL_OK, 0);
    }
    size_t len = strlen(buf), i = 0;
    while (i < len)
        if (text_is_space(next_cp(buf, len, &i)))
            return outcome(VAL_EMAIL_SPACE, 0);
    if (chars > REC_EMAIL_CHARS)
        return outcome(VAL_TOO_LONG, REC_EMAIL_CHARS);
    for (i = 0; i < len; i++)
        if ((unsigned char)buf[i] >= 0x80)
            return outcome(VAL_EMAIL_FORMAT, 0);
    char *at = strchr(buf, '@');
    if (!at || strchr(at + 1, '@') || !local_part_ok(buf, (size_t)(at - buf)) || !domain_ok(at + 1))
        return outcome(VAL_EMAIL_FORMAT, 0);
    /* Domains are case-blind; the local part belongs to its mail server. */
    for (char *d = at + 1; *d; d++)
        if (*d >= 'A' && *d <= 'Z')
            *d = (char)(*d - 'A' + 'a');
    memcpy(out, buf, len + 1);
    return outcome(VAL_OK, 0);
}

/* --- numbers ---------------------------------------------------------------- */

struct val_outcome val_party_size(const char *input, int *out)
{
    const char *p = input ? input : "";
    while (*p == ' ')
        p++;
    size_t n = strlen(p);
    while (n > 0 && p[n - 1] == ' ')
        n--;
    if (n == 0)
        return outcome(VAL_EMPTY, 0);
    long value = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return outcome(VAL_NOT_NUMBER, 0);
        /* Stop growing past the range: no overflow for any length. */
        if (value <= VAL_PARTY_MAX)
            value = value * 10 + (p[i] - '0');
    }
    if (value < VAL_PARTY_MIN || value > VAL_PARTY_MAX)
        return outcome(VAL_PARTY_RANGE, 0);
    *out = (int)value;
    return outcome(VAL_OK, 0);
}

struct val_outcome val_score(int score)
{
    if (score < VAL_SCORE_MIN || score > VAL_SCORE_MAX)
        return outcome(VAL_SCORE_RANGE, 0);
    return outcome(VAL_OK, 0);
}
