/*
 * figure-svg.h - a display list as SVG, written by us rather than cairo.
 *
 * Why not cairo's SVG surface: it writes every text as glyph outlines, so
 * a number on the figure can neither be found, edited on a slide nor read
 * back by a test.  This writer emits real <text> elements (escaped), the
 * same geometry the PDF and PNG get from figure-cairo.c, and each tagged
 * item's tag, type and value as class, data-type and data-value, so the
 * drawn numbers can be checked against "solve --format json".  It needs
 * no library, so SVG works in a build without cairo.
 */
#ifndef CML_FIGURE_SVG_H
#define CML_FIGURE_SVG_H

#include <stdio.h>

#include "figure.h"

/* Writes f to out; returns 0, or -1 if writing failed. */
int figure_svg_write(const struct figure *f, FILE *out);

#endif
