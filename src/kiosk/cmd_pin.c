/*
 * cmd_pin — `serambi pin`: reads a new staff PIN and prints the
 * configuration line with its hash, never the PIN. From a terminal the
 * PIN is asked twice without echo; from a pipe one line is read, so that
 * provisioning scripts can set it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "kiosk/commands.h"
#include "kiosk/pin.h"

#define LINE_MAX_BYTES 64

/* One line from in into buf (newline dropped). 0, -ENODATA at the end of
 * the input, -E2BIG for a line longer than buf. What was read beyond is
 * wiped. */
static int read_line(FILE *in, char *buf, size_t cap)
{
    if (!fgets(buf, (int)cap, in))
        return -ENODATA;
    size_t len = strlen(buf);
    if (len > 0 && buf[len - 1] == '\n')
        buf[--len] = '\0';
    else if (!feof(in))
        return -E2BIG;
    if (len > 0 && buf[len - 1] == '\r')
        buf[--len] = '\0';
    return 0;
}

/* Asks for the PIN on the terminal with echo off. */
static int ask(const char *prompt, char *buf, size_t cap)
{
    struct termios before, quiet;
    fputs(prompt, stderr);
    fflush(stderr);
    bool restore = tcgetattr(STDIN_FILENO, &before) == 0;
    if (restore) {
        quiet = before;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    int rc = read_line(stdin, buf, cap);
    if (restore)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
    fputc('\n', stderr);
    return rc;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: serambi pin\n"
            "\n"
            "Reads a new staff PIN (%d to %d digits) and prints the line to put in the\n"
            "kiosk's configuration, with the PIN's salted hash. From a terminal the PIN\n"
            "is asked twice and not shown; from a pipe one line is read:\n"
            "  printf '%%s\\n' \"$PIN\" | serambi pin\n",
            PIN_MIN_DIGITS, PIN_MAX_DIGITS);
}

int cmd_pin(const struct kiosk_config *cfg, int argc, char **argv)
{
    (void)cfg;
    char pin[LINE_MAX_BYTES], again[LINE_MAX_BYTES], hash[PIN_HASH_SIZE];
    int status = 1;
    if (argc > 1) {
        if (strcmp(argv[1], "--help") == 0) {
            usage(stdout);
            return 0;
        }
        usage(stderr);
        return EXIT_USAGE;
    }
    memset(pin, 0, sizeof(pin));
    memset(again, 0, sizeof(again));
    bool terminal = isatty(STDIN_FILENO);
    setvbuf(stdin, NULL, _IONBF, 0); /* no copy of the PIN in stdio's buffer */
    int rc =
        terminal ? ask("New staff PIN: ", pin, sizeof(pin)) : read_line(stdin, pin, sizeof(pin));
    if (rc < 0) {
        fputs(rc == -E2BIG ? "serambi: pin: the line is too long for a PIN; nothing was changed\n"
                           : "serambi: pin: no PIN was read; type it, or pipe one line into "
                             "serambi pin\n",
              stderr);
        goto out;
    }
    if (!pin_valid(pin)) {
        fprintf(stderr,
                "serambi: pin: a staff PIN is %d to %d digits 0-9 and nothing else; "
                "nothing was changed\n",
                PIN_MIN_DIGITS, PIN_MAX_DIGITS);
        goto out;
    }
    if (terminal) {
        if (ask("The same PIN again: ", again, sizeof(again)) < 0 || strcmp(pin, again) != 0) {
            fputs("serambi: pin: the two PINs differ; nothing was changed\n", stderr);
            goto out;
        }
    }
    rc = pin_hash(pin, hash);
    if (rc < 0) {
        fprintf(stderr, "serambi: pin: the PIN could not be hashed: %s\n", strerror(-rc));
        goto out;
    }
    printf("staff_pin_hash = %s\n", hash);
    if (terminal)
        fputs("Put this line in the kiosk's configuration (docs/config.md) and restart the "
              "kiosk.\n",
              stderr);
    status = 0;
out:
    sodium_memzero(pin, sizeof(pin));
    sodium_memzero(again, sizeof(again));
    return status;
}
