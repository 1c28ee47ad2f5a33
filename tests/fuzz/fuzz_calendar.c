/*
 * fuzz_calendar — holiday year files and the service rules file are edited
 * by staff by hand: arbitrary bytes must give an error with a line, never a
 * crash; a year file that loads must leave a calendar that due times can
 * be computed on.
 */
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/due.h"
#include "core/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct calendar *cal = NULL;
    struct cal_error err;
    if (cal_new(&cal) != 0)
        abort();
    if (cal_load_year(cal, (const char *)data, size, 0, &err) == 0) {
        struct rule r = {.kind = RULE_COMPLAINT_NORMATIVE, .amount = 5, .unit = RULE_WORKING_DAYS};
        struct due_result due;
        /* 2026-01-02 08:00 WIB */
        if (due_compute(cal, &r, INT64_C(1767315600000), &due) == 0 &&
            due.due_ms < INT64_C(1767315600000))
            abort();
    }
    cal_free(cal);

    struct rule_table table;
    struct ini_error ierr;
    (void)rule_table_parse((const char *)data, size, &table, &ierr);
    return 0;
}
