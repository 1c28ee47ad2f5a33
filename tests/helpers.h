/*
 * helpers — what many test suites need: a private temporary folder that is
 * removed afterwards (no test leaves visitor-like data behind), files
 * written in one call, and the serambi program run as a child with its
 * output captured.
 */
#ifndef SERAMBI_TESTS_HELPERS_H
#define SERAMBI_TESTS_HELPERS_H

#include <stddef.h>

/* Makes a fresh folder under $TMPDIR (or /tmp); writes its path to dir
 * (cap >= 64). Aborts the test program on failure. */
void th_mkdtemp(char *dir, size_t cap);
/* Removes a folder and everything in it. */
void th_rmtree(const char *dir);
/* Writes text to dir/name; returns the full path in path (cap >= 256). */
void th_write_file(const char *dir, const char *name, const char *text, char *path, size_t cap);
/* Reads a whole file; the caller frees the result. NULL when unreadable. */
char *th_read_file(const char *path, size_t *len);

/* Paths given by the Makefile: the serambi binary and the assets folder. */
const char *th_serambi_bin(void);
const char *th_assets_dir(void);

/* SANE's test backend stops its reader thread with an asynchronous cancel
 * that can land inside malloc and hang the program for good
 * (docs/scanning.md). th_sane_cancel_lib() is the library that keeps that
 * cancel deferred (built beside the tests); th_sane_cancel_env() puts it
 * in LD_PRELOAD (after `first`, may be NULL) for the children started
 * from now on; th_sane_cancel_reexec() runs this test program again with
 * it, once. */
const char *th_sane_cancel_lib(void);
void th_sane_cancel_env(const char *first);
void th_sane_cancel_reexec(char **argv);

struct th_run {
    int exit_code; /* -1 when killed by a signal */
    char *out;     /* stdout, NUL-terminated; free with th_run_fini() */
    char *err;     /* stderr */
};
/* Runs argv (argv[0] is a path) with stdin from /dev/null, waits, and
 * captures both outputs. Aborts the test program when it cannot start. */
void th_run(char *const argv[], struct th_run *r);
void th_run_fini(struct th_run *r);

#endif
