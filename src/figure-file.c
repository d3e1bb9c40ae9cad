/*
 * figure-file.c - render into memory, then write the file atomically.
 */
#include "figure-file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic-file.h"
#include "config.h"
#include "figure-svg.h"
#if HAVE_CAIRO
#include "figure-cairo.h"
#endif

int figure_file_format(const char *path, enum figure_format *format)
{
	static const struct { const char *ext; enum figure_format f; } ext[] = {
		{ ".pdf", FIGURE_PDF }, { ".svg", FIGURE_SVG },
		{ ".png", FIGURE_PNG },
	};
	const char *dot = strrchr(path, '.');

	if (dot == NULL || strchr(dot, '/') != NULL)
		return -1;
	for (size_t k = 0; k < sizeof(ext) / sizeof(ext[0]); k++) {
		size_t n = strlen(ext[k].ext);
		bool same = strlen(dot) == n;
		for (size_t j = 0; same && j < n; j++)
			same = (dot[j] | 0x20) == ext[k].ext[j];
		if (same) {
			*format = ext[k].f;
			return 0;
		}
	}
	return -1;
}

bool figure_file_can(enum figure_format format)
{
	return HAVE_CAIRO || format == FIGURE_SVG;
}

int figure_file_write(const struct figure *f, const char *path, int png_w,
		      int png_h, struct cml_error *err)
{
	enum figure_format format;
	char *data = NULL;
	size_t len = 0;
	int rc = -1;

	if (figure_file_format(path, &format) != 0) {
		cml_error_set(err, path, 0, 0, "the name must end in .pdf, .svg "
			      "or .png (the format)");
		return -1;
	}
	if (!figure_file_can(format)) {
		cml_error_set(err, path, 0, 0, "this build writes SVG only (PDF "
			      "and PNG need cairo: the Debian package "
			      "libcairo2-dev)");
		return -1;
	}
	FILE *mem = open_memstream(&data, &len);
	if (mem == NULL) {
		cml_error_set(err, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	switch (format) {
	case FIGURE_SVG:
		rc = figure_svg_write(f, mem);
		break;
#if HAVE_CAIRO
	case FIGURE_PDF:
		rc = figure_cairo_pdf(f, mem);
		break;
	case FIGURE_PNG:
		rc = figure_cairo_png(f, png_w, png_h, mem);
		break;
#else
	default:
		(void)png_w;
		(void)png_h;
		break;
#endif
	}
	if (fclose(mem) != 0)
		rc = -1;
	if (rc != 0 || f->failed) {
		free(data);
		cml_error_set(err, path, 0, 0, "rendering the figure failed "
			      "(out of memory?)");
		return -1;
	}
	rc = atomic_file_write(path, data, len, err);
	free(data);
	return rc;
}
