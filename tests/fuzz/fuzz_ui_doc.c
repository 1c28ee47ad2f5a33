/*
 * fuzz_ui_doc — the office's visitor texts as staff might save them: any
 * bytes are read into blocks or refused, never a crash, and every block's
 * text lies inside the document's own storage.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ui_doc doc;
    if (ui_doc_parse((const char *)data, size, &doc) == 0) {
        for (size_t i = 0; i < doc.count; i++) {
            const char *t = doc.blocks[i].text;
            if (t < doc.storage || t > doc.storage + size || strlen(t) > size)
                abort();
        }
        ui_doc_fini(&doc);
    }
    return 0;
}
