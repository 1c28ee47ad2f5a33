/*
 * job — what became of a submitted ticket: the job's state as the
 * scheduler tells it (Get-Job-Attributes), so that a ticket counts as
 * printed only once CUPS says its job completed, and completed well.
 *
 * The one idea: "completed" alone is not "printed". CUPS ends a job
 * completed whenever its backend exits without an error, and the ipp
 * backend does so even when the printer aborted the job or refused its
 * document; what the job really came to is in its job-state-reasons.
 */
#ifndef SERAMBI_PRINT_JOB_H
#define SERAMBI_PRINT_JOB_H

#include <stdbool.h>
#include <stdint.h>

/* The IPP job-state values the kiosk tells apart. */
enum print_job_state {
    PRINT_JOB_PENDING = 3,
    PRINT_JOB_HELD = 4,
    PRINT_JOB_PROCESSING = 5,
    PRINT_JOB_STOPPED = 6,
    PRINT_JOB_CANCELED = 7,
    PRINT_JOB_ABORTED = 8,
    PRINT_JOB_COMPLETED = 9,
};

struct print_job_info {
    enum print_job_state state;
    /* job-state-reasons says the job did not print as it should:
     * job-completed-with-errors, aborted-by-system,
     * job-canceled-at-device, unsupported-document-format or any
     * "*-error" (document-format-error, document-unprintable-error…) */
    bool failed;
    char failed_reason[48]; /* the first such keyword, for the log; "" */
    int impressions;        /* job-impressions-completed; -1 when not given */
    int64_t created_s;      /* time-at-creation (Unix seconds); 0 when not given */
};

/* Asks the scheduler `server` ("host:port"; NULL: cupsServer()) about job
 * job_id. 0 with *info; -ENOENT when the scheduler no longer knows the
 * job; -EHOSTUNREACH or -EIO. */
int print_job_query(const char *server, int job_id, struct print_job_info *info);

/* The same, only the state. */
int print_job_state(const char *server, int job_id, enum print_job_state *state);

/* Cancels job job_id, so that a job CUPS stopped cannot print later
 * beside the ticket submitted again. 0, -ENOENT, -EHOSTUNREACH or -EIO. */
int print_job_cancel(const char *server, int job_id);

/* Whether one job-state-reasons keyword says the job failed. */
bool print_job_reason_failed(const char *keyword);

/* Whether the job is over and its ticket is on paper: completed, and no
 * reason says it failed. */
bool print_job_printed(const struct print_job_info *info);

#endif
