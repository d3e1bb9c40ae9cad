/*
 * figure-cairo.h - a display list as PDF or PNG, drawn by cairo.
 *
 * Only built when configure found cairo (HAVE_CAIRO).  The PDF embeds its
 * fonts (cairo subsets them); the PNG is the same page scaled to a pixel
 * size.  SVG is figure-svg.c's, which keeps texts as text.
 */
#ifndef CML_FIGURE_CAIRO_H
#define CML_FIGURE_CAIRO_H

#include <stdio.h>

#include "figure.h"

/* A one-page PDF of f's size, written to out.  Returns 0 or -1. */
int figure_cairo_pdf(const struct figure *f, FILE *out);

/* A width x height pixel PNG of f, written to out.  Returns 0 or -1. */
int figure_cairo_png(const struct figure *f, int width, int height, FILE *out);

#endif
