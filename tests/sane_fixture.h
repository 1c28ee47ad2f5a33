/*
 * sane_fixture — what the scanning suites share: a private SANE
 * configuration folder (SANE_CONFIG_DIR) that enables only the backends a
 * test names, with their .conf files written per case, and the backend's
 * library kept loaded so that LeakSanitizer can name the backend's own
 * leaks after sane_exit() (tests/lsan-suppressions.txt).
 *
 * Header-only (static inline). Include after <cmocka.h> and helpers.h.
 */
#ifndef SERAMBI_TESTS_SANE_FIXTURE_H
#define SERAMBI_TESTS_SANE_FIXTURE_H

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#if defined(__x86_64__)
#define SF_BACKEND_DIR "/usr/lib/x86_64-linux-gnu/sane"
#elif defined(__aarch64__)
#define SF_BACKEND_DIR "/usr/lib/aarch64-linux-gnu/sane"
#else
#define SF_BACKEND_DIR "/usr/lib/arm-linux-gnueabihf/sane"
#endif

struct sane_fixture {
    char top[256]; /* removed by sf_fini() */
    char dir[512]; /* top/sane.d, the SANE_CONFIG_DIR */
};

/* Writes dir/name (dll.conf, test.conf, …); SANE reads them again at its
 * next sane_init(). */
static inline void sf_write(const struct sane_fixture *f, const char *name, const char *text)
{
    char path[600];
    th_write_file(f->dir, name, text, path, sizeof(path));
}

/* A fresh folder with dll.conf holding dll_conf ("test\n"), pointed at by
 * SANE_CONFIG_DIR, with libsane-BACKEND.so.1 of keep_loaded (may be NULL)
 * held in memory. 0, or -1 when the folder cannot be made. */
static inline int sf_init(struct sane_fixture *f, const char *dll_conf, const char *keep_loaded)
{
    if (keep_loaded) {
        char lib[256];
        snprintf(lib, sizeof(lib), SF_BACKEND_DIR "/libsane-%s.so.1", keep_loaded);
        dlopen(lib, RTLD_NOW | RTLD_NODELETE);
    }
    th_mkdtemp(f->top, sizeof(f->top));
    snprintf(f->dir, sizeof(f->dir), "%s/sane.d", f->top);
    if (mkdir(f->dir, 0700) != 0)
        return -1;
    sf_write(f, "dll.conf", dll_conf);
    /* Read by sane_init(): set before the first session. */
    setenv("SANE_CONFIG_DIR", f->dir, 1);
    return 0;
}

static inline void sf_fini(struct sane_fixture *f)
{
    unsetenv("SANE_CONFIG_DIR");
    th_rmtree(f->top);
}

#endif
