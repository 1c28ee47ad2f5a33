/*
 * cmd_due — `serambi due KIND [--from YYYY-MM-DDTHH:MM]`: the due time a
 * service rule gives, in office time, so that staff and technicians can
 * check the calendar and the rules file before a visitor's receipt does.
 * Without KIND it lists the rules. A year without a holiday file is a
 * warning on stderr, never a silent guess.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/civil.h"
#include "kiosk/commands.h"
#include "kiosk/office.h"

static void usage(FILE *out)
{
    fputs("usage: serambi due [KIND [--from YYYY-MM-DDTHH:MM]]\n"
          "\n"
          "Prints when a rule of the service standard falls due for something\n"
          "received at the given office time (default: now). Without KIND, lists\n"
          "the rules. The counting rules are in docs/service-rules.md.\n",
          out);
}

static void list_kinds(FILE *out)
{
    for (int k = 0; k < RULE_KIND_COUNT; k++)
        fprintf(out, "%s%s", k ? ", " : "", rule_kind_name((enum rule_kind)k));
}

static const char *weekday_abbr(int64_t day)
{
    static const char *const names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return names[civil_weekday(day)];
}

/* "Tue 2026-03-17 15:55 WIB" */
static void print_time(FILE *out, const char *what, int64_t local_min, const char *zone)
{
    char text[32];
    if (civil_format_local(local_min, text, sizeof(text)) < 0)
        snprintf(text, sizeof(text), "?");
    int64_t day = local_min / CIVIL_MIN_PER_DAY;
    fprintf(out, "%-5s %s %s %s\n", what, weekday_abbr(day), text, zone);
}

static void print_rules(const struct office *o)
{
    printf("%-26s %6s  %-16s %s\n", "KIND", "AMOUNT", "UNIT", "LABEL");
    for (int k = 0; k < RULE_KIND_COUNT; k++) {
        const struct rule *r = rule_table_get(&o->rules, (enum rule_kind)k);
        printf("%-26s %6d  %-16s %s / %s\n", rule_kind_name(r->kind), r->amount,
               rule_unit_name(r->unit), r->label_id, r->label_en);
    }
    printf("\nholiday calendars:");
    size_t years = cal_year_count(o->cal);
    for (size_t i = 0; i < years; i++)
        printf(" %d", cal_year_at(o->cal, i));
    printf("%s\n", years ? "" : " none");
    printf("\nserambi due KIND [--from YYYY-MM-DDTHH:MM] gives the due time of one rule.\n");
}

static void warn_unknown_years(const struct kiosk_config *cfg, const struct due_result *r)
{
    for (int i = 0; i < r->unknown_year_count; i++) {
        int y = r->unknown_years[i];
        fprintf(stderr,
                "serambi due: warning: there is no holiday calendar for %d, so only weekends "
                "(the weekly closed days) were counted as closed in %d and the due time may be "
                "too early. Staff should publish the %d calendar on the hub (serambi-hub publish "
                "calendar/%d.txt FILE) or add %s/calendar/%d.txt.\n",
                y, y, y, y, cfg->assets_dir, y);
    }
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int cmd_due(const struct kiosk_config *cfg, int argc, char **argv)
{
    const char *kind_text = NULL, *from_text = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--from") == 0) {
            if (i + 1 >= argc) {
                fputs("serambi due: --from needs a time, YYYY-MM-DDTHH:MM\n", stderr);
                return EXIT_USAGE;
            }
            from_text = argv[++i];
        } else if (strncmp(a, "--from=", 7) == 0) {
            from_text = a + 7;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-') {
            fprintf(stderr, "serambi due: unknown option '%s'\n\n", a);
            usage(stderr);
            return EXIT_USAGE;
        } else if (!kind_text) {
            kind_text = a;
        } else {
            fprintf(stderr, "serambi due: one kind at a time ('%s' is extra)\n\n", a);
            usage(stderr);
            return EXIT_USAGE;
        }
    }

    const char *zone = config_zone_abbrev(cfg);
    enum rule_kind kind = RULE_ADMIN_HANDLING;
    if (kind_text && rule_kind_parse(kind_text, &kind) < 0) {
        fprintf(stderr, "serambi due: unknown kind '%s'; the kinds are: ", kind_text);
        list_kinds(stderr);
        fputs("\n", stderr);
        return EXIT_USAGE;
    }
    if (from_text && !kind_text) {
        fputs("serambi due: --from needs a KIND to compute\n\n", stderr);
        usage(stderr);
        return EXIT_USAGE;
    }
    int64_t from_local = 0;
    if (from_text && civil_parse_local_minutes(from_text, &from_local) < 0) {
        fprintf(stderr,
                "serambi due: '%s' is not a time: expected YYYY-MM-DDTHH:MM in office time "
                "(%s), for example 2026-03-17T15:55\n",
                from_text, zone);
        return EXIT_USAGE;
    }

    struct office office;
    char err[1024];
    if (office_load(cfg, &office, err, sizeof(err)) < 0) {
        fprintf(stderr, "serambi due: %s\n", err);
        return 1;
    }
    int status = 0;
    if (office.warning[0])
        fprintf(stderr, "serambi due: warning: %s\n", office.warning);

    if (!kind_text) {
        print_rules(&office);
        goto out;
    }

    int offset = cal_utc_offset(office.cal);
    int64_t from_ms = from_text ? civil_utc_ms(from_local, offset) : now_ms();
    struct due_result r;
    int rc = office_due(&office, kind, from_ms, &r);
    if (rc == -ERANGE) {
        fprintf(stderr,
                "serambi due: no due time for %s: the office has no working time within %d days "
                "of that time (check the office hours in the configuration), or the time is out "
                "of range\n",
                kind_text, DUE_MAX_SPAN_DAYS);
        status = 1;
        goto out;
    } else if (rc < 0) {
        fprintf(stderr, "serambi due: no due time for %s: %s\n", kind_text, strerror(-rc));
        status = 1;
        goto out;
    }
    const struct rule *rule = rule_table_get(&office.rules, kind);
    printf("%s: %s (%s), %d %s\n", rule_kind_name(kind), rule->label_id, rule->label_en,
           rule->amount, rule_unit_name(rule->unit));
    print_time(stdout, "from:", civil_local_minutes(from_ms, offset), zone);
    print_time(stdout, "due:", civil_local_minutes(r.due_ms, offset), zone);
    warn_unknown_years(cfg, &r);
out:
    office_fini(&office);
    return status;
}
