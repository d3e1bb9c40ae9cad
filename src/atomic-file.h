/*
 * atomic-file.h - replace a file's contents all at once.
 *
 * Scenario saving and the report exporter write through here, so a crash,
 * a full disk or a killed process leaves either the old file or the new
 * one, never a half-written mix.
 */
#ifndef CML_ATOMIC_FILE_H
#define CML_ATOMIC_FILE_H

#include <stddef.h>

#include "error.h"

/*
 * Writes len bytes of data to path atomically: a temporary file
 * ".NAME.cml-PID-HOST.XXXXXX" is created in the same directory, written,
 * flushed to disk and renamed over path.  Temporary files of NAME that
 * killed saves on this host left behind (their pid no longer exists) are
 * removed first; nothing else is touched.  An existing target keeps its permission bits; a
 * new one gets 0644 less the umask.  A symbolic link at path is replaced by
 * the new file, not followed.
 *
 * Returns 0, or -1 with err filled (origin = path, line 0) and no
 * temporary file left behind.  Reads the umask by setting it briefly, so
 * do not call it while another thread creates files.
 */
int atomic_file_write(const char *path, const void *data, size_t len,
		      struct cml_error *err);

#endif
