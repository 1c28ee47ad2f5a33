/*
 * helpers — see helpers.h.
 */
#include "helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void die(const char *what)
{
    fprintf(stderr, "test helper: %s: %s\n", what, strerror(errno));
    abort();
}

void th_mkdtemp(char *dir, size_t cap)
{
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(dir, cap, "%s/serambi-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (n < 0 || (size_t)n >= cap)
        die("temporary path too long");
    if (!mkdtemp(dir))
        die("mkdtemp");
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void th_rmtree(const char *dir)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void th_write_file(const char *dir, const char *name, const char *text, char *path, size_t cap)
{
    int n = snprintf(path, cap, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= cap)
        die("path too long");
    FILE *f = fopen(path, "w");
    if (!f)
        die(path);
    if (fputs(text, f) == EOF || fclose(f) != 0)
        die(path);
}

char *th_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

const char *th_serambi_bin(void)
{
    const char *p = getenv("SERAMBI_BIN");
    return p && *p ? p : "build/release/bin/serambi";
}

const char *th_assets_dir(void)
{
    const char *p = getenv("SERAMBI_ASSETS");
    return p && *p ? p : "assets";
}

const char *th_sane_cancel_lib(void)
{
    static char path[4096];
    const char *build = getenv("SERAMBI_BUILD");
    snprintf(path, sizeof(path), "%s/tests/libdeferred-cancel.so",
             build && *build ? build : "build/release");
    return path;
}

void th_sane_cancel_env(const char *first)
{
    char value[8192];
    const char *lib = th_sane_cancel_lib();
    if (access(lib, R_OK) != 0) {
        fprintf(stderr, "%s is missing: run the tests through make\n", lib);
        exit(1);
    }
    snprintf(value, sizeof(value), "%s%s%s", first ? first : "", first ? ":" : "", lib);
    setenv("LD_PRELOAD", value, 1);
    /* ASan wants its runtime first; the library only forwards a call. */
    const char *opts = getenv("ASAN_OPTIONS");
    if (!opts || !strstr(opts, "verify_asan_link_order=0")) {
        snprintf(value, sizeof(value), "%s%sverify_asan_link_order=0", opts ? opts : "",
                 opts && *opts ? ":" : "");
        setenv("ASAN_OPTIONS", value, 1);
    }
}

void th_sane_cancel_reexec(char **argv)
{
    const char *preload = getenv("LD_PRELOAD");
    if (preload && strstr(preload, "libdeferred-cancel.so"))
        return;
    th_sane_cancel_env(preload && *preload ? preload : NULL);
    execv("/proc/self/exe", argv);
    fprintf(stderr, "cannot run again with %s: %s\n", th_sane_cancel_lib(), strerror(errno));
    exit(1);
}

struct sink {
    char *buf;
    size_t n, cap;
};

static void sink_add(struct sink *s, const char *data, size_t len)
{
    if (s->n + len + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 1024;
        while (s->n + len + 1 > cap)
            cap *= 2;
        char *b = realloc(s->buf, cap);
        if (!b)
            die("realloc");
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->n, data, len);
    s->n += len;
    s->buf[s->n] = '\0';
}

void th_run(char *const argv[], struct th_run *r)
{
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) || pipe(err_pipe))
        die("pipe");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err_pipe[1], 2);
    posix_spawn_file_actions_addclose(&fa, out_pipe[0]);
    posix_spawn_file_actions_addclose(&fa, err_pipe[0]);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        errno = rc;
        die(argv[0]);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);

    struct sink out = {0}, err = {0};
    sink_add(&out, "", 0);
    sink_add(&err, "", 0);
    struct pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    int open_fds = 2;
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            die("poll");
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buf[4096];
            ssize_t got = read(fds[i].fd, buf, sizeof(buf));
            if (got > 0) {
                sink_add(i == 0 ? &out : &err, buf, (size_t)got);
            } else {
                close(fds[i].fd);
                fds[i].fd = -1;
                open_fds--;
            }
        }
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            die("waitpid");
    r->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r->out = out.buf;
    r->err = err.buf;
}

void th_run_fini(struct th_run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}
