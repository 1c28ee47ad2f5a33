/*
 * test_ui_doc — the office texts for visitors: each kind of line becomes
 * its block, paragraph lines run on, comments and blank lines end a
 * paragraph, CR LF files read the same, and bad input is refused whole.
 * The shipped files parse, and name SP4N-LAPOR!'s QR code.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../helpers.h"
#include "ui/doc.h"

static void kinds_and_paragraphs(void **state)
{
    (void)state;
    const char *text = "; comment\n# Title\nfirst line\nsecond line\n; ends it\nthird\n\n"
                       "## Heading\n- bullet one\r\n- bullet two\r\nrun\r\non\r\nqr https://x.id\n";
    struct ui_doc doc;
    assert_int_equal(ui_doc_parse(text, strlen(text), &doc), 0);
    assert_int_equal(doc.count, 8);
    assert_int_equal(doc.blocks[0].kind, UI_BLOCK_TITLE);
    assert_string_equal(doc.blocks[0].text, "Title");
    assert_int_equal(doc.blocks[1].kind, UI_BLOCK_PARAGRAPH);
    assert_string_equal(doc.blocks[1].text, "first line second line");
    assert_string_equal(doc.blocks[2].text, "third");
    assert_int_equal(doc.blocks[3].kind, UI_BLOCK_HEADING);
    assert_string_equal(doc.blocks[3].text, "Heading");
    assert_int_equal(doc.blocks[4].kind, UI_BLOCK_BULLET);
    assert_string_equal(doc.blocks[5].text, "bullet two");
    assert_string_equal(doc.blocks[6].text, "run  on"); /* CR LF: two spaces */
    assert_int_equal(doc.blocks[7].kind, UI_BLOCK_QR);
    assert_string_equal(doc.blocks[7].text, "https://x.id");
    ui_doc_fini(&doc);
    ui_doc_fini(&doc);
}

static void bad_input_is_refused(void **state)
{
    (void)state;
    struct ui_doc doc = {0};
    assert_int_equal(ui_doc_parse("a\0b", 3, &doc), -EILSEQ);
    assert_int_equal(ui_doc_parse("bad \xff byte", 10, &doc), -EILSEQ);
    assert_int_equal(ui_doc_parse("tab\there", 8, &doc), -EILSEQ);
    static char many[UI_DOC_MAX_BLOCKS * 4 + 8];
    size_t n = 0;
    for (int i = 0; i <= UI_DOC_MAX_BLOCKS; i++) {
        memcpy(many + n, "- x\n", 4);
        n += 4;
    }
    assert_int_equal(ui_doc_parse(many, n, &doc), -EFBIG);
    assert_null(doc.storage);
    assert_int_equal(ui_doc_load("/nonexistent/service-info.id.txt", &doc), -ENOENT);
}

static void shipped_texts_parse(void **state)
{
    (void)state;
    static const char *const langs[] = {"id", "en"};
    for (int i = 0; i < 2; i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/office/service-info.%s.txt", th_assets_dir(), langs[i]);
        struct ui_doc doc;
        assert_int_equal(ui_doc_load(path, &doc), 0);
        assert_int_equal(doc.blocks[0].kind, UI_BLOCK_TITLE);
        bool lapor = false;
        for (size_t b = 0; b < doc.count; b++)
            lapor |= doc.blocks[b].kind == UI_BLOCK_QR &&
                     strcmp(doc.blocks[b].text, "https://www.lapor.go.id") == 0;
        assert_true(lapor);
        ui_doc_fini(&doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds_and_paragraphs),
        cmocka_unit_test(bad_input_is_refused),
        cmocka_unit_test(shipped_texts_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
