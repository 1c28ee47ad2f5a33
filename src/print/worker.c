/*
 * worker — see worker.h. One thread, a FIFO of requests under a mutex.
 */
#include "print/worker.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "print/submit.h"

struct request {
    struct request *next;
    char *queue, *format, *options; /* owned */
    uint8_t *data;                  /* owned */
    size_t len;
    uint64_t tag;
};

struct print_worker {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct request *head, *tail; /* under lock */
    bool stopping;               /* under lock */
    char *server;                /* NULL: the default */
    print_done_fn done;
    void *ctx;
};

static void request_free(struct request *r)
{
    if (!r)
        return;
    free(r->queue);
    free(r->format);
    free(r->options);
    free(r->data);
    free(r);
}

static void run(struct print_worker *w, struct request *r)
{
    struct print_result res = {.tag = r->tag};
    res.rc = print_queue_query(w->server, r->queue, &res.info);
    res.have_info = res.rc == 0;
    /* Paper out or offline: submit anyway, CUPS holds the job. Only a
     * queue that refuses jobs (or is missing) is not tried. */
    if (res.rc == 0 && !res.info.accepting)
        res.rc = -EAGAIN;
    if (res.rc == 0)
        res.rc = print_submit(w->server, r->queue, "ticket", r->format, r->data, r->len, r->options,
                              &res.job_id);
    w->done(w->ctx, &res);
}

static void *loop(void *arg)
{
    struct print_worker *w = arg;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->head && !w->stopping)
            pthread_cond_wait(&w->wake, &w->lock);
        if (w->stopping)
            break;
        struct request *r = w->head;
        w->head = r->next;
        if (!w->head)
            w->tail = NULL;
        pthread_mutex_unlock(&w->lock);
        run(w, r);
        request_free(r);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

int print_worker_start(const char *server, print_done_fn done, void *ctx, struct print_worker **out)
{
    struct print_worker *w = calloc(1, sizeof(*w));
    int rc = -ENOMEM;
    if (!w)
        goto out;
    w->done = done;
    w->ctx = ctx;
    if (server && !(w->server = strdup(server)))
        goto out;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, loop, w) != 0) {
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        rc = -EAGAIN;
        goto out;
    }
    *out = w;
    w = NULL;
    rc = 0;
out:
    if (w) {
        free(w->server);
        free(w);
    }
    return rc;
}

int print_worker_submit(struct print_worker *w, const char *queue, const char *format,
                        uint8_t *data, size_t len, const char *options, uint64_t tag)
{
    if (!w || !queue || !format || !data)
        return -EINVAL;
    struct request *r = calloc(1, sizeof(*r));
    int rc = -ENOMEM;
    if (!r)
        goto out;
    r->queue = strdup(queue);
    r->format = strdup(format);
    r->options = strdup(options ? options : "");
    if (!r->queue || !r->format || !r->options)
        goto out;
    r->len = len;
    r->tag = tag;
    pthread_mutex_lock(&w->lock);
    if (w->stopping) {
        pthread_mutex_unlock(&w->lock);
        rc = -ESHUTDOWN;
        goto out;
    }
    r->data = data; /* ours from here on */
    if (w->tail)
        w->tail->next = r;
    else
        w->head = r;
    w->tail = r;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    return 0;
out:
    request_free(r);
    return rc;
}

void print_worker_stop(struct print_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    for (struct request *r = w->head, *next; r; r = next) {
        next = r->next;
        request_free(r);
    }
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w->server);
    free(w);
}
