/*
 * doc — office texts for visitors; see doc.h.
 */
#include "ui/doc.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int ui_doc_parse(const char *text, size_t len, struct ui_doc *out)
{
    int rc = 0;
    struct ui_doc doc = {0};
    if (len > UI_DOC_MAX_BYTES)
        return -EFBIG;
    doc.storage = malloc(len + 1);
    if (!doc.storage)
        return -ENOMEM;
    memcpy(doc.storage, text, len);
    doc.storage[len] = '\0';
    if (strlen(doc.storage) != len) {
        rc = -EILSEQ; /* a NUL byte inside */
        goto out;
    }
    /* Paragraph lines run on: a block ends at a blank line or another kind. */
    bool in_paragraph = false;
    for (char *line = doc.storage; line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (text_check(line, 0, NULL) < 0) {
            rc = -EILSEQ;
            goto out;
        }
        struct ui_block b = {UI_BLOCK_PARAGRAPH, line};
        bool skip = false;
        if (n == 0 || line[0] == ';') {
            skip = true;
            in_paragraph = false;
        } else if (starts(line, "## ")) {
            b = (struct ui_block){UI_BLOCK_HEADING, line + 3};
        } else if (starts(line, "# ")) {
            b = (struct ui_block){UI_BLOCK_TITLE, line + 2};
        } else if (starts(line, "- ")) {
            b = (struct ui_block){UI_BLOCK_BULLET, line + 2};
        } else if (starts(line, "qr ")) {
            b = (struct ui_block){UI_BLOCK_QR, line + 3};
        } else if (in_paragraph) {
            /* Join with the previous line: the two strings are adjacent in
             * storage, so the NUL between them becomes a space. */
            line[-1] = ' ';
            if (line - 2 >= doc.storage && line[-2] == '\0')
                line[-2] = ' '; /* the CR of a CR LF line end */
            skip = true;
        }
        if (!skip) {
            if (doc.count == UI_DOC_MAX_BLOCKS) {
                rc = -EFBIG;
                goto out;
            }
            doc.blocks[doc.count++] = b;
            in_paragraph = b.kind == UI_BLOCK_PARAGRAPH;
        }
        line = nl ? nl + 1 : NULL;
    }
    *out = doc;
    doc.storage = NULL;
out:
    free(doc.storage);
    return rc;
}

int ui_doc_load(const char *path, struct ui_doc *out)
{
    int rc;
    char *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -errno;
    buf = malloc(UI_DOC_MAX_BYTES + 1);
    if (!buf) {
        rc = -ENOMEM;
        goto out;
    }
    size_t len = fread(buf, 1, UI_DOC_MAX_BYTES + 1, f);
    if (ferror(f)) {
        rc = -EIO;
        goto out;
    }
    rc = ui_doc_parse(buf, len, out);
out:
    free(buf);
    fclose(f);
    return rc;
}

void ui_doc_fini(struct ui_doc *doc)
{
    free(doc->storage);
    doc->storage = NULL;
    doc->count = 0;
}
