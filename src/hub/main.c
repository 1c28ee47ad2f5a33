/*
 * main — the serambi-hub program: serves the sync API and the public
 * status page, or runs one of the administrator's commands on its store.
 *
 *   serambi-hub [--config FILE] [--listen ADDR] [--db URL] [COMMAND [ARGS]]
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/officedoc.h"
#include "hub/auth.h"
#include "hub/config.h"
#include "hub/db.h"
#include "hub/server.h"

#define EXIT_USAGE 2

static void usage(FILE *out)
{
    fputs("usage: serambi-hub [--config FILE] [--listen ADDR] [--db URL] [COMMAND [ARGS]]\n"
          "\n"
          "Without a command, serves the hub until SIGTERM or SIGINT.\n"
          "\n"
          "commands:\n"
          "  enroll --name NAME     prints a one-time enrollment code for a new kiosk\n"
          "  revoke NAME            revokes a kiosk's code and token\n"
          "  publish NAME FILE      publishes an office document for every kiosk, e.g.\n"
          "                         calendar/2027.txt; prints its cursor\n"
          "  decide RECORD_ID --status STATUS [--schedule TEXT] [--answer TEXT]\n"
          "         [--class CLASS] [--due-ms MS]\n"
          "                         records a staff decision (until the staff portal)\n"
          "\n"
          "ADDR is ADDRESS:PORT (\"127.0.0.1:8080\", \"[::1]:8080\"); URL is sqlite:PATH.\n"
          "The configuration is " HUB_CONFIG_DEFAULT_PATH " unless --config names another\n"
          "file; docs/hub-config.md lists every key.\n",
          out);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int open_db(const struct hub_config *cfg, struct hub_db **db)
{
    char err[512];
    int rc = hub_db_open(cfg->db_url, db, err, sizeof(err));
    if (rc < 0)
        fprintf(stderr, "serambi-hub: error: store: %s\n", err);
    return rc;
}

static int cmd_enroll(const struct hub_config *cfg, int argc, char **argv)
{
    if (argc != 3 || strcmp(argv[1], "--name") != 0 || !argv[2][0] ||
        strlen(argv[2]) >= HUB_NAME_SIZE) {
        fprintf(stderr, "serambi-hub: usage: enroll --name NAME (up to %d bytes)\n",
                HUB_NAME_SIZE - 1);
        return EXIT_USAGE;
    }
    struct hub_db *db = NULL;
    if (open_db(cfg, &db) < 0)
        return 1;
    char code[HUB_CODE_SIZE], hash[HUB_HASH_HEX];
    hub_auth_new_code(code);
    hub_auth_hash_code(code, hash);
    int rc = hub_db_kiosk_add(db, argv[2], hash, now_ms());
    if (rc == -EEXIST)
        fprintf(stderr, "serambi-hub: error: a kiosk named '%s' is enrolled; revoke it first\n",
                argv[2]);
    else if (rc < 0)
        fprintf(stderr, "serambi-hub: error: store: %s\n", hub_db_last_error(db));
    else
        printf("%s\n", code);
    hub_db_close(db);
    return rc < 0 ? 1 : 0;
}

static int cmd_revoke(const struct hub_config *cfg, int argc, char **argv)
{
    if (argc != 2) {
        fputs("serambi-hub: usage: revoke NAME\n", stderr);
        return EXIT_USAGE;
    }
    struct hub_db *db = NULL;
    if (open_db(cfg, &db) < 0)
        return 1;
    int rc = hub_db_kiosk_revoke(db, argv[1], now_ms());
    if (rc == -ENOENT)
        fprintf(stderr, "serambi-hub: error: no enrolled kiosk named '%s'\n", argv[1]);
    else if (rc < 0)
        fprintf(stderr, "serambi-hub: error: store: %s\n", hub_db_last_error(db));
    hub_db_close(db);
    return rc < 0 ? 1 : 0;
}

/* Reads a whole file of at most OFFICEDOC_MAX_BYTES (one more tells the
 * check that it is too large). *text is NUL-terminated; the caller frees it. */
static int read_document(const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        fprintf(stderr, "serambi-hub: error: cannot read %s: %s\n", path, strerror(e));
        return -e;
    }
    char *buf = malloc(OFFICEDOC_MAX_BYTES + 2);
    size_t n = buf ? fread(buf, 1, OFFICEDOC_MAX_BYTES + 1, f) : 0;
    int rc = !buf ? -ENOMEM : ferror(f) ? -EIO : 0;
    fclose(f);
    if (rc < 0) {
        fprintf(stderr, "serambi-hub: error: cannot read %s: %s\n", path, strerror(-rc));
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

static int cmd_publish(const struct hub_config *cfg, int argc, char **argv)
{
    if (argc != 3) {
        fputs("serambi-hub: usage: publish NAME FILE (NAME: calendar/YYYY.txt, "
              "office/service-rules.conf, office/service-info.id.txt or "
              "office/service-info.en.txt)\n",
              stderr);
        return EXIT_USAGE;
    }
    char *text = NULL;
    size_t len = 0;
    char err[512];
    if (read_document(argv[2], &text, &len) < 0)
        return 1;
    /* Checked before the store is opened: a broken file changes nothing. */
    int rc = officedoc_check(argv[1], text, len, err, sizeof(err));
    if (rc < 0) {
        fprintf(stderr, "serambi-hub: error: %s; nothing was published\n", err);
        free(text);
        return 1;
    }
    struct hub_db *db = NULL;
    int64_t cursor = 0;
    rc = open_db(cfg, &db);
    if (rc == 0)
        rc = hub_db_publish(db, argv[1], text, len, now_ms(), &cursor);
    if (rc < 0 && db)
        fprintf(stderr, "serambi-hub: error: store: %s\n", hub_db_last_error(db));
    else if (rc == 0)
        printf("%lld\n", (long long)cursor);
    hub_db_close(db);
    free(text);
    return rc < 0 ? 1 : 0;
}

static int set_text(char *dst, size_t cap, const char *value, const char *opt)
{
    if (strlen(value) >= cap) {
        fprintf(stderr, "serambi-hub: %s is longer than %zu bytes\n", opt, cap - 1);
        return -EINVAL;
    }
    memcpy(dst, value, strlen(value) + 1);
    return 0;
}

static int cmd_decide(const struct hub_config *cfg, int argc, char **argv)
{
    struct hub_decision d = {.decided_ms = now_ms()};
    if (argc < 2 || set_text(d.record_id, sizeof(d.record_id), argv[1], "RECORD_ID") < 0)
        goto usage;
    for (int i = 2; i < argc; i += 2) {
        if (i + 1 >= argc)
            goto usage;
        const char *opt = argv[i], *v = argv[i + 1];
        int rc = 0;
        enum rec_status st;
        enum rec_complaint_class cls;
        if (strcmp(opt, "--status") == 0)
            rc = rec_status_parse(v, &st) < 0 ? -EINVAL
                                              : set_text(d.status, sizeof(d.status), v, opt);
        else if (strcmp(opt, "--schedule") == 0)
            rc = set_text(d.schedule, sizeof(d.schedule), v, opt);
        else if (strcmp(opt, "--answer") == 0)
            rc = set_text(d.answer, sizeof(d.answer), v, opt);
        else if (strcmp(opt, "--class") == 0)
            rc = rec_class_parse(v, &cls) < 0 ? -EINVAL : set_text(d.cls, sizeof(d.cls), v, opt);
        else if (strcmp(opt, "--due-ms") == 0)
            d.due_ms = strtoll(v, NULL, 10);
        else
            rc = -EINVAL;
        if (rc < 0)
            goto usage;
    }
    if (!d.status[0])
        goto usage;
    struct hub_db *db = NULL;
    if (open_db(cfg, &db) < 0)
        return 1;
    int rc = hub_db_decide(db, &d);
    if (rc == -ENOENT)
        fprintf(stderr, "serambi-hub: error: no record %s on this hub\n", d.record_id);
    else if (rc < 0)
        fprintf(stderr, "serambi-hub: error: store: %s\n", hub_db_last_error(db));
    hub_db_close(db);
    return rc < 0 ? 1 : 0;
usage:
    fputs("serambi-hub: usage: decide RECORD_ID --status STATUS [--schedule TEXT] [--answer TEXT] "
          "[--class CLASS] [--due-ms MS]\n",
          stderr);
    return EXIT_USAGE;
}

static int serve(const struct hub_config *cfg)
{
    /* Block the stop signals before any thread starts, so that every
     * thread inherits the mask and sigwait() below receives them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct hub_server *srv = NULL;
    char err[512];
    int rc = hub_server_start(cfg, &srv, err, sizeof(err));
    if (rc < 0) {
        fprintf(stderr, "serambi-hub: error: %s\n", err);
        return 1;
    }
    fprintf(stderr, "serambi-hub: info: listening on port %d (%s, %s)\n", hub_server_port(srv),
            cfg->tls_cert[0] ? "https" : "http",
            strncmp(cfg->db_url, "sqlite:", 7) == 0 ? "sqlite" : "postgresql");
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "serambi-hub: info: stopping (signal %d)\n", sig);
    hub_server_stop(srv);
    return 0;
}

int main(int argc, char **argv)
{
    const char *config_path = NULL, *listen = NULL, *db = NULL;
    int i = 1;
    while (i < argc && strncmp(argv[i], "--", 2) == 0) {
        const char *opt = argv[i];
        if (strcmp(opt, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "serambi-hub: option '%s' needs a value\n\n", opt);
            usage(stderr);
            return EXIT_USAGE;
        }
        if (strcmp(opt, "--config") == 0)
            config_path = argv[i + 1];
        else if (strcmp(opt, "--listen") == 0)
            listen = argv[i + 1];
        else if (strcmp(opt, "--db") == 0)
            db = argv[i + 1];
        else {
            fprintf(stderr, "serambi-hub: unknown option '%s'\n\n", opt);
            usage(stderr);
            return EXIT_USAGE;
        }
        i += 2;
    }
    static struct hub_config cfg;
    char err[512];
    if (hub_config_load(&cfg, config_path, err, sizeof(err)) < 0) {
        fprintf(stderr, "serambi-hub: error: %s\n", err);
        return 1;
    }
    if ((listen &&
         snprintf(cfg.listen, sizeof(cfg.listen), "%s", listen) >= (int)sizeof(cfg.listen)) ||
        (db && snprintf(cfg.db_url, sizeof(cfg.db_url), "%s", db) >= (int)sizeof(cfg.db_url))) {
        fputs("serambi-hub: error: --listen or --db is too long\n", stderr);
        return EXIT_USAGE;
    }
    if (hub_auth_init() < 0) {
        fputs("serambi-hub: error: cannot initialise libsodium\n", stderr);
        return 1;
    }
    if (i >= argc)
        return serve(&cfg);
    const char *cmd = argv[i];
    if (strcmp(cmd, "enroll") == 0)
        return cmd_enroll(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "revoke") == 0)
        return cmd_revoke(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "decide") == 0)
        return cmd_decide(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "publish") == 0)
        return cmd_publish(&cfg, argc - i, argv + i);
    if (strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "serambi-hub: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return EXIT_USAGE;
}
