/*
 * job — what became of a submitted ticket: the job's state as the
 * scheduler tells it (Get-Job-Attributes), so that a ticket counts as
 * printed only once CUPS says its job completed.
 */
#ifndef SERAMBI_PRINT_JOB_H
#define SERAMBI_PRINT_JOB_H

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

/* Asks the scheduler `server` ("host:port"; NULL: cupsServer()) about job
 * job_id. 0 with *state; -ENOENT when the scheduler no longer knows the
 * job; -EHOSTUNREACH or -EIO. */
int print_job_state(const char *server, int job_id, enum print_job_state *state);

#endif
