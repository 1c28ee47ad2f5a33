/*
 * bench_pin — how long checking the staff PIN takes: pin_verify() of a
 * hash made by pin_hash() (Argon2id, PIN_OPSLIMIT passes over
 * PIN_MEMLIMIT), right and wrong PIN alike, against libsodium's
 * "interactive" limits for comparison. Prints medians and p99; never
 * fails on being slow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "kiosk/pin.h"

#define RUNS 40

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void row(const char *name, const char *hash)
{
    double t[RUNS];
    for (int i = 0; i < RUNS; i++) {
        double start = now_ms();
        int rc = pin_verify(hash, i % 2 ? "246810" : "135799");
        t[i] = now_ms() - start;
        if ((i % 2 && rc != 0) || (!(i % 2) && rc == 0)) {
            fprintf(stderr, "bench_pin: the check gave a wrong answer\n");
            exit(1);
        }
    }
    qsort(t, RUNS, sizeof(t[0]), cmp);
    printf("| %s | %.1f | %.1f |\n", name, t[RUNS / 2], t[RUNS * 99 / 100]);
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    char ours[PIN_HASH_SIZE], interactive[PIN_HASH_SIZE];
    if (pin_hash("246810", ours) < 0 ||
        crypto_pwhash_str(interactive, "246810", 6, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        fprintf(stderr, "bench_pin: cannot hash\n");
        return 1;
    }
    printf("| limits | verify median ms | p99 ms |\n|---|---:|---:|\n");
    row("serambi pin (t=2, 19 MiB)", ours);
    row("libsodium interactive (t=2, 64 MiB)", interactive);
    return 0;
}
