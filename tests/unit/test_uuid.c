/*
 * test_uuid — UUIDv7 strings as RFC 9562 lays them out: version 7,
 * variant 10, the 48-bit millisecond time first so that ids sort by time,
 * the caller's random bits kept in the other 74 bits; and the checks that
 * tell a UUID (and a UUIDv7) from anything else.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/uuid.h"

#define MAX_MS ((INT64_C(1) << 48) - 1)

static uint64_t rng_state = 0xC0FFEE2025ULL;

static uint64_t next_random(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void random_bytes(uint8_t out[UUID_RANDOM_BYTES])
{
    uint64_t a = next_random(), b = next_random();
    for (int i = 0; i < UUID_RANDOM_BYTES; i++)
        out[i] = (uint8_t)((i < 8 ? a : b) >> (8 * (i % 8)));
}

static int hexval(char c)
{
    return (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* The 16 bytes of a canonical UUID string. */
static void bytes_of(const char *s, uint8_t out[16])
{
    int n = 0;
    for (int i = 0; i < 36; i += 2) {
        if (s[i] == '-')
            i++;
        out[n++] = (uint8_t)(hexval(s[i]) << 4 | hexval(s[i + 1]));
    }
    assert_int_equal(n, 16);
}

static void check_layout(const char *s, int64_t ms, const uint8_t random[UUID_RANDOM_BYTES])
{
    assert_int_equal(strlen(s), 36);
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23)
            assert_int_equal(s[i], '-');
        else if (hexval(s[i]) < 0)
            fail_msg("%s: '%c' at %d is not lowercase hex", s, s[i], i);
    }
    assert_true(uuid_valid(s));
    uint8_t b[16];
    bytes_of(s, b);
    assert_int_equal(b[6] >> 4, 7); /* version */
    assert_int_equal(b[8] >> 6, 2); /* variant 10 */
    for (int i = 0; i < 6; i++)     /* big-endian milliseconds */
        assert_int_equal(b[i], (uint8_t)((uint64_t)ms >> (40 - 8 * i)));
    /* The random bits survive, except the six the version and variant take. */
    assert_int_equal(b[6] & 0x0F, random[0] & 0x0F);
    assert_int_equal(b[7], random[1]);
    assert_int_equal(b[8] & 0x3F, random[2] & 0x3F);
    for (int i = 9; i < 16; i++)
        assert_int_equal(b[i], random[i - 6]);
}

static void test_layout_and_time_round_trip(void **state)
{
    (void)state;
    static const int64_t fixed[] = {0,          1,     255, 256, 1700000000000, 1735689600000,
                                    MAX_MS - 1, MAX_MS};
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]) + 5000; i++) {
        int64_t ms = i < sizeof(fixed) / sizeof(fixed[0])
                         ? fixed[i]
                         : (int64_t)(next_random() & (uint64_t)MAX_MS);
        uint8_t random[UUID_RANDOM_BYTES];
        random_bytes(random);
        char s[UUID_STR_SIZE];
        uuid7_make(ms, random, s);
        check_layout(s, ms, random);
        int64_t back = -1;
        assert_int_equal(uuid7_time_ms(s, &back), 0);
        assert_int_equal(back, ms);
    }
}

static void test_known_value(void **state)
{
    (void)state;
    /* The example of RFC 9562 appendix A.6: 2022-02-22 19:22:22 UTC. */
    static const uint8_t random[UUID_RANDOM_BYTES] = {0xCC, 0xC3, 0x98, 0xC4, 0xDC,
                                                      0x0C, 0x0C, 0x07, 0x39, 0x8F};
    char s[UUID_STR_SIZE];
    uuid7_make(0x017F22E279B0, random, s);
    assert_string_equal(s, "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
}

static void test_sorts_by_time(void **state)
{
    (void)state;
    for (int n = 0; n < 20000; n++) {
        int64_t a = (int64_t)(next_random() & (uint64_t)MAX_MS);
        int64_t b = n % 2 ? a + 1 + (int64_t)(next_random() % 1000)
                          : (int64_t)(next_random() & (uint64_t)MAX_MS);
        if (b > MAX_MS || a == b)
            continue;
        uint8_t ra[UUID_RANDOM_BYTES], rb[UUID_RANDOM_BYTES];
        random_bytes(ra);
        random_bytes(rb);
        char sa[UUID_STR_SIZE], sb[UUID_STR_SIZE];
        uuid7_make(a, ra, sa);
        uuid7_make(b, rb, sb);
        int cmp = strcmp(sa, sb);
        if ((a < b) != (cmp < 0))
            fail_msg("%lld %s and %lld %s sort the wrong way", (long long)a, sa, (long long)b, sb);
    }
}

static void test_valid(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool ok;
    } cases[] = {
        {"017f22e2-79b0-7cc3-98c4-dc0c0c07398f", true},
        {"00000000-0000-0000-0000-000000000000", true},
        {"f47ac10b-58cc-4372-a567-0e02b2c3d479", true}, /* v4 is a UUID too */
        {"017F22E2-79B0-7CC3-98C4-DC0C0C07398F", false},
        {"017f22e2-79b0-7cc3-98c4-dc0c0c07398", false},
        {"017f22e2-79b0-7cc3-98c4-dc0c0c07398f0", false},
        {"017f22e279b0-7cc3-98c4-dc0c0c07398f-", false},
        {"017f22e2-79b0-7cc3-98c4_dc0c0c07398f", false},
        {"017f22e2-79b0-7cc3-98c4-dc0c0c07398g", false},
        {"{017f22e2-79b0-7cc3-98c4-dc0c0c07398f}", false},
        {"", false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (uuid_valid(cases[i].s) != cases[i].ok)
            fail_msg("'%s': uuid_valid says %d", cases[i].s, !cases[i].ok);
    assert_false(uuid_valid(NULL));
}

static void test_time_of_other_strings(void **state)
{
    (void)state;
    static const char *const not_v7[] = {
        "f47ac10b-58cc-4372-a567-0e02b2c3d479", /* version 4 */
        "017f22e2-79b0-6cc3-98c4-dc0c0c07398f", /* version 6 */
        "017f22e2-79b0-7cc3-c8c4-dc0c0c07398f", /* version 7 bits, variant 110 */
        "017f22e2-79b0-7cc3-08c4-dc0c0c07398f", /* variant 0 */
        "017F22E2-79B0-7CC3-98C4-DC0C0C07398F", "not a uuid",
    };
    for (size_t i = 0; i < sizeof(not_v7) / sizeof(not_v7[0]); i++) {
        int64_t ms = -42;
        if (uuid7_time_ms(not_v7[i], &ms) != -EINVAL)
            fail_msg("'%s' was taken for a UUIDv7", not_v7[i]);
        assert_int_equal(ms, -42);
    }
    int64_t ms;
    assert_int_equal(uuid7_time_ms(NULL, &ms), -EINVAL);
    /* All four variant-10 hex digits are accepted. */
    for (const char *v = "89ab"; *v; v++) {
        char s[UUID_STR_SIZE] = "017f22e2-79b0-7cc3-98c4-dc0c0c07398f";
        s[19] = *v;
        assert_int_equal(uuid7_time_ms(s, &ms), 0);
        assert_int_equal(ms, 0x017F22E279B0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_and_time_round_trip),
        cmocka_unit_test(test_known_value),
        cmocka_unit_test(test_sorts_by_time),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_time_of_other_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
