/*
 * embedded.h - text files built into the program.
 *
 * The presets (data/NAME.yaml) and the lessons (data/lessons/NAME.yaml)
 * are byte-identical copies embedded at build time by
 * src/embed-files.sh, so the program works with nothing installed.
 */
#ifndef CML_EMBEDDED_H
#define CML_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* file name without ".yaml", e.g. "twotype" */
	const char *text; /* the file's bytes, NUL-terminated */
	size_t length;    /* bytes in text, without the NUL */
};

/* "a, b, c": the names of count files, cut to size. */
void embedded_names(const struct embedded_file *files, int count, char *buf,
		    size_t size);

#endif
