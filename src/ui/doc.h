/*
 * doc — the office's texts for visitors (assets/office/service-info.LANG.txt)
 * as blocks a screen lays out: a title, section headings, paragraphs,
 * bullets and QR codes.
 *
 *   ; a comment            # Title            ## Section heading
 *   - a bullet             qr https://…       any other line: a paragraph
 *
 * The one idea: what an office tells its visitors is data that staff can
 * change without a new program; the format is small enough to edit in any
 * text editor and to fuzz.
 */
#ifndef SERAMBI_UI_DOC_H
#define SERAMBI_UI_DOC_H

#include <stddef.h>

#define UI_DOC_MAX_BYTES  65536
#define UI_DOC_MAX_BLOCKS 256

enum ui_block_kind {
    UI_BLOCK_TITLE,
    UI_BLOCK_HEADING,
    UI_BLOCK_PARAGRAPH,
    UI_BLOCK_BULLET,
    UI_BLOCK_QR
};

struct ui_block {
    enum ui_block_kind kind;
    const char *text; /* borrowed from the doc's storage */
};

struct ui_doc {
    char *storage; /* owned */
    struct ui_block blocks[UI_DOC_MAX_BLOCKS];
    size_t count;
};

/* Reads text[0..len). 0; -EFBIG over the limits; -EILSEQ when the text is
 * not printable UTF-8. *out is written only on success; ui_doc_fini(). */
int ui_doc_parse(const char *text, size_t len, struct ui_doc *out);
/* Reads and parses the file at path: 0, -errno of the read, or as above. */
int ui_doc_load(const char *path, struct ui_doc *out);
/* Frees the storage; safe on a zeroed struct and twice. */
void ui_doc_fini(struct ui_doc *doc);

#endif
