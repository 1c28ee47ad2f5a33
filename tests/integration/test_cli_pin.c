/*
 * test_cli_pin — `serambi pin` as a technician runs it from a pipe: the
 * real program prints a staff_pin_hash line and never the PIN, the line
 * makes a configuration the kiosk accepts and whose hash checks the PIN;
 * PINs that are not 6 to 12 digits are refused; and a configuration with
 * a PIN in clear or a broken hash stops the program without repeating
 * what was written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../helpers.h"
#include "kiosk/config.h"
#include "kiosk/pin.h"

struct fixture {
    char dir[256];
    char conf[512];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    th_mkdtemp(f->dir, sizeof(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    th_rmtree(f->dir);
    free(f);
    return 0;
}

static void write_config(struct fixture *f, const char *extra)
{
    char text[1024];
    snprintf(text, sizeof(text), "data_dir = %s/data\n%s", f->dir, extra);
    th_write_file(f->dir, "kiosk.conf", text, f->conf, sizeof(f->conf));
}

/* `printf 'INPUT' | serambi --config CONF pin ARGS`. */
static void pin_from_pipe(struct fixture *f, const char *input, const char *args, struct th_run *r)
{
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), "printf '%s' | '%s' --config '%s' pin %s", input, th_serambi_bin(),
             f->conf, args);
    char *argv[] = {"/bin/sh", "-c", cmd, NULL};
    th_run(argv, r);
}

static void the_line_it_prints_works(void **state)
{
    struct fixture *f = *state;
    struct th_run r;
    write_config(f, "");
    pin_from_pipe(f, "902468\\n", "", &r);
    assert_int_equal(r.exit_code, 0);
    assert_null(strstr(r.out, "902468"));
    assert_null(strstr(r.err, "902468"));
    assert_true(strncmp(r.out, "staff_pin_hash = $argon2id$", 27) == 0);
    assert_non_null(strchr(r.out, '\n'));
    assert_int_equal(strchr(r.out, '\n')[1], '\0'); /* one line */

    /* The line as it is, in the file the kiosk reads. */
    char extra[512], hash[PIN_HASH_SIZE];
    snprintf(extra, sizeof(extra), "%s", r.out);
    snprintf(hash, sizeof(hash), "%.*s", (int)(strlen(r.out) - 18), r.out + 17);
    th_run_fini(&r);
    write_config(f, extra);
    struct kiosk_config cfg;
    char err[512];
    assert_int_equal(config_load(&cfg, f->conf, err, sizeof(err)), 0);
    assert_string_equal(cfg.staff_pin_hash, hash);
    assert_int_equal(pin_verify(cfg.staff_pin_hash, "902468"), 0);
    assert_int_not_equal(pin_verify(cfg.staff_pin_hash, "902469"), 0);

    /* A second run salts anew; CR LF from a Windows editor is fine. */
    pin_from_pipe(f, "902468\\r\\n", "", &r);
    assert_int_equal(r.exit_code, 0);
    assert_null(strstr(r.out, hash));
    th_run_fini(&r);
}

static void pins_that_are_not_six_to_twelve_digits(void **state)
{
    struct fixture *f = *state;
    static const char *const bad[] = {
        "12345\\n", "1234567890123\\n", "12a456\\n", "123 456\\n", "\\n", ""};
    struct th_run r;
    write_config(f, "");
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        pin_from_pipe(f, bad[i], "", &r);
        assert_int_equal(r.exit_code, 1);
        assert_string_equal(r.out, "");
        assert_true(strstr(r.err, "6 to 12 digits") || strstr(r.err, "no PIN was read"));
        th_run_fini(&r);
    }
    pin_from_pipe(f, "246810\\n", "extra", &r);
    assert_int_equal(r.exit_code, 2);
    th_run_fini(&r);
}

static void a_pin_in_clear_stops_the_kiosk(void **state)
{
    struct fixture *f = *state;
    char *argv[] = {(char *)th_serambi_bin(), "--config", f->conf, "help", NULL};
    struct th_run r;
    write_config(f, "staff_pin_hash = 975310\n");
    th_run(argv, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "kiosk.conf:2: staff_pin_hash: looks like a PIN in clear"));
    assert_null(strstr(r.err, "975310"));
    th_run_fini(&r);

    write_config(f, "staff_pin_hash = \"$argon2id$v=19$m=19456,t=2,p=1$bm90IGEgc2FsdA$\"\n");
    th_run(argv, &r);
    assert_int_equal(r.exit_code, 1);
    assert_non_null(strstr(r.err, "staff_pin_hash: is not a PIN hash made by `serambi pin`"));
    th_run_fini(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_line_it_prints_works, setup, teardown),
        cmocka_unit_test_setup_teardown(pins_that_are_not_six_to_twelve_digits, setup, teardown),
        cmocka_unit_test_setup_teardown(a_pin_in_clear_stops_the_kiosk, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
