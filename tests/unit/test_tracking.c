/*
 * test_tracking — the promise of the check symbol, tried on real codes:
 * for every data position and every symbol that can stand there, a code
 * is made with that symbol in that place, and then every single-symbol
 * substitution (all 30 other symbols, at all 7 places) and every swap of
 * two different neighbours must be refused as a typo. Thousands of random
 * codes go through the same. Then what visitors type: lower case, spaces,
 * hyphens; wrong lengths and look-alike symbols.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/tracking.h"

#define BASE 31

static uint64_t rng_state = 0x5E7A3B1D2024ULL;

/* splitmix64: reproducible test randomness. */
static uint64_t next_random(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void random_bytes(uint8_t out[TRACKING_RANDOM_BYTES])
{
    uint64_t r = next_random();
    for (int i = 0; i < TRACKING_RANDOM_BYTES; i++)
        out[i] = (uint8_t)(r >> (8 * i));
}

/* The bytes that make tracking_make() choose exactly these data symbols
 * (it reads the bytes as a big-endian number, lowest base-31 digit first). */
static void bytes_for(const int v[TRACKING_DATA_SYMBOLS], uint8_t out[TRACKING_RANDOM_BYTES])
{
    uint64_t r = 0;
    for (int i = TRACKING_DATA_SYMBOLS - 1; i >= 0; i--)
        r = r * BASE + (uint64_t)v[i];
    for (int i = TRACKING_RANDOM_BYTES - 1; i >= 0; i--, r >>= 8)
        out[i] = (uint8_t)r;
}

/* The 7 symbols of a code "ABC-DEFG", without the hyphen. */
static void symbols_of(const char code[TRACKING_SIZE], char out[TRACKING_SYMBOLS + 1])
{
    int n = 0;
    for (const char *p = code; *p; p++)
        if (*p != '-')
            out[n++] = *p;
    out[n] = '\0';
}

static void check_well_formed(const char *code)
{
    assert_int_equal(strlen(code), TRACKING_SIZE - 1);
    assert_int_equal(code[3], '-');
    for (int i = 0; i < TRACKING_SIZE - 1; i++)
        if (i != 3 && !strchr(TRACKING_ALPHABET, code[i]))
            fail_msg("%s: '%c' is not in the alphabet", code, code[i]);
}

static long substitutions, transpositions;

/* Every typo of one kind must be caught in this code. */
static void check_all_typos(const char code[TRACKING_SIZE])
{
    char sym[TRACKING_SYMBOLS + 1], typo[TRACKING_SYMBOLS + 1], out[TRACKING_SIZE];
    symbols_of(code, sym);
    assert_int_equal(tracking_normalize(sym, out), 0);
    assert_string_equal(out, code);

    for (int pos = 0; pos < TRACKING_SYMBOLS; pos++) {
        for (int k = 0; k < BASE; k++) {
            char c = TRACKING_ALPHABET[k];
            if (c == sym[pos])
                continue;
            memcpy(typo, sym, sizeof(typo));
            typo[pos] = c;
            memcpy(out, "unchanged", 9);
            int rc = tracking_normalize(typo, out);
            if (rc != -EBADMSG)
                fail_msg("%s with '%c' at %d: rc %d, typo not caught", code, c, pos, rc);
            assert_memory_equal(out, "unchanged", 9);
            substitutions++;
        }
    }
    for (int pos = 0; pos + 1 < TRACKING_SYMBOLS; pos++) {
        if (sym[pos] == sym[pos + 1])
            continue; /* swapping equal symbols is no typo */
        memcpy(typo, sym, sizeof(typo));
        typo[pos] = sym[pos + 1];
        typo[pos + 1] = sym[pos];
        int rc = tracking_normalize(typo, out);
        if (rc != -EBADMSG)
            fail_msg("%s with %d/%d swapped: rc %d, typo not caught", code, pos, pos + 1, rc);
        transpositions++;
    }
}

static void test_every_symbol_at_every_position(void **state)
{
    (void)state;
    substitutions = transpositions = 0;
    for (int pos = 0; pos < TRACKING_DATA_SYMBOLS; pos++) {
        for (int a = 0; a < BASE; a++) {
            /* The data symbol after pos takes every value too, so every
             * ordered pair of different data neighbours is swapped somewhere. */
            for (int b = 0; b < BASE; b++) {
                int v[TRACKING_DATA_SYMBOLS];
                for (int i = 0; i < TRACKING_DATA_SYMBOLS; i++)
                    v[i] = (int)(next_random() % BASE);
                v[pos] = a;
                if (pos + 1 < TRACKING_DATA_SYMBOLS)
                    v[pos + 1] = b;
                uint8_t bytes[TRACKING_RANDOM_BYTES];
                bytes_for(v, bytes);
                char code[TRACKING_SIZE];
                tracking_make(bytes, code);
                check_well_formed(code);
                char sym[TRACKING_SYMBOLS + 1];
                symbols_of(code, sym);
                for (int i = 0; i < TRACKING_DATA_SYMBOLS; i++)
                    assert_int_equal(sym[i], TRACKING_ALPHABET[v[i]]);
                check_all_typos(code);
            }
        }
    }
    /* 6 * 31 * 31 codes, each with 7 * 30 substitutions. */
    assert_int_equal(substitutions, 6L * 31 * 31 * 7 * 30);
    assert_true(transpositions > 6L * 31 * 31 * 5);
}

static void test_random_codes(void **state)
{
    (void)state;
    int seen[TRACKING_SYMBOLS][BASE];
    memset(seen, 0, sizeof(seen));
    for (int n = 0; n < 3000; n++) {
        uint8_t bytes[TRACKING_RANDOM_BYTES];
        random_bytes(bytes);
        char code[TRACKING_SIZE];
        tracking_make(bytes, code);
        check_well_formed(code);
        check_all_typos(code);
        char sym[TRACKING_SYMBOLS + 1];
        symbols_of(code, sym);
        for (int i = 0; i < TRACKING_SYMBOLS; i++)
            seen[i][strchr(TRACKING_ALPHABET, sym[i]) - TRACKING_ALPHABET]++;
    }
    /* Every symbol turns up at every place, the check symbol included. */
    for (int i = 0; i < TRACKING_SYMBOLS; i++)
        for (int k = 0; k < BASE; k++)
            if (seen[i][k] == 0)
                fail_msg("'%c' never at position %d", TRACKING_ALPHABET[k], i);
}

static void test_extreme_bytes(void **state)
{
    (void)state;
    uint8_t zero[TRACKING_RANDOM_BYTES] = {0}, ones[TRACKING_RANDOM_BYTES];
    memset(ones, 0xFF, sizeof(ones));
    char code[TRACKING_SIZE];
    tracking_make(zero, code);
    assert_string_equal(code, "222-2222");
    check_all_typos(code);
    tracking_make(ones, code);
    check_well_formed(code);
    check_all_typos(code);
}

static void test_alphabet(void **state)
{
    (void)state;
    assert_int_equal(strlen(TRACKING_ALPHABET), BASE);
    for (const char *p = "01OIL"; *p; p++)
        assert_null(strchr(TRACKING_ALPHABET, *p));
    for (int i = 0; i < BASE; i++)
        for (int j = i + 1; j < BASE; j++)
            assert_true(TRACKING_ALPHABET[i] != TRACKING_ALPHABET[j]);
}

static void test_what_visitors_type(void **state)
{
    (void)state;
    uint8_t bytes[TRACKING_RANDOM_BYTES] = {0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0};
    char code[TRACKING_SIZE], sym[TRACKING_SYMBOLS + 1];
    tracking_make(bytes, code);
    symbols_of(code, sym);

    char lower[TRACKING_SIZE];
    for (int i = 0; i < TRACKING_SIZE; i++)
        lower[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] - 'A' + 'a' : code[i]);

    char variants[8][64];
    snprintf(variants[0], 64, "%s", code);
    snprintf(variants[1], 64, "%s", sym);
    snprintf(variants[2], 64, "%s", lower);
    snprintf(variants[3], 64, "  %s  ", code);
    snprintf(variants[4], 64, "%.3s %.4s", sym, sym + 3);
    snprintf(variants[5], 64, "%c-%c-%c-%c-%c-%c-%c", sym[0], sym[1], sym[2], sym[3], sym[4],
             sym[5], sym[6]);
    snprintf(variants[6], 64, "\t%.2s %.2s\t%.3s-", sym, sym + 2, sym + 4);
    snprintf(variants[7], 64, "%c%s", lower[0], code + 1);
    for (int i = 0; i < 8; i++) {
        char out[TRACKING_SIZE] = "";
        if (tracking_normalize(variants[i], out) != 0)
            fail_msg("'%s' not read as %s", variants[i], code);
        assert_string_equal(out, code);
    }
}

static void test_not_a_code(void **state)
{
    (void)state;
    uint8_t bytes[TRACKING_RANDOM_BYTES] = {9, 8, 7, 6, 5, 4, 3, 2};
    char code[TRACKING_SIZE], sym[TRACKING_SYMBOLS + 1];
    tracking_make(bytes, code);
    symbols_of(code, sym);

    char cases[16][32];
    int n = 0;
    snprintf(cases[n++], 32, "%.6s", sym);         /* one short */
    snprintf(cases[n++], 32, "%s%c", sym, sym[0]); /* one long */
    snprintf(cases[n++], 32, "%s", "");
    snprintf(cases[n++], 32, "%s", "   -  ");
    /* Look-alikes the alphabet leaves out, in place of the first symbol. */
    const char *lookalikes = "0O1ILoil";
    for (const char *p = lookalikes; *p; p++)
        snprintf(cases[n++], 32, "%c%s", *p, sym + 1);
    snprintf(cases[n++], 32, "%.3s_%.4s", sym, sym + 3);
    snprintf(cases[n++], 32, "%.3s.%.4s", sym, sym + 3);
    snprintf(cases[n++], 32, "\xC3\x89%s", sym + 1); /* É */
    snprintf(cases[n++], 32, "%.3s\n%.4s", sym, sym + 3);
    for (int i = 0; i < n; i++) {
        char out[TRACKING_SIZE] = "XXXXXXXX";
        int rc = tracking_normalize(cases[i], out);
        if (rc != -EINVAL)
            fail_msg("'%s': rc %d, want -EINVAL", cases[i], rc);
        assert_string_equal(out, "XXXXXXXX"); /* written only on success */
    }
    char out[TRACKING_SIZE];
    assert_int_equal(tracking_normalize(NULL, out), -EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_symbol_at_every_position),
        cmocka_unit_test(test_random_codes),
        cmocka_unit_test(test_extreme_bytes),
        cmocka_unit_test(test_alphabet),
        cmocka_unit_test(test_what_visitors_type),
        cmocka_unit_test(test_not_a_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
