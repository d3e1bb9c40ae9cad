/*
 * file-read.h - reading a small input file whole, safely.
 *
 * Scenario and lesson files are small; a path that names a FIFO or a
 * device must not hang or have effects, and a file over the limit is
 * refused rather than cut.
 */
#ifndef CML_FILE_READ_H
#define CML_FILE_READ_H

#include <stddef.h>

#include "error.h"

/*
 * Reads the regular file at path, at most max bytes.  Returns a malloc'd
 * buffer (NUL-terminated; *len bytes before the NUL) the caller frees,
 * or NULL with err (origin path, line 0): not a regular file, cannot
 * open or read, or larger than max ("... larger than MAX bytes; what").
 */
char *file_read_small(const char *path, size_t max, const char *what,
		      size_t *len, struct cml_error *err);

#endif
