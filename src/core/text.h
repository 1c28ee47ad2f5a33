/*
 * text — what the kiosk accepts as text, before any field-specific rule.
 *
 * Everything a visitor types, a technician writes in a config file or the
 * hub sends back is UTF-8 and is checked here first. The one idea: text is
 * judged by code points, never by bytes. A string is well-formed UTF-8
 * (no overlong forms, no surrogates, nothing above U+10FFFF, no cut-off
 * sequence), and it holds no character that could hide or disguise what
 * is written: C0 and C1 controls, DEL, and the bidirectional overrides and
 * isolates that make text read differently from what is stored. Lengths
 * are counted in code points, which is what the limits in records.h mean.
 */
#ifndef SERAMBI_CORE_TEXT_H
#define SERAMBI_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_UTF8_MAX 4 /* bytes in the longest UTF-8 sequence */

/* Flags for text_check() and text_collapse(). */
#define TEXT_MULTILINE 0x1u /* the field may hold line breaks ("\n") */

/*
 * Decodes the code point at s[0..len). Returns 0 and writes the code point
 * and the number of bytes it took (1..4); -EILSEQ when the bytes are not
 * well-formed UTF-8 (also when len is 0 or the sequence is cut off).
 */
int text_utf8_decode(const char *s, size_t len, uint32_t *cp, size_t *used);

/* Encodes cp into out (at least TEXT_UTF8_MAX bytes, not terminated).
 * Returns 0 and the byte count in *used; -EINVAL for a surrogate or a
 * value above U+10FFFF. */
int text_utf8_encode(uint32_t cp, char *out, size_t *used);

/* The number of code points of a NUL-terminated string. 0, or -EILSEQ
 * when s is not well-formed UTF-8. */
int text_length(const char *s, size_t *chars);

/* False for the characters no field may hold: C0 controls (except "\n"
 * with TEXT_MULTILINE; a tab is a control too, since text_collapse() turns
 * it into a space first), DEL, C1 controls U+0080–U+009F, and the bidi
 * overrides U+202A–U+202E and isolates U+2066–U+2069. */
bool text_char_allowed(uint32_t cp, unsigned flags);

/*
 * Checks a NUL-terminated string: 0 when it is well-formed UTF-8 made of
 * allowed characters, with its length in code points in *chars (may be
 * NULL); -EILSEQ for malformed UTF-8; -EINVAL for a character that
 * text_char_allowed() refuses.
 */
int text_check(const char *s, unsigned flags, size_t *chars);

/* White space: ASCII space, tab, line breaks (LF, VT, FF, CR, NEL, U+2028,
 * U+2029), no-break and typographic spaces (U+00A0, U+1680, U+2000–U+200A,
 * U+202F, U+205F, U+3000). */
bool text_is_space(uint32_t cp);

/*
 * What kind of character cp is, as far as the kiosk's forms care. Scripts
 * are not told apart: a letter of Latin, Arabic, Javanese or Han script
 * is TEXT_LETTER alike. Code points the tables do not list are letters,
 * because refusing a real name is worse than accepting a rare sign.
 */
enum text_class {
    TEXT_LETTER,  /* letters and the marks of their own script */
    TEXT_MARK,    /* generic combining accents (U+0300…), ZWNJ, ZWJ */
    TEXT_DIGIT,   /* decimal digits of any script, 0–9 and fullwidth too */
    TEXT_SPACE,   /* text_is_space() minus the controls among them */
    TEXT_PUNCT,   /* punctuation and symbols, emoji, private use */
    TEXT_FORMAT,  /* invisible: zero-width space, word joiner, BOM, soft hyphen */
    TEXT_CONTROL, /* what text_char_allowed() refuses in a single line */
};
enum text_class text_classify(uint32_t cp);

/*
 * Copies in to out (cap bytes) without the white space at both ends.
 * Returns 0; -EILSEQ when in is not well-formed UTF-8; -ENOSPC when the
 * result and its NUL do not fit. out is written only on success.
 */
int text_trim(const char *in, char *out, size_t cap);

/*
 * Copies in to out (cap bytes) tidied the way a form stores it: no white
 * space at the ends, and every run of white space inside made one ASCII
 * space. With TEXT_MULTILINE, line breaks survive as "\n" (CR LF and CR
 * become "\n"), spaces around them go, and at most one empty line is kept
 * between paragraphs. Returns 0, -EILSEQ or -ENOSPC as text_trim(); out is
 * written only on success. Controls other than white space are kept, for
 * text_check() to refuse.
 */
int text_collapse(const char *in, unsigned flags, char *out, size_t cap);

#endif
