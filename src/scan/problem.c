/*
 * problem — the table of scan problems and their words; see problem.h.
 */
#include "scan/problem.h"

#include <errno.h>

struct entry {
    const char *name;
    int err;
    struct scan_problem_text text;
};

static const struct entry entries[SCAN_PROBLEM_COUNT] = {
    [SCAN_OK] = {"ok", 0, {"Pemindaian selesai.", "Scanning finished."}},
    [SCAN_PROBLEM_NO_SCANNER] = {"no_scanner",
                                 -ENODEV,
                                 {"Mohon maaf, pemindai belum siap. Mohon minta bantuan petugas.",
                                  "Sorry, the scanner is not ready. Please ask the staff for "
                                  "help."}},
    [SCAN_PROBLEM_UNPLUGGED] = {"unplugged",
                                -ENODEV,
                                {"Mohon maaf, sambungan pemindai terputus. Mohon minta bantuan "
                                 "petugas, lalu pindai ulang surat Bapak/Ibu.",
                                 "Sorry, the scanner was disconnected. Please ask the staff for "
                                 "help, then scan your letter again."}},
    [SCAN_PROBLEM_BUSY] = {"busy",
                           -EBUSY,
                           {"Pemindai sedang dipakai. Mohon tunggu sebentar, lalu coba lagi.",
                            "The scanner is in use. Please wait a moment and try again."}},
    [SCAN_PROBLEM_JAM] = {"jam",
                          -EIO,
                          {"Kertas tersangkut. Mohon buka penutup pemindai, ambil kertasnya "
                           "perlahan, lalu pindai ulang.",
                           "The paper is jammed. Please open the scanner cover, pull the paper "
                           "out gently, and scan again."}},
    [SCAN_PROBLEM_NO_PAPER] = {"no_paper",
                               -ENODATA,
                               {"Belum ada kertas di pemindai. Mohon letakkan surat Bapak/Ibu "
                                "di pemindai, lalu coba lagi.",
                                "There is no paper in the scanner. Please put your letter in "
                                "the scanner, then try again."}},
    [SCAN_PROBLEM_COVER_OPEN] = {"cover_open",
                                 -EIO,
                                 {"Penutup pemindai terbuka. Mohon tutup rapat, lalu coba lagi.",
                                  "The scanner cover is open. Please close it, then try again."}},
    [SCAN_PROBLEM_IO] = {"io_error",
                         -EIO,
                         {"Mohon maaf, pemindaian gagal. Mohon coba sekali lagi; bila masih "
                          "gagal, mohon minta bantuan petugas.",
                          "Sorry, the scan failed. Please try once more; if it fails again, "
                          "please ask the staff for help."}},
    [SCAN_PROBLEM_CANCELLED] = {"cancelled",
                                -ECANCELED,
                                {"Pemindaian dibatalkan. Tidak ada halaman yang disimpan.",
                                 "Scanning was cancelled. No page was kept."}},
    [SCAN_PROBLEM_BLANK] = {"blank",
                            -ENODATA,
                            {"Halaman tampak kosong. Mohon balik surat Bapak/Ibu agar sisi "
                             "bertulisan terbaca, lalu pindai ulang.",
                             "The page looks empty. Please turn your letter over so the written "
                             "side is scanned, then scan again."}},
    [SCAN_PROBLEM_TOO_MANY] = {"too_many_pages",
                               -EFBIG,
                               {"Surat terlalu banyak halaman untuk dipindai di sini. Mohon "
                                "serahkan surat Bapak/Ibu kepada petugas.",
                                "The letter has too many pages to scan here. Please hand your "
                                "letter to the staff."}},
    [SCAN_PROBLEM_UNSUPPORTED] = {"unsupported",
                                  -ENOTSUP,
                                  {"Mohon maaf, pemindai belum siap. Mohon minta bantuan petugas.",
                                   "Sorry, the scanner is not ready. Please ask the staff for "
                                   "help."}},
    [SCAN_PROBLEM_DENIED] = {"access_denied",
                             -EACCES,
                             {"Mohon maaf, pemindai belum siap. Mohon minta bantuan petugas.",
                              "Sorry, the scanner is not ready. Please ask the staff for "
                              "help."}},
    [SCAN_PROBLEM_FAILED] = {"failed",
                             -EIO,
                             {"Mohon maaf, pemindaian gagal. Mohon coba sekali lagi; bila masih "
                              "gagal, mohon minta bantuan petugas.",
                              "Sorry, the scan failed. Please try once more; if it fails again, "
                              "please ask the staff for help."}},
};

static const struct entry *entry_of(enum scan_problem problem)
{
    if ((int)problem < 0 || problem >= SCAN_PROBLEM_COUNT)
        return &entries[SCAN_PROBLEM_FAILED];
    return &entries[problem];
}

const struct scan_problem_text *scan_problem_text(enum scan_problem problem)
{
    return &entry_of(problem)->text;
}

const char *scan_problem_name(enum scan_problem problem)
{
    return entry_of(problem)->name;
}

int scan_problem_errno(enum scan_problem problem)
{
    return entry_of(problem)->err;
}
