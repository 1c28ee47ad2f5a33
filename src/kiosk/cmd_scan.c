/*
 * cmd_scan — `serambi scan [--device NAME] [--source flatbed|adf]
 * [--mode lineart|gray|color] [--resolution DPI] --out FILE.pdf`: a
 * technician's test scan through the same pipeline the visitor's letter
 * takes (SANE session, blank pages dropped, G4 or JPEG pages, one PDF).
 *
 * It prints the same words the visitor would see, then what a technician
 * may read (device, SANE's status). The PDF is written to a temporary
 * file beside FILE and renamed only when complete, so a failed scan never
 * leaves a half file; exit 0 means a valid PDF is at FILE.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/cli.h"
#include "kiosk/commands.h"
#include "scan/blank.h"
#include "scan/pdf.h"
#include "scan/session.h"

#define DEFAULT_RESOLUTION_DPI 200

static void usage(FILE *out)
{
    fputs("usage: serambi scan [--device NAME] [--source flatbed|adf]\n"
          "                    [--mode lineart|gray|color] [--resolution DPI] --out FILE.pdf\n"
          "\n"
          "Scans a test letter and writes it as FILE.pdf. Without --device, the\n"
          "configured scanner_device, else the first scanner SANE finds, is used.\n"
          "Defaults: flatbed, gray, 200 dpi; scan_max_pages and scan_jpeg_quality\n"
          "come from the configuration.\n",
          out);
}

struct collect {
    struct scan_pdf *pdf;
    int scanned;
    int blank;
};

static int on_page(void *ctx, struct scan_image *page)
{
    struct collect *c = ctx;
    int rc = 0;
    c->scanned++;
    if (scan_blank_is_blank(page))
        c->blank++;
    else
        rc = scan_pdf_add_page(c->pdf, page);
    scan_image_free(page);
    return rc;
}

static int write_file(const char *path, const uint8_t *data, size_t len)
{
    char tmp[4096];
    int n = snprintf(tmp, sizeof(tmp), "%s.partial", path);
    if (n < 0 || (size_t)n >= sizeof(tmp))
        return -ENAMETOOLONG;
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return -errno;
    int rc = 0;
    if (fwrite(data, 1, len, f) != len || fflush(f) != 0 || fsync(fileno(f)) != 0)
        rc = -EIO;
    if (fclose(f) != 0 && rc == 0)
        rc = -EIO;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -errno;
    if (rc < 0)
        unlink(tmp);
    return rc;
}

static void say_problem(enum scan_problem problem, const char *detail)
{
    const struct scan_problem_text *t = scan_problem_text(problem);
    fprintf(stderr, "serambi scan: %s\n  %s\n", t->id, t->en);
    fprintf(stderr, "  (technician: %s%s%s)\n", scan_problem_name(problem),
            detail && detail[0] ? ": " : "", detail ? detail : "");
}

int cmd_scan(const struct kiosk_config *cfg, int argc, char **argv)
{
    struct scan_options opt = {
        .device = cfg->scanner_device,
        .source = SCAN_SOURCE_FLATBED,
        .mode = SCAN_MODE_GRAY,
        .resolution_dpi = DEFAULT_RESOLUTION_DPI,
        .max_pages = cfg->scan_max_pages,
    };
    const char *out_path = NULL;
    struct scan_session *session = NULL;
    struct collect c = {0};
    uint8_t *pdf = NULL;
    size_t len = 0;
    int status = 1;
    int i = 1;

    while (i < argc) {
        const char *v;
        if ((v = cli_option_value("--device", argc, argv, &i))) {
            opt.device = v;
        } else if ((v = cli_option_value("--source", argc, argv, &i))) {
            if (scan_source_parse(v, &opt.source) < 0) {
                fprintf(stderr, "serambi scan: unknown source '%s' (flatbed or adf)\n", v);
                return EXIT_USAGE;
            }
        } else if ((v = cli_option_value("--mode", argc, argv, &i))) {
            if (scan_mode_parse(v, &opt.mode) < 0) {
                fprintf(stderr, "serambi scan: unknown mode '%s' (lineart, gray, color)\n", v);
                return EXIT_USAGE;
            }
        } else if ((v = cli_option_value("--resolution", argc, argv, &i))) {
            char *end = NULL;
            long dpi = strtol(v, &end, 10);
            if (!*v || *end || dpi < 50 || dpi > 1200) {
                fprintf(stderr, "serambi scan: resolution '%s' is not 50..1200 dpi\n", v);
                return EXIT_USAGE;
            }
            opt.resolution_dpi = (int)dpi;
        } else if ((v = cli_option_value("--out", argc, argv, &i))) {
            out_path = v;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "serambi scan: unexpected argument '%s'\n\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (!out_path) {
        fputs("serambi scan: --out FILE.pdf is needed\n\n", stderr);
        usage(stderr);
        return EXIT_USAGE;
    }

    struct scan_pdf_info info = {
        .title = "Pindaian uji / test scan",
        .tracking_code = NULL,
        .created_ms = (int64_t)time(NULL) * 1000,
        .utc_offset_min = cfg->utc_offset_min,
    };
    int rc = scan_pdf_new(&info, cfg->scan_jpeg_quality, &c.pdf);
    if (rc < 0) {
        fprintf(stderr, "serambi scan: cannot start a PDF: %s\n", strerror(-rc));
        goto out;
    }
    rc = scan_session_new(&session);
    if (rc < 0) {
        say_problem(SCAN_PROBLEM_NO_SCANNER, "SANE did not start");
        goto out;
    }
    rc = scan_session_run(session, &opt, on_page, &c);
    if (rc < 0) {
        say_problem(scan_session_problem(session), scan_session_detail(session));
        goto out;
    }
    if (scan_pdf_page_count(c.pdf) == 0) {
        say_problem(SCAN_PROBLEM_BLANK, "every page was blank");
        goto out;
    }
    rc = scan_pdf_finish(c.pdf, &pdf, &len);
    if (rc < 0) {
        fprintf(stderr, "serambi scan: cannot make the PDF: %s\n", strerror(-rc));
        goto out;
    }
    rc = write_file(out_path, pdf, len);
    if (rc < 0) {
        fprintf(stderr, "serambi scan: cannot write %s: %s\n", out_path, strerror(-rc));
        goto out;
    }
    printf("%s: %d page(s) from %s, %d blank page(s) dropped, %zu bytes\n", out_path,
           scan_pdf_page_count(c.pdf), scan_session_detail(session), c.blank, len);
    status = 0;
out:
    free(pdf);
    scan_pdf_free(c.pdf);
    scan_session_free(session);
    return status;
}
