/*
 * cmd_sync — `serambi enroll CODE` (a technician provisions the kiosk with
 * the code from `serambi-hub enroll`; run again after a failure, it repeats
 * the same request, so an answer lost on the way costs nothing) and
 * `serambi sync [--once]` (runs the sync worker in the foreground: one
 * round, or until SIGTERM). The kiosk itself runs the same worker in the
 * background (cmd_kiosk).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/commands.h"
#include "kiosk/office.h"
#include "sync/client.h"
#include "sync/worker.h"

int cmd_sync_worker_config(const struct kiosk_config *cfg, const char *code,
                           struct sync_worker_config *out)
{
    memset(out, 0, sizeof(*out));
    sync_worker_defaults(out);
    if (!cfg->hub_url[0]) {
        fprintf(stderr, "serambi: hub_url is not set in the configuration (docs/config.md)\n");
        return -EINVAL;
    }
    const char *dir = cfg->data_dir;
    const char *sep = dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/";
    if (config_db_path(cfg, out->db_path, sizeof(out->db_path)) < 0 ||
        office_published_dir(cfg, out->documents_dir, sizeof(out->documents_dir)) < 0 ||
        (size_t)snprintf(out->token_path, sizeof(out->token_path), "%s%shub-token", dir, sep) >=
            sizeof(out->token_path)) {
        fprintf(stderr, "serambi: data_dir is too long\n");
        return -ENAMETOOLONG;
    }
    snprintf(out->hub_url, sizeof(out->hub_url), "%s", cfg->hub_url);
    snprintf(out->enrollment_code, sizeof(out->enrollment_code), "%s", code);
    out->retention_days = cfg->retention_days;
    out->upload_chunk_bytes = cfg->sync_chunk_kib * 1024;
    return 0;
}

int cmd_enroll(const struct kiosk_config *cfg, int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: serambi enroll CODE\n", stderr);
        return EXIT_USAGE;
    }
    struct sync_worker_config wc;
    if (cmd_sync_worker_config(cfg, argv[1], &wc) < 0)
        return 1;
    struct sync_error err = {0};
    char token[SYNC_TOKEN_SIZE];
    int rc = sync_worker_enroll(&wc, token, &err);
    if (rc < 0) {
        fprintf(stderr, "serambi: enrollment failed: %s%s\n",
                err.message[0] ? err.message : strerror(-rc),
                rc == -EACCES ? "" : "; run the same command again (the code is not lost)");
        return 1;
    }
    printf("enrolled; the token is in %s\n", wc.token_path);
    return 0;
}

int cmd_sync(const struct kiosk_config *cfg, int argc, char **argv)
{
    bool once = argc == 2 && strcmp(argv[1], "--once") == 0;
    if (argc > 2 || (argc == 2 && !once)) {
        fputs("usage: serambi sync [--once]\n", stderr);
        return EXIT_USAGE;
    }
    struct sync_worker_config wc;
    if (cmd_sync_worker_config(cfg, cfg->enrollment_code, &wc) < 0)
        return 1;
    if (once) {
        struct sync_worker_state state = {0};
        int retry = 0;
        int rc = sync_round(&wc, &state, &retry);
        printf("pushed %lld rows, applied %lld staff updates, wrote %lld office documents\n",
               (long long)state.pushed, (long long)state.pulled, (long long)state.documents);
        if (rc < 0)
            fprintf(stderr, "serambi: sync: %s\n", state.last_error);
        return rc < 0 ? 1 : 0;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    struct sync_worker *w = NULL;
    if (sync_worker_start(&wc, &w) < 0) {
        fputs("serambi: cannot start the sync worker\n", stderr);
        return 1;
    }
    int sig = 0;
    sigwait(&stop, &sig);
    sync_worker_stop(w);
    return 0;
}
