/*
 * test_pin — the staff PIN's hash: which PINs are accepted, a hash
 * verifies its own PIN and no other, every hash is salted, and what is
 * not a crypto_pwhash_str() Argon2id string is told apart.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/pin.h"

static void pins_are_six_to_twelve_digits(void **state)
{
    (void)state;
    assert_true(pin_valid("246810"));
    assert_true(pin_valid("123456789012"));
    assert_false(pin_valid("12345"));
    assert_false(pin_valid("1234567890123"));
    assert_false(pin_valid("12345a"));
    assert_false(pin_valid("123 456"));
    assert_false(pin_valid("+123456"));
    assert_false(pin_valid(""));
}

static void a_hash_verifies_its_pin_only(void **state)
{
    (void)state;
    char a[PIN_HASH_SIZE], b[PIN_HASH_SIZE];
    assert_int_equal(pin_hash("246810", a), 0);
    assert_non_null(strstr(a, "$argon2id$"));
    assert_null(strstr(a, "246810"));
    assert_true(pin_hash_wellformed(a));
    assert_int_equal(pin_verify(a, "246810"), 0);
    assert_int_equal(pin_verify(a, "246811"), -EACCES);
    assert_int_equal(pin_verify(a, ""), -EACCES);
    /* Salted: the same PIN hashes differently each time. */
    assert_int_equal(pin_hash("246810", b), 0);
    assert_string_not_equal(a, b);
    assert_int_equal(pin_verify(b, "246810"), 0);
    assert_int_equal(pin_hash("1234", b), -EINVAL);
}

static void malformed_hashes_are_told_apart(void **state)
{
    (void)state;
    char good[PIN_HASH_SIZE], bad[PIN_HASH_SIZE];
    assert_int_equal(pin_hash("135790", good), 0);
    assert_false(pin_hash_wellformed(""));
    assert_false(pin_hash_wellformed("135790"));
    assert_false(pin_hash_wellformed("$argon2id$"));
    assert_false(pin_hash_wellformed("$argon2id$v=19$m=19456,t=2,p=1$"));
    /* Argon2i, or another scheme, is not what `serambi pin` makes. */
    assert_false(pin_hash_wellformed("$2y$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVW"));
    memcpy(bad, good, sizeof(bad));
    memcpy(bad, "$argon2i$", 9);
    memmove(bad + 9, good + 10, strlen(good + 10) + 1);
    assert_false(pin_hash_wellformed(bad));
    /* The hash cut to 10 of its 43 characters: shorter than Argon2 allows. */
    memcpy(bad, good, sizeof(bad));
    bad[strlen(bad) - 33] = '\0';
    assert_false(pin_hash_wellformed(bad));
    assert_int_equal(pin_verify(bad, "135790"), -EINVAL);
    /* A salt with a character base64 has not. */
    memcpy(bad, good, sizeof(bad));
    char *salt = strrchr(bad, '$') - 4;
    *salt = '!';
    assert_false(pin_hash_wellformed(bad));
    /* Longer than any hash. */
    char longer[PIN_HASH_SIZE + 8];
    memset(longer, 'a', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = '\0';
    memcpy(longer, good, strlen(good));
    assert_false(pin_hash_wellformed(longer));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pins_are_six_to_twelve_digits),
        cmocka_unit_test(a_hash_verifies_its_pin_only),
        cmocka_unit_test(malformed_hashes_are_told_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
