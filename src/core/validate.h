/*
 * validate — the checks behind every field of the kiosk's forms, and what
 * the kiosk says to a visitor when one fails.
 *
 * The one idea: a check answers with an outcome (what is wrong, plus the
 * limit that was crossed) and the cleaned value, never with text; the
 * words come from val_message() in the visitor's language, so the screen
 * shows "Mohon isi paling sedikit 2 huruf." and never a code. A failed
 * check is an answer, not a failure of the program, so outcomes are
 * returned by value. The cleaned value (trimmed, spaces collapsed, phone
 * numbers as +62…) is written to out only when the outcome is VAL_OK;
 * out must hold the field's REC_BUF() size from core/records.h.
 */
#ifndef SERAMBI_CORE_VALIDATE_H
#define SERAMBI_CORE_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/records.h"

#define VAL_NAME_MIN_CHARS  2
#define VAL_ORG_MIN_CHARS   2
#define VAL_PARTY_MIN       1
#define VAL_PARTY_MAX       99
#define VAL_SCORE_MIN       1
#define VAL_SCORE_MAX       4
#define VAL_PHONE_E164_SIZE 16 /* "+62" and at most 12 digits, NUL */

enum val_code {
    VAL_OK,
    VAL_EMPTY,          /* required, and nothing (or only spaces) was given */
    VAL_TOO_SHORT,      /* limit: the fewest characters allowed */
    VAL_TOO_LONG,       /* limit: the most characters allowed */
    VAL_BAD_TEXT,       /* malformed UTF-8 or a control/bidi character */
    VAL_NAME_DIGIT,     /* a digit in a person's name */
    VAL_NAME_SYMBOL,    /* a sign other than space . , ' - in a name */
    VAL_NAME_NO_LETTER, /* only signs, no letter */
    VAL_ORG_SYMBOL,     /* a sign an organisation's name does not use */
    VAL_ORG_NO_LETTER,  /* only digits and signs */
    VAL_PHONE_CHARS,    /* letters or other signs in a phone number */
    VAL_PHONE_PREFIX,   /* not an Indonesian number (0…, 62…, +62…) */
    VAL_PHONE_MOBILE,   /* 08… with fewer than 10 or more than 13 digits */
    VAL_PHONE_LANDLINE, /* area code or number of digits not a landline's */
    VAL_EMAIL_SPACE,    /* a space inside an e-mail address */
    VAL_EMAIL_FORMAT,   /* not name@domain.tld */
    VAL_NOT_NUMBER,     /* a count that is not a whole number */
    VAL_PARTY_RANGE,    /* party size outside VAL_PARTY_MIN..VAL_PARTY_MAX */
    VAL_SCORE_RANGE,    /* survey score outside VAL_SCORE_MIN..VAL_SCORE_MAX */
    VAL_CODE_COUNT
};

struct val_outcome {
    enum val_code code;
    int limit; /* characters, for VAL_TOO_SHORT and VAL_TOO_LONG; else 0 */
};

enum val_lang {
    VAL_LANG_ID, /* Indonesian: the kiosk's first language */
    VAL_LANG_EN,
    VAL_LANG_COUNT
};

/* The language of a code: "en" is English, anything else (NULL too) is
 * Indonesian, which every visitor is offered first. */
enum val_lang val_lang_from(const char *code);

/*
 * Writes the message for an outcome to buf (cap bytes): one or two short,
 * polite sentences, with an example where a format is expected. VAL_OK
 * writes "". Returns 0, -EINVAL for an unknown code or language, or
 * -ENOSPC when cap is short (256 bytes always suffice).
 */
int val_message(struct val_outcome outcome, enum val_lang lang, char *buf, size_t cap);

/* A stable lowercase name for logs and tests ("name_digit"); never shown
 * to a visitor. Static storage; NULL for an unknown code. */
const char *val_code_name(enum val_code code);

/*
 * A person's name: letters of any script, spaces, and . , ' ’ - (titles
 * such as "Dr. Siti Aminah, S.E."), 2..REC_NAME_CHARS characters, spaces
 * collapsed. With required false an empty input is VAL_OK and out is "".
 * input may be NULL (empty). cap >= REC_BUF(REC_NAME_CHARS).
 */
struct val_outcome val_name(const char *input, bool required, char *out, size_t cap);

/* An organisation (cooperative, business, agency): as a name, and also
 * digits and & / ( ) : and straight or curly quotes, with one letter at
 * least; 2..REC_ORG_CHARS characters.
 * cap >= REC_BUF(REC_ORG_CHARS). */
struct val_outcome val_organization(const char *input, bool required, char *out, size_t cap);

/*
 * An Indonesian phone number as people write it: "0812-5650-6007",
 * "+62 812 5650 6007", "62812…", "(0561) 732690"; spaces, hyphens, dots
 * and one pair of parentheses around the area code are ignored. Mobile
 * numbers (08…) have 10 to 13 digits; landlines an area code of 2 or 3
 * digits after the 0 and 8 to 11 digits without the 0. Written to out in
 * E.164 form ("+6281256506007"). cap >= VAL_PHONE_E164_SIZE.
 */
struct val_outcome val_phone(const char *input, bool required, char *out, size_t cap);

/* An e-mail address: one @, a local part, a domain with a dot, ASCII, no
 * spaces, at most REC_EMAIL_CHARS. The domain is written in lower case.
 * cap >= REC_BUF(REC_EMAIL_CHARS). */
struct val_outcome val_email(const char *input, bool required, char *out, size_t cap);

/*
 * Free text (purpose, subject, complaint, comment): min_chars..max_chars
 * characters after tidying; min_chars 0 makes it optional. flags is 0 for
 * one line or TEXT_MULTILINE (core/text.h). 0 <= min_chars <= max_chars
 * <= REC_TEXT_CHARS; cap >= REC_BUF(max_chars).
 */
struct val_outcome val_text(const char *input, int min_chars, int max_chars, unsigned flags,
                            char *out, size_t cap);

/* The number of people in a party, as typed (spaces around are fine):
 * VAL_PARTY_MIN..VAL_PARTY_MAX. *out written when VAL_OK. */
struct val_outcome val_party_size(const char *input, int *out);

/* One answer of the satisfaction survey: VAL_SCORE_MIN..VAL_SCORE_MAX. */
struct val_outcome val_score(int score);

#endif
