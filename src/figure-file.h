/*
 * figure-file.h - a display list written to a file, in the format its
 * name's extension says.
 *
 * Shared by "cmlcontract plot" and the explorer's key P: the figure is
 * rendered into memory (SVG by figure-svg.c, PDF and PNG by cairo when
 * the build has it) and written with atomic_file_write, so a failure
 * never leaves half a figure or a temporary file behind.
 */
#ifndef CML_FIGURE_FILE_H
#define CML_FIGURE_FILE_H

#include <stdbool.h>

#include "error.h"
#include "figure.h"

enum figure_format { FIGURE_PDF, FIGURE_SVG, FIGURE_PNG };

/* The format of path's extension (.pdf, .svg, .png in any case); -1 if
   none of them. */
int figure_file_format(const char *path, enum figure_format *format);

/* True if this build can write format (PDF and PNG need cairo). */
bool figure_file_can(enum figure_format format);

/*
 * Renders f in path's format (a PNG at png_w x png_h pixels) and writes
 * it atomically.  Returns 0, or -1 with err filled (origin = path).
 */
int figure_file_write(const struct figure *f, const char *path, int png_w,
		      int png_h, struct cml_error *err);

#endif
