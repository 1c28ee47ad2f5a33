/*
 * docfile — writes an office document pulled from the hub into the
 * kiosk's folder of published documents (DATA_DIR/published), under the
 * same name it has in the assets folder: calendar/2027.txt,
 * office/service-rules.conf, office/service-info.id.txt, …
 *
 * The one idea: a file is either the old one or the new one, whole, even
 * across a power cut: the text goes to a hidden temporary file in the same
 * folder, is synced, renamed over the name, and the folder is synced. The
 * office loader skips hidden files, so a leftover temporary is harmless.
 */
#ifndef SERAMBI_SYNC_DOCFILE_H
#define SERAMBI_SYNC_DOCFILE_H

#include <stddef.h>

/* Writes text[0..len) as dir/name, creating dir and name's folder (mode
 * 0755) when missing. name must be one officedoc_name() accepts (it is
 * checked again: nothing is written outside dir). 0, -EINVAL for another
 * name, or the -errno of the file operation that failed. */
int sync_docfile_write(const char *dir, const char *name, const char *text, size_t len);

#endif
